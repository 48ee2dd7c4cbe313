"""The spokesperson is reminded by e-mail before a journalist's deadline passes, and when it has
passed: once per threshold, never twice, even when two runs race."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from beredskab.accounts import roles
from beredskab.outbox.models import OutboundEmail
from beredskab.press.models import PressReminder
from beredskab.press.services import remind_press_deadlines, update_inquiry
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.press.helpers import NOW, make_inquiry

DEADLINE = NOW + dt.timedelta(hours=4)  # 14.00


@pytest.fixture
def people(db):
    return {
        "intake": make_staff("modtager", roles.INTAKE, email="modtagelsen@kommune.example"),
        "press": make_staff("presse", roles.PRESS, email="presse@kommune.example"),
        "chief": make_staff("chef", roles.LEADER, email="socialchef@kommune.example"),
    }


def reminders():
    # The reminders only: registering an inquiry also tells the press team (tested elsewhere).
    return OutboundEmail.objects.exclude(subject__startswith="Ny pressehenvendelse").order_by("id")


def test_reminds_the_press_team_once_before_and_once_after_the_deadline(people):
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE)

    early = remind_press_deadlines(DEADLINE - dt.timedelta(hours=3))
    soon = remind_press_deadlines(DEADLINE - dt.timedelta(hours=1, minutes=30))
    again = remind_press_deadlines(DEADLINE - dt.timedelta(minutes=10))

    assert early.before == [] and early.emails_queued == 0
    assert soon.before == [inquiry.pk] and soon.emails_queued == 2
    assert again.before == []
    assert sorted(reminders().values_list("to", flat=True)) == [
        "presse@kommune.example",
        "socialchef@kommune.example",
    ]
    email = reminders().first()
    assert email.kind == "other"
    assert email.subject == f"Pressehenvendelse #{inquiry.pk}: svarfrist kl. 14.00"
    assert f"/medarbejder/presse/{inquiry.pk}/" in email.body
    assert "Ingen er endnu ansvarlig for svaret." in email.body

    late = remind_press_deadlines(DEADLINE + dt.timedelta(minutes=1))
    later = remind_press_deadlines(DEADLINE + dt.timedelta(hours=5))

    assert late.overdue == [inquiry.pk] and later.overdue == []
    overdue = reminders().filter(subject__contains="overskredet")
    assert overdue.count() == 2
    assert overdue.first().subject == (
        f"Pressehenvendelse #{inquiry.pk}: svarfristen kl. 14.00 er overskredet"
    )
    assert PressReminder.objects.filter(inquiry=inquiry).count() == 2
    assert reminders().count() == 4


@pytest.mark.usefixtures("allerod_plan")
def test_the_subject_names_neither_the_journalist_nor_the_case(people):
    case = make_notification().case
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE, case=case)

    remind_press_deadlines(DEADLINE + dt.timedelta(minutes=1))

    for email in reminders():
        assert "Jensen" not in email.subject + email.body
        assert case.notification.reference not in email.subject + email.body
        assert str(inquiry.pk) in email.subject


def test_a_deadline_on_another_day_says_which_day(people):
    inquiry = make_inquiry(
        people["intake"], deadline=NOW.replace(hour=0, minute=30) + dt.timedelta(days=1)
    )

    remind_press_deadlines(NOW.replace(hour=23))

    assert reminders().first().subject == (
        f"Pressehenvendelse #{inquiry.pk}: svarfrist 1. december kl. 00.30"
    )


def test_only_the_spokesperson_is_reminded_once_assigned(people):
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE)
    update_inquiry(
        inquiry,
        spokesperson=people["chief"],
        status="assigned",
        answered_at=None,
        answer_summary="",
        by=people["press"],
    )

    remind_press_deadlines(DEADLINE - dt.timedelta(hours=1))

    assert list(reminders().values_list("to", flat=True)) == ["socialchef@kommune.example"]
    assert "Ingen er endnu ansvarlig" not in reminders().get().body


@pytest.mark.parametrize("status", ["answered", "closed"])
def test_answered_and_closed_inquiries_are_not_reminded(people, status):
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE)
    update_inquiry(
        inquiry,
        spokesperson=None,
        status=status,
        answered_at=None,
        answer_summary="",
        by=people["press"],
    )

    report = remind_press_deadlines(DEADLINE + dt.timedelta(hours=1))

    assert report.overdue == [] and reminders().count() == 0


def test_the_window_is_a_setting(people, settings):
    settings.BEREDSKAB_PRESS_REMINDER_HOURS = 6
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE)

    report = remind_press_deadlines(DEADLINE - dt.timedelta(hours=5))

    assert report.before == [inquiry.pk]


def test_without_anyone_to_remind_the_reminder_waits(db):
    registrar = make_staff("modtager", roles.INTAKE)
    inquiry = make_inquiry(registrar, deadline=DEADLINE)

    nobody = remind_press_deadlines(DEADLINE + dt.timedelta(minutes=1))
    make_staff("presse", roles.PRESS)
    somebody = remind_press_deadlines(DEADLINE + dt.timedelta(minutes=2))

    assert nobody.overdue == [] and somebody.overdue == [inquiry.pk]


def test_the_command_reports_what_it_did(people, capsys):
    make_inquiry(people["intake"], deadline=dt.datetime(2020, 1, 6, 12, 0, tzinfo=NOW.tzinfo))

    call_command("remind_press_deadlines")
    call_command("remind_press_deadlines")

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "press: 0 due soon, 1 overdue, 2 e-mails queued",
        "press: 0 due soon, 0 overdue, 0 e-mails queued",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
def test_two_runs_at_the_same_time_remind_once(people):
    inquiry = make_inquiry(people["intake"], deadline=DEADLINE)
    at = DEADLINE + dt.timedelta(minutes=1)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            remind_press_deadlines(at)
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
    assert PressReminder.objects.filter(inquiry=inquiry, threshold="overdue").count() == 1
    assert reminders().count() == 2
