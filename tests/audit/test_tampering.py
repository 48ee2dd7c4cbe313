"""Someone with write access to the database deletes or rewrites audit events, with or without
the key, and tidies up after themselves: `verify_audit` still notices (SQLite and PostgreSQL)."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.audit.services import record

from .conftest import as_database_owner, audit_models, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(checkpoint_dir):
    """Six reads, sealed with the hourly checkpoint written outside the database."""
    for n in range(6):
        reference = f"U-AAAA-BBB{n}"
        record(
            "notification.view",
            object_type="intake.notification",
            object_id=reference,
            person_key=reference,
        )
    call_command("checkpoint_audit")
    return list(AuditEvent.objects.order_by("seq"))


def plain_sha256(event, prev_hash):
    """What someone without the key computes: SHA-256 over the row's fields and the previous
    hash, as the trail once was."""
    payload = json.dumps(
        [
            event.seq,
            event.at.isoformat(),
            event.actor_id,
            event.actor_username,
            event.action,
            event.object_type,
            event.object_id,
            event.person_key,
            event.ip,
            event.detail,
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def rehash_without_key(from_seq):
    events = list(AuditEvent.objects.filter(seq__gte=from_seq).order_by("seq"))
    prev_hash = AuditEvent.objects.get(seq=from_seq - 1).hash
    with as_database_owner():
        for event in events:
            event.prev_hash = prev_hash
            event.hash = plain_sha256(event, prev_hash)
            AuditEvent.objects.filter(pk=event.pk).update(prev_hash=prev_hash, hash=event.hash)
            prev_hash = event.hash


def reseal_with_stolen_key(from_seq):
    """Someone who has the key (and the application's code) lets the sealer chain the rows
    again from `from_seq`: every hash is then valid."""
    with as_database_owner():
        AuditEvent.objects.filter(seq__gte=from_seq).update(seq=None, prev_hash="", hash="")
    call_command("seal_audit", "--no-checkpoint")


def test_an_untouched_trail_is_intact(trail, capsys):
    verify()

    out = capsys.readouterr().out
    assert "audit trail intact: 6 events" in out
    assert "1 checkpoint" in out


def test_wiping_every_audit_row_is_detected(trail, capsys):
    with as_database_owner():
        for model in audit_models():
            model.objects.all().delete()

    with pytest.raises(CommandError, match="tampered"):
        verify()
    assert "all events were deleted" in capsys.readouterr().err


def test_deleting_the_newest_events_is_detected(trail, capsys):
    with as_database_owner():
        AuditEvent.objects.filter(seq__gte=5).delete()

    with pytest.raises(CommandError):
        verify()
    assert "the newest events after #4 were deleted" in capsys.readouterr().err


def test_rehashing_a_stretch_without_the_key_is_detected(trail, capsys):
    with as_database_owner():
        AuditEvent.objects.filter(seq=3).update(action="notification.create")
    rehash_without_key(from_seq=3)

    with pytest.raises(CommandError):
        verify()
    assert "event #3 was changed after it was sealed" in capsys.readouterr().err


def test_rehashing_a_stretch_with_a_stolen_key_is_caught_by_the_checkpoint(trail, capsys):
    with as_database_owner():
        AuditEvent.objects.filter(seq=3).update(action="notification.create")
    reseal_with_stolen_key(from_seq=3)

    with pytest.raises(CommandError):
        verify()
    assert "event #6 differs from the checkpoint" in capsys.readouterr().err


def test_a_changed_row_is_detected(trail, capsys):
    with as_database_owner():
        AuditEvent.objects.filter(seq=2).update(actor_username="someone-else")

    with pytest.raises(CommandError):
        verify()
    assert "event #2 was changed after it was sealed" in capsys.readouterr().err


def test_a_changed_detail_is_detected(trail):
    with as_database_owner():
        AuditEvent.objects.filter(seq=2).update(detail={"via": "forged"})

    with pytest.raises(CommandError):
        verify()


def test_changing_whom_an_event_is_about_is_detected(trail, capsys):
    with as_database_owner():
        AuditSubject.objects.filter(event__seq=4).update(key="U-ZZZZ-ZZZZ")

    with pytest.raises(CommandError):
        verify()
    assert "event #4 was changed after it was sealed" in capsys.readouterr().err


def test_deleting_a_middle_row_is_detected(trail, capsys):
    with as_database_owner():
        AuditEvent.objects.filter(seq=3).delete()

    with pytest.raises(CommandError):
        verify()
    assert "event #3 is missing" in capsys.readouterr().err


def test_deleting_a_middle_row_and_renumbering_without_the_key_is_detected(trail):
    with as_database_owner():
        AuditEvent.objects.filter(seq=3).delete()
        for seq in (4, 5, 6):
            AuditEvent.objects.filter(seq=seq).update(seq=seq - 1)
    rehash_without_key(from_seq=3)

    with pytest.raises(CommandError):
        verify()


def test_deleting_a_middle_row_and_resealing_with_a_stolen_key_is_caught_by_the_checkpoint(
    trail, capsys
):
    with as_database_owner():
        AuditEvent.objects.filter(seq=3).delete()
    reseal_with_stolen_key(from_seq=4)  # the rest becomes #3, #4, #5

    with pytest.raises(CommandError):
        verify()
    assert "the newest events after #5 were deleted" in capsys.readouterr().err


def test_swapping_two_rows_is_detected(trail):
    first, second = trail[1], trail[2]
    with as_database_owner():
        AuditEvent.objects.filter(pk=first.pk).update(seq=999)
        AuditEvent.objects.filter(pk=second.pk).update(seq=first.seq)
        AuditEvent.objects.filter(pk=first.pk).update(seq=second.seq)

    with pytest.raises(CommandError):
        verify()


def test_verifying_with_another_key_fails(trail, settings):
    settings.BEREDSKAB_AUDIT_KEY = "another-key-that-is-long-enough-" + "x" * 32

    with pytest.raises(CommandError):
        verify()


def test_a_forged_checkpoint_line_is_reported(trail, checkpoint_dir, capsys):
    (path,) = checkpoint_dir.iterdir()
    path.write_text(path.read_text().replace('"seq":6', '"seq":3'))

    with pytest.raises(CommandError):
        verify()
    assert "bad signature" in capsys.readouterr().err
