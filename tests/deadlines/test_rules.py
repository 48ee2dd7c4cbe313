"""The plan's deadlines: risk assessment 24 hours after receipt; receipt by the end of the 6th
working day after the day of receipt (Allerød's calendar: Danish public holidays plus the plan's
closed days 5 June, 24 and 31 December)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from beredskab.deadlines.rules import compute_deadlines, deadlines_for_plan
from beredskab.deadlines.workdays import WorkingCalendar

CPH = ZoneInfo("Europe/Copenhagen")


def local(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=CPH)


# fmt: off
CASES = [
    # (case, received (local), assessment due (local), last working day for the receipt)
    ("mid-week", "2026-11-25 10:00", "2026-11-26 10:00", "2026-12-03"),
    ("Friday evening", "2026-11-27 19:00", "2026-11-28 19:00", "2026-12-07"),
    ("Saturday (weekend receipt)", "2026-11-28 11:00", "2026-11-29 11:00", "2026-12-07"),
    ("Sunday night", "2026-11-29 23:30", "2026-11-30 23:30", "2026-12-07"),
    ("last minute of Monday", "2026-11-23 23:59", "2026-11-24 23:59", "2026-12-01"),
    ("first minute of Tuesday", "2026-11-24 00:00", "2026-11-25 00:00", "2026-12-02"),
    ("day before Easter", "2026-04-01 09:00", "2026-04-02 09:00", "2026-04-14"),
    ("Maundy Thursday", "2026-04-02 12:00", "2026-04-03 12:00", "2026-04-14"),
    ("Easter Monday", "2026-04-06 12:00", "2026-04-07 12:00", "2026-04-14"),
    ("day before Ascension", "2026-05-13 10:00", "2026-05-14 10:00", "2026-05-22"),
    ("Friday before Whit Monday", "2026-05-22 10:00", "2026-05-23 10:00", "2026-06-02"),
    ("day before Christmas Eve", "2026-12-23 10:00", "2026-12-24 10:00", "2027-01-06"),
    ("between Christmas and New Year", "2026-12-29 10:00", "2026-12-30 10:00", "2027-01-08"),
    ("New Year's Day", "2027-01-01 12:00", "2027-01-02 12:00", "2027-01-11"),
    ("before Constitution Day (the plan's closed day)", "2026-06-04 10:00", "2026-06-05 10:00", "2026-06-15"),
    # Summer time starts Sunday 29 March 2026 at 02:00: 24 hours later is 11:00 on the clock.
    ("Saturday before summer time", "2026-03-28 10:00", "2026-03-29 11:00", "2026-04-09"),
    # Summer time ends Sunday 25 October 2026 at 03:00: 24 hours later is 09:00 on the clock.
    ("Saturday before winter time", "2026-10-24 10:00", "2026-10-25 09:00", "2026-11-02"),
]
# fmt: on


@pytest.mark.parametrize(
    "received, assessment_due, last_day", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_deadlines(allerod_document, received, assessment_due, last_day):
    deadlines = deadlines_for_plan(local(received), allerod_document)

    assert deadlines.assessment_due_at == local(assessment_due)
    # Elapsed time (in UTC: Python subtracts same-zone times on the wall clock).
    elapsed = deadlines.assessment_due_at.astimezone(dt.UTC) - local(received).astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=24)
    assert deadlines.receipt_due_day == dt.date.fromisoformat(last_day)
    # The receipt is due by the end of that day: local midnight after it.
    next_midnight = dt.datetime.combine(
        dt.date.fromisoformat(last_day) + dt.timedelta(days=1), dt.time(), tzinfo=CPH
    )
    assert deadlines.receipt_due_at == next_midnight


def test_numbers_come_from_the_plan():
    deadlines = compute_deadlines(
        local("2026-11-25 10:00"),
        assessment_hours=48,
        receipt_working_days=2,
        calendar=WorkingCalendar(),
    )

    assert deadlines.assessment_due_at == local("2026-11-27 10:00")
    assert deadlines.receipt_due_day == dt.date(2026, 11, 27)


def test_naive_time_is_refused(allerod_document):
    with pytest.raises(ValueError):
        deadlines_for_plan(dt.datetime(2026, 11, 25, 10), allerod_document)  # noqa: DTZ001
