"""The trail is kept for the plan's `retention.audit_log_years` (Allerød: 5) and then deleted by
`apply_audit_retention`, which writes what it deleted to the checkpoints first, so verify_audit
continues from there and still notices any other deletion."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from beredskab.audit import checkpoints
from beredskab.audit.models import AuditEvent, AuditRetention, AuditSubject
from beredskab.audit.services import record
from beredskab.audit.verification import retention_signature

from .conftest import as_database_owner, verify

pytestmark = pytest.mark.usefixtures("allerod_plan")

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CPH)


@pytest.fixture
def old_and_new(time_machine, checkpoint_dir):
    """Three reads six years ago, two four years ago and two today, sealed as they happened."""
    for years_ago, count in ((6, 3), (4, 2), (0, 2)):
        time_machine.move_to(NOW - dt.timedelta(days=365 * years_ago), tick=False)
        for n in range(count):
            record("case.view", object_type="cases.case", object_id=f"U-OLD{years_ago}-000{n}")
        call_command("seal_audit")
    time_machine.move_to(NOW, tick=False)


def test_events_older_than_the_retention_period_are_deleted(old_and_new, capsys):
    call_command("apply_audit_retention")

    assert "deleted 3 audit events" in capsys.readouterr().out
    remaining = sorted(AuditEvent.objects.exclude(action="audit.retention").values_list("seq"))
    assert remaining == [(4,), (5,), (6,), (7,)]
    assert not AuditSubject.objects.filter(key__startswith="U-OLD6").exists()


def test_the_deletion_is_checkpointed_and_the_rest_verifies(old_and_new, checkpoint_dir, capsys):
    call_command("apply_audit_retention")

    lines = [
        json.loads(line.partition(" ")[2])
        for path in checkpoint_dir.iterdir()
        for line in path.read_text().splitlines()
    ]
    retention = [c for c in lines if c["kind"] == "retention"]
    assert [(c["seq"], c["count"]) for c in retention] == [(3, 3)]
    verify()
    assert "audit trail intact" in capsys.readouterr().out


def test_a_deletion_beyond_retention_is_still_detected(old_and_new, capsys):
    call_command("apply_audit_retention")
    with as_database_owner():
        AuditEvent.objects.filter(seq=4).delete()  # the oldest that should remain

    with pytest.raises(CommandError):
        verify()
    assert "event #4 is missing" in capsys.readouterr().err


def test_a_pretended_retention_is_detected(old_and_new, capsys):
    """Deleting the oldest events by hand, as if retention had run, is not a retention."""
    with as_database_owner():
        AuditEvent.objects.filter(seq__lte=5).delete()

    with pytest.raises(CommandError):
        verify()
    assert "events #1–#5 are missing" in capsys.readouterr().err


def test_a_dry_run_deletes_nothing(old_and_new, capsys):
    call_command("apply_audit_retention", "--dry-run")

    assert "would delete 3 audit events" in capsys.readouterr().out
    assert AuditEvent.objects.count() == 7


def test_the_retention_itself_is_audited(old_and_new):
    call_command("apply_audit_retention")

    event = AuditEvent.objects.get(action="audit.retention")
    assert event.detail["deleted"] == 3 and event.detail["through_seq"] == 3


def test_a_retention_that_failed_after_its_checkpoint_raises_no_alarm(old_and_new, capsys):
    head = AuditEvent.objects.get(seq=3)
    checkpoints.write(checkpoints.retention_checkpoint(3, head.hash, 3))  # then the delete failed
    call_command("checkpoint_audit")

    verify()

    assert "audit trail intact: 7 events" in capsys.readouterr().out


def test_a_retention_mark_made_up_with_a_stolen_key_is_detected(old_and_new, capsys):
    """Someone with the key deletes the oldest events and signs a mark dated before the first
    checkpoint, as if retention had run then."""
    head = AuditEvent.objects.get(seq=3)
    at = NOW - dt.timedelta(days=365 * 7)
    with as_database_owner():
        AuditEvent.objects.filter(seq__lte=3).delete()
    AuditRetention.objects.create(
        seq=3, hash=head.hash, deleted=3, at=at, signature=retention_signature(3, head.hash, 3, at)
    )

    with pytest.raises(CommandError):
        verify()
    assert "which no retention accounts for" in capsys.readouterr().err
