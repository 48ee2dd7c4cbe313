"""Properties of the working-day calendar and the plan's deadlines, for any moment of receipt
(DST changes, public holidays and the plan's own closed days included)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beredskab.deadlines.rules import compute_deadlines
from beredskab.deadlines.workdays import WorkingCalendar, local_date, start_of_day

CPH = ZoneInfo("Europe/Copenhagen")
moments = st.datetimes(
    min_value=dt.datetime(2015, 1, 1),
    max_value=dt.datetime(2040, 12, 31),
    timezones=st.sampled_from([CPH, dt.UTC, ZoneInfo("America/New_York")]),
)
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 12, 31))


@pytest.fixture(scope="module")
def calendars(allerod_document):
    return [WorkingCalendar(), WorkingCalendar(allerod_document.contact.extra_closed_days)]


def deadlines(received, calendar, working_days=6):
    return compute_deadlines(
        received, assessment_hours=24, receipt_working_days=working_days, calendar=calendar
    )


@given(received=moments, working_days=st.integers(1, 15), which=st.integers(0, 1))
def test_the_receipt_is_due_at_the_end_of_a_working_day_after_receipt(
    calendars, received, working_days, which
):
    calendar = calendars[which]

    due = deadlines(received, calendar, working_days)

    assert calendar.is_working_day(due.receipt_due_day)
    assert due.receipt_due_at == start_of_day(due.receipt_due_day + dt.timedelta(days=1))
    assert due.receipt_due_at.astimezone(CPH).time() == dt.time(0, 0)
    assert due.receipt_due_at > received
    assert due.receipt_due_day > local_date(received)  # the day of receipt never counts


@given(first=moments, second=moments, which=st.integers(0, 1))
def test_a_later_receipt_never_has_an_earlier_deadline(calendars, first, second, which):
    calendar = calendars[which]
    earlier, later = sorted([first, second])

    assert deadlines(earlier, calendar).receipt_due_at <= deadlines(later, calendar).receipt_due_at
    assert (
        deadlines(earlier, calendar).assessment_due_at
        <= deadlines(later, calendar).assessment_due_at
    )


@given(received=moments)
def test_the_assessment_is_due_24_elapsed_hours_after_receipt(calendars, received):
    due = deadlines(received, calendars[1])

    # Elapsed time, so compared in UTC: Python subtracts two times in the same zone by the wall
    # clock, which shows 23 or 25 hours across a DST change.
    assert (
        due.assessment_due_at.astimezone(dt.UTC) - received.astimezone(dt.UTC)
    ).total_seconds() == 24 * 3600


@given(day=days, count=st.integers(1, 30), which=st.integers(0, 1))
def test_adding_working_days_lands_on_a_working_day_counting_each_once(
    calendars, day, count, which
):
    calendar = calendars[which]

    result = calendar.add_working_days(day, count)

    assert calendar.is_working_day(result)
    between = [day + dt.timedelta(days=i) for i in range(1, (result - day).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == count
