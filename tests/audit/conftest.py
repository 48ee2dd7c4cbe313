"""The audit tests run with a fixed key, their own checkpoint folder, and what an attacker with
the database's owner's rights can do."""

import contextlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

TEST_KEY = "a-fixed-key-for-the-audit-tests-" + "0123456789abcdef" * 2


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def audit_key(settings):
    settings.BEREDSKAB_AUDIT_KEY = TEST_KEY
    settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR = ""
    settings.BEREDSKAB_AUDIT_SYSLOG = ""
    return TEST_KEY


@pytest.fixture
def checkpoint_dir(settings, tmp_path):
    """The append-only folder outside the database that the checkpoints go to."""
    folder = tmp_path / "audit-checkpoints"
    folder.mkdir()
    settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR = str(folder)
    return folder


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextlib.contextmanager
def as_database_owner():
    """Whoever owns the tables can switch off the triggers that refuse changes to audit rows
    (on PostgreSQL; SQLite has none): what the trail must hold against."""
    if on_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    try:
        yield
    finally:
        if on_postgresql():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def audit_models():
    return list(apps.get_app_config("audit").get_models())


def verify(*args):
    call_command("verify_audit", *args)
