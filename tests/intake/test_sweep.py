"""The sweep e-mails Modtagelsen and the leader once per threshold, never twice."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from beredskab.accounts import roles
from beredskab.deadlines.models import DeadlineEvent
from beredskab.intake.sweep import sweep
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff
from tests.intake.helpers import make_notification

CPH = ZoneInfo("Europe/Copenhagen")
RECEIVED = dt.datetime(2026, 11, 30, 9, 0, tzinfo=CPH)  # Monday; assessment due Tuesday 09:00


@pytest.fixture
def people(db):
    make_staff("modtager", roles.INTAKE, email="modtagelsen@kommune.example")
    make_staff("chef", roles.LEADER, email="socialchef@kommune.example")
    make_staff("presse", roles.PRESS, email="presse@kommune.example")


def escalations():
    return OutboundEmail.objects.exclude(kind="receipt")


@pytest.mark.usefixtures("allerod_plan", "people")
def test_warns_once_when_due_soon_and_once_when_overdue():
    notification = make_notification(received_at=RECEIVED)

    early = sweep(RECEIVED + dt.timedelta(hours=10))
    assert early.warned == [] and escalations().count() == 0

    soon = sweep(RECEIVED + dt.timedelta(hours=21))  # 3 hours left, warning window 4 hours
    again = sweep(RECEIVED + dt.timedelta(hours=22))
    assert soon.warned == [(notification.reference, "assessment")]
    assert again.warned == []
    assert sorted(escalations().values_list("to", flat=True)) == [
        "modtagelsen@kommune.example",
        "socialchef@kommune.example",
    ]
    subject = escalations().first().subject
    assert subject == f"Frist nærmer sig: risikovurdering for {notification.reference}"

    late = sweep(RECEIVED + dt.timedelta(hours=25))
    later = sweep(RECEIVED + dt.timedelta(hours=30))
    assert late.overdue == [(notification.reference, "assessment")]
    assert later.overdue == []
    assert escalations().filter(kind="deadline_overdue").count() == 2
    assert DeadlineEvent.objects.filter(event__in=["due_soon", "overdue"]).count() == 2


@pytest.mark.usefixtures("allerod_plan", "people")
def test_met_deadlines_are_not_escalated():
    from beredskab.intake.services import assessment_recorded

    notification = make_notification(received_at=RECEIVED)
    assessment_recorded(notification, RECEIVED + dt.timedelta(hours=2))

    report = sweep(RECEIVED + dt.timedelta(hours=30))

    assert report.overdue == []
    assert notification.deadline_events.filter(deadline="assessment", event="met").exists()


@pytest.mark.usefixtures("allerod_plan", "people")
def test_receipt_deadline_is_escalated_too():
    notification = make_notification(received_at=RECEIVED, notifier_address="Testvej 1")

    report = sweep(notification.receipt_due_at + dt.timedelta(minutes=1))

    assert (notification.reference, "receipt") in report.overdue


@pytest.mark.usefixtures("allerod_plan", "people")
def test_command_reports_what_it_did(capsys):
    make_notification(received_at=dt.datetime(2020, 1, 6, 9, 0, tzinfo=CPH))  # receipt by phone

    call_command("sweep_deadlines")

    assert "2 overdue, 4 e-mails queued" in capsys.readouterr().out  # 2 deadlines x 2 people


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
@pytest.mark.usefixtures("allerod_plan", "people")
def test_two_sweeps_at_the_same_time_escalate_once():
    notification = make_notification(received_at=RECEIVED)
    at = RECEIVED + dt.timedelta(hours=25)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            sweep(at)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert DeadlineEvent.objects.filter(notification=notification, event="overdue").count() == 1
    assert escalations().filter(kind="deadline_overdue").count() == 2
