"""The audit trail is hash-chained: verify_audit detects a changed, deleted or reordered row."""

import pytest
from django.core.management import CommandError, call_command

from beredskab.audit.models import AuditEvent
from beredskab.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    for n in range(5):
        record("notification.view", object_type="intake.notification", object_id=f"U-{n}")
    return list(AuditEvent.objects.order_by("seq"))


def verify():
    call_command("verify_audit")


def test_intact_chain_passes(chain, capsys):
    verify()

    assert "audit trail intact: 5 events" in capsys.readouterr().out


def test_changed_row_is_detected(chain):
    AuditEvent.objects.filter(pk=chain[2].pk).update(actor_username="someone-else")

    with pytest.raises(CommandError, match="tampered"):
        verify()


def test_changed_detail_is_detected(chain):
    AuditEvent.objects.filter(pk=chain[1].pk).update(detail={"via": "forged"})

    with pytest.raises(CommandError):
        verify()


def test_deleted_row_is_detected(chain, capsys):
    AuditEvent.objects.filter(pk=chain[2].pk).delete()

    with pytest.raises(CommandError):
        verify()
    assert "event #3 is missing" in capsys.readouterr().err


def test_deleted_newest_row_is_detected(chain, capsys):
    AuditEvent.objects.filter(pk=chain[-1].pk).delete()

    with pytest.raises(CommandError):
        verify()
    assert "were deleted" in capsys.readouterr().err


def test_reordered_rows_are_detected(chain):
    first, second = chain[1], chain[2]
    # Swap the sequence numbers of two rows (via a free number: seq is unique).
    AuditEvent.objects.filter(pk=first.pk).update(seq=999)
    AuditEvent.objects.filter(pk=second.pk).update(seq=first.seq)
    AuditEvent.objects.filter(pk=first.pk).update(seq=second.seq)

    with pytest.raises(CommandError):
        verify()


def test_recomputed_forgery_of_one_row_breaks_the_next(chain):
    from beredskab.audit.services import event_hash

    forged = chain[1]
    forged.action = "notification.create"
    forged.hash = event_hash(forged, forged.prev_hash)
    AuditEvent.objects.filter(pk=forged.pk).update(action=forged.action, hash=forged.hash)

    with pytest.raises(CommandError):
        verify()
