"""Production settings are safe: `check --deploy` is clean, and they refuse to start unsafely.

Nothing is assumed from the environment: DEBUG is off unless DJANGO_DEBUG says otherwise, and with
DEBUG off a secret key, a database URL (SQLite only when explicitly allowed) and the address staff
reach the installation on must be given."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "beredskab.example.dk",
    "DATABASE_URL": "sqlite:///:memory:",
    "BEREDSKAB_ALLOW_SQLITE": "1",
    "BEREDSKAB_BASE_URL": "https://beredskab.example.dk",
}
SHOW = "from django.conf import settings as s; print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.SECRET_KEY)"


def manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "BEREDSKAB_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def without(*names, **changes):
    return {**{k: v for k, v in PRODUCTION.items() if k not in names}, **changes}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_when_django_debug_is_not_set():
    result = manage("shell", "-v", "0", "-c", SHOW, env=without("DJANGO_DEBUG"))

    assert result.returncode == 0, result.stderr
    debug, hsts, _key = result.stdout.split()
    assert debug == "False"
    assert int(hsts) > 0


def test_without_any_configuration_it_refuses_to_start_rather_than_run_in_debug():
    result = manage("check", env={})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env=without("DJANGO_SECRET_KEY"))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_development_secret_key_needs_django_debug_on():
    result = manage("shell", "-v", "0", "-c", SHOW, env={"DJANGO_DEBUG": "1"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"
    assert "development-only" in result.stdout


def test_production_refuses_to_start_without_a_database_url():
    result = manage("check", env=without("DATABASE_URL", "BEREDSKAB_ALLOW_SQLITE"))

    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr
    assert "BEREDSKAB_ALLOW_SQLITE=1" in result.stderr


def test_production_refuses_sqlite_unless_explicitly_allowed():
    result = manage("check", env=without("BEREDSKAB_ALLOW_SQLITE"))

    assert result.returncode != 0
    assert "SQLite" in result.stderr and "BEREDSKAB_ALLOW_SQLITE=1" in result.stderr


def test_production_with_sqlite_explicitly_allowed_starts():
    result = manage("check", env=without("DATABASE_URL"))

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_its_base_url():
    result = manage("check", env=without("BEREDSKAB_BASE_URL"))

    assert result.returncode != 0
    assert "BEREDSKAB_BASE_URL must be set" in result.stderr


@pytest.mark.parametrize(
    "url", ["beredskab.example.dk", "ftp://beredskab.example.dk", "https://", "javascript:x"]
)
def test_production_refuses_a_base_url_that_is_not_an_http_address(url):
    result = manage("check", env=without(BEREDSKAB_BASE_URL=url))

    assert result.returncode != 0
    assert "BEREDSKAB_BASE_URL" in result.stderr and "http" in result.stderr


@pytest.mark.parametrize("entry", ["10.0.0.300", "proxy.example.dk"])
def test_a_trusted_proxy_that_is_not_an_address_is_refused(entry):
    result = manage("check", env=without(BEREDSKAB_TRUSTED_PROXIES=f"10.0.0.1,{entry}"))

    assert result.returncode != 0
    assert "BEREDSKAB_TRUSTED_PROXIES" in result.stderr and entry in result.stderr


def test_demo_data_is_refused_in_production():
    result = manage("load_demo_data", env=PRODUCTION)

    assert result.returncode != 0
    assert "development only" in result.stderr
