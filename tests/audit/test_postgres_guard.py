"""On PostgreSQL audit rows cannot be changed or deleted by the application: a trigger refuses it
for every role, and the grant script gives the application's role INSERT and SELECT only."""

import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.audit.services import record

from .conftest import on_postgresql, verify

GRANTS = Path(__file__).resolve().parents[2] / "scripts" / "audit-grants.sql"


@pytest.fixture(autouse=True)
def postgresql_only(db):
    if not on_postgresql():
        pytest.skip("PostgreSQL only")


@pytest.fixture
def sealed_event(postgresql_only):
    event = record("case.view", object_type="cases.case", object_id="U-AAAA-BBBB", person_key="X")
    call_command("seal_audit")
    return AuditEvent.objects.get(pk=event.pk)


def refused(sql, params=()):
    """True when PostgreSQL refuses the statement (inside a savepoint, so the test goes on)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_a_sealed_event_cannot_be_changed_even_by_a_superuser(sealed_event):
    assert refused(
        "UPDATE audit_auditevent SET actor_username = 'x' WHERE id = %s", [sealed_event.pk]
    )
    assert refused("UPDATE audit_auditevent SET hash = 'x' WHERE id = %s", [sealed_event.pk])
    assert refused("UPDATE audit_auditsubject SET key = 'x'")


def test_an_unsealed_event_can_only_be_sealed_not_changed(postgresql_only):
    event = record("case.view", object_type="cases.case", object_id="U-AAAA-BBBB")

    assert refused(
        "UPDATE audit_auditevent SET seq = 1, action = 'other' WHERE id = %s", [event.pk]
    )
    call_command("seal_audit")
    assert AuditEvent.objects.get(pk=event.pk).seq == 1


def test_audit_rows_cannot_be_deleted_outside_retention(sealed_event):
    assert refused("DELETE FROM audit_auditevent")
    assert refused("DELETE FROM audit_auditsubject")
    assert AuditEvent.objects.count() == 1 and AuditSubject.objects.count() >= 1


@pytest.fixture
def app_role(postgresql_only):
    """A throwaway role set up by scripts/audit-grants.sql, as the operator sets up the role the
    application connects as (CREATE ROLE is undone with the test's transaction)."""
    name = f"bk_app_{uuid.uuid4().hex[:12]}"
    script = GRANTS.read_text().replace(':"app_role"', f'"{name}"')
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" NOLOGIN')
        cursor.execute(script)
    return name


def test_the_application_role_may_record_read_and_seal_but_not_update_or_delete(app_role):
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{app_role}"')
    try:
        record("case.view", object_type="cases.case", object_id="U-AAAA-BBBB", person_key="X")
        call_command("seal_audit")
        assert AuditEvent.objects.get().seq == 1
        for sql in [
            "UPDATE audit_auditevent SET action = 'x'",
            "DELETE FROM audit_auditevent",
            "DELETE FROM audit_auditsubject",
            "TRUNCATE audit_auditevent CASCADE",
        ]:
            assert refused(sql), sql
        # Not even with the retention job's switch: deleting needs another role.
        assert refused("SET LOCAL beredskab.audit_retention = 'on'; DELETE FROM audit_auditevent")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert AuditEvent.objects.count() == 1
    verify()
