"""Recording an event takes no lock; the sealer chains the events afterwards, in order, under a
lock of its own. Rolled-back transactions leave gaps in the ids, never in the chain."""

import threading

import pytest
from django.core.management import call_command
from django.db import connections, transaction

from beredskab.audit.models import AuditEvent
from beredskab.audit.sealing import seal_events
from beredskab.audit.services import record

from .conftest import on_postgresql, verify


def read(n):
    return record("case.view", object_type="cases.case", object_id=f"U-CASE-000{n}")


@pytest.mark.django_db
def test_an_event_is_written_unsealed_and_sealed_in_order_later(capsys):
    events = [read(n) for n in range(3)]

    assert [e.seq for e in events] == [None, None, None]
    call_command("seal_audit")

    sealed = list(AuditEvent.objects.order_by("seq").values_list("pk", "seq"))
    assert sealed == [(events[0].pk, 1), (events[1].pk, 2), (events[2].pk, 3)]
    assert "sealed 3 events" in capsys.readouterr().out


@pytest.mark.django_db
def test_sealing_again_changes_nothing():
    read(1)
    call_command("seal_audit")
    before = list(AuditEvent.objects.values_list("seq", "hash"))

    call_command("seal_audit")

    assert list(AuditEvent.objects.values_list("seq", "hash")) == before


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_false_alarm(capsys):
    read(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        read(2)  # recorded with the change it describes, and rolled back with it
        raise RuntimeError("the change failed")
    read(3)

    verify()

    assert AuditEvent.objects.count() == 2
    assert "audit trail intact: 2 events" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_seals_first_unless_told_not_to(capsys):
    read(1)
    call_command("seal_audit")
    read(2)

    verify("--no-seal")
    out = capsys.readouterr().out
    assert "audit trail intact: 1 events" in out
    assert "1 event not sealed yet" in out

    verify()
    assert "audit trail intact: 2 events" in capsys.readouterr().out


# -- Concurrency: PostgreSQL only (SQLite lets one writer at a time in by design) -------------


def in_thread(target, *args):
    """Run `target` in a thread with its own database connection."""
    outcome = {}

    def run():
        try:
            outcome["value"] = target(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@pytest.mark.django_db(transaction=True)
def test_two_readers_record_at_the_same_time_without_waiting_for_each_other():
    if not on_postgresql():
        pytest.skip("PostgreSQL only: SQLite takes one writer at a time by design")
    first_recorded = threading.Event()
    second_done = threading.Event()

    def first_reader():
        with transaction.atomic():
            read(1)
            first_recorded.set()
            # Hold the transaction open until the second reader has recorded and committed.
            return second_done.wait(timeout=10)

    def second_reader():
        first_recorded.wait(timeout=10)
        with transaction.atomic():
            read(2)
        second_done.set()

    thread_1, outcome_1 = in_thread(first_reader)
    thread_2, outcome_2 = in_thread(second_reader)
    thread_1.join(30)
    thread_2.join(30)

    assert "error" not in outcome_1 and "error" not in outcome_2
    assert outcome_1["value"] is True, "the second reader waited for the first one's transaction"
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_event_committed_late_is_chained_after_the_newer_ones(capsys):
    if not on_postgresql():
        pytest.skip("PostgreSQL only: SQLite takes one writer at a time by design")
    recorded, sealed = threading.Event(), threading.Event()

    def slow_transaction():
        with transaction.atomic():
            event = read(1)  # takes its id first ...
            recorded.set()
            sealed.wait(timeout=10)  # ... and commits only after the sealer has run
        return event.pk

    thread, outcome = in_thread(slow_transaction)
    recorded.wait(timeout=10)
    newer = read(2)
    call_command("seal_audit")
    sealed.set()
    thread.join(30)
    call_command("seal_audit")

    slow_pk = outcome["value"]
    assert slow_pk < newer.pk
    assert list(AuditEvent.objects.order_by("seq").values_list("pk", flat=True)) == [
        newer.pk,
        slow_pk,
    ]
    verify()
    assert "audit trail intact: 2 events" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_sealers_at_once_make_one_chain(capsys):
    if not on_postgresql():
        pytest.skip("PostgreSQL only: SQLite takes one writer at a time by design")
    for n in range(300):
        read(n)

    threads = [in_thread(seal_events) for _ in range(2)]
    for thread, _ in threads:
        thread.join(60)

    assert all("error" not in outcome for _, outcome in threads)
    assert sum(outcome["value"] for _, outcome in threads) == 300
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 301))
    verify("--no-seal")
    assert "audit trail intact: 300 events" in capsys.readouterr().out
