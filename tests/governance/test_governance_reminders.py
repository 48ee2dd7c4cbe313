"""The revision date (at most four years after adoption) is reminded 6 and 3 months ahead, once each."""

import datetime as dt
import threading
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from beredskab.accounts import roles
from beredskab.governance.models import RevisionReminder
from beredskab.governance.revision import revision_status, whole_months
from beredskab.governance.services import remind_revision
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff

CPH = ZoneInfo("Europe/Copenhagen")
# Allerød's plan: in force 1 April 2024, to be revised by 1 April 2028.
SEVEN_MONTHS_BEFORE = dt.datetime(2027, 9, 1, 8, 0, tzinfo=CPH)
WITHIN_SIX_MONTHS = dt.datetime(2027, 10, 2, 8, 0, tzinfo=CPH)
WITHIN_THREE_MONTHS = dt.datetime(2028, 1, 2, 8, 0, tzinfo=CPH)


@pytest.fixture
def people(db):
    make_staff("planadmin", roles.PLAN_ADMIN, email="plan@kommune.example")
    make_staff("chef", roles.LEADER, email="socialchef@kommune.example")
    make_staff("presse", roles.PRESS, email="presse@kommune.example")


def reminders():
    return OutboundEmail.objects.filter(subject__startswith="Beredskabsplanen")


@pytest.mark.usefixtures("allerod_plan", "people")
def test_reminded_once_six_months_ahead_and_once_three_months_ahead():
    assert remind_revision(SEVEN_MONTHS_BEFORE).reminded == []
    assert reminders().count() == 0

    first = remind_revision(WITHIN_SIX_MONTHS)
    again = remind_revision(WITHIN_SIX_MONTHS + dt.timedelta(days=1))

    assert first.reminded == ["6_months"]
    assert again.reminded == []
    assert sorted(reminders().values_list("to", flat=True)) == [
        "plan@kommune.example",
        "socialchef@kommune.example",
    ]
    assert reminders().first().subject == "Beredskabsplanen skal revideres senest 1. april 2028"

    second = remind_revision(WITHIN_THREE_MONTHS)
    later = remind_revision(WITHIN_THREE_MONTHS + dt.timedelta(days=30))

    assert second.reminded == ["3_months"]
    assert later.reminded == []
    assert reminders().count() == 4
    assert RevisionReminder.objects.count() == 2


@pytest.mark.usefixtures("allerod_plan", "people")
def test_a_late_first_run_sends_only_the_three_month_reminder():
    report = remind_revision(WITHIN_THREE_MONTHS)

    assert report.reminded == ["3_months"]
    assert reminders().count() == 2
    assert set(RevisionReminder.objects.values_list("threshold", flat=True)) == {
        "6_months",
        "3_months",
    }
    assert remind_revision(WITHIN_THREE_MONTHS).reminded == []


@pytest.mark.usefixtures("allerod_plan", "people")
def test_an_overdue_plan_is_reminded_in_words_that_say_so():
    remind_revision(dt.datetime(2028, 5, 1, 8, 0, tzinfo=CPH))

    subject = reminders().first().subject
    assert subject == "Beredskabsplanen skulle have været revideret senest 1. april 2028"


@pytest.mark.usefixtures("allerod_plan", "people")
def test_the_command_says_what_it_did():
    out = StringIO()

    call_command("remind_plan_revision", stdout=out)

    assert "plan revision: version 2024-04-01, revise by 2028-04-01" in out.getvalue()


@pytest.mark.django_db
def test_the_command_without_a_published_plan():
    out = StringIO()

    call_command("remind_plan_revision", stdout=out)

    assert "no published plan" in out.getvalue()


@pytest.mark.usefixtures("allerod_plan")
@pytest.mark.parametrize(
    ("today", "state", "months_left"),
    [
        (dt.date(2026, 1, 15), "on_time", 26),
        (dt.date(2027, 10, 2), "due_soon", 5),
        (dt.date(2028, 3, 31), "due_soon", 0),
        (dt.date(2028, 6, 1), "overdue", -2),
    ],
)
def test_revision_status_in_months_and_words(today, state, months_left):
    status = revision_status(today=today)

    assert status.next_revision == dt.date(2028, 4, 1)
    assert status.state == state
    assert status.months_left == months_left


def test_whole_months_counts_only_full_months():
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 2, 27)) == 0
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 1  # end of month
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 3, 31)) == 2
    assert whole_months(dt.date(2026, 5, 10), dt.date(2026, 4, 1)) == -1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
@pytest.mark.usefixtures("allerod_plan", "people")
def test_two_runs_at_the_same_time_remind_once():
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            remind_revision(WITHIN_SIX_MONTHS)
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
    assert RevisionReminder.objects.filter(threshold="6_months").count() == 1
    assert reminders().count() == 2
