"""Whether Allerød is open at a given moment: weekdays, holidays, closed days and DST.

Allerød's telephone hours: Monday 12-17, Tuesday 8-12, Thursday 12-17 (Europe/Copenhagen).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from beredskab.plans.opening import contact_now

CPH = ZoneInfo("Europe/Copenhagen")
UTC = dt.UTC


def local(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=CPH)


def utc(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


# fmt: off
CASES = [
    # (moment, open?, reason, next opening local or None when open)
    ("Monday just before opening", local("2026-11-23 11:59"), False, "outside_hours", "2026-11-23 12:00"),
    ("Monday at opening", local("2026-11-23 12:00"), True, "open", None),
    ("Monday last minute", local("2026-11-23 16:59"), True, "open", None),
    ("Monday at closing", local("2026-11-23 17:00"), False, "outside_hours", "2026-11-24 08:00"),
    ("Tuesday morning", local("2026-11-24 08:00"), True, "open", None),
    ("Tuesday noon", local("2026-11-24 12:00"), False, "outside_hours", "2026-11-26 12:00"),
    ("Wednesday, no hours", local("2026-11-25 10:00"), False, "outside_hours", "2026-11-26 12:00"),
    ("Friday evening", local("2026-11-27 19:00"), False, "outside_hours", "2026-11-30 12:00"),
    ("Saturday", local("2026-11-28 13:00"), False, "weekend", "2026-11-30 12:00"),
    ("Sunday night", local("2026-11-29 23:30"), False, "weekend", "2026-11-30 12:00"),
    # Easter 2026: Maundy Thursday 2 April .. Easter Monday 6 April.
    ("Maundy Thursday", local("2026-04-02 13:00"), False, "holiday", "2026-04-07 08:00"),
    ("Good Friday", local("2026-04-03 10:00"), False, "holiday", "2026-04-07 08:00"),
    ("Easter Monday", local("2026-04-06 13:00"), False, "holiday", "2026-04-07 08:00"),
    ("Tuesday after Easter", local("2026-04-07 09:00"), True, "open", None),
    ("Ascension Day", local("2026-05-14 13:00"), False, "holiday", "2026-05-18 12:00"),
    ("Whit Monday", local("2026-05-25 13:00"), False, "holiday", "2026-05-26 08:00"),
    # Christmas and New Year.
    ("Monday before Christmas", local("2025-12-22 13:00"), True, "open", None),
    ("Christmas Day (Thursday)", local("2025-12-25 13:00"), False, "holiday", "2025-12-29 12:00"),
    ("Christmas Eve 2026 (Thursday, the plan's closed day)", local("2026-12-24 13:00"), False,
     "closed_day", "2026-12-28 12:00"),
    ("New Year's Eve 2026 (Thursday, the plan's closed day)", local("2026-12-31 13:00"), False,
     "closed_day", "2027-01-04 12:00"),
    ("New Year's Day 2026 (Thursday)", local("2026-01-01 13:00"), False, "holiday", "2026-01-05 12:00"),
    # Constitution Day 2025 is a Thursday; the Monday after is Whit Monday.
    ("Constitution Day 2025 (the plan's closed day)", local("2025-06-05 13:00"), False,
     "closed_day", "2025-06-10 08:00"),
    # Summer time starts Sunday 29 March 2026: 12:00 local is 10:00 UTC after, 11:00 UTC before.
    ("Monday before summer time, 12:00 CET", utc("2026-03-23 11:00"), True, "open", None),
    ("Monday before summer time, 11:30 CET", utc("2026-03-23 10:30"), False, "outside_hours",
     "2026-03-23 12:00"),
    ("Monday after summer time, 12:00 CEST", utc("2026-03-30 10:00"), True, "open", None),
    ("Monday after summer time, 11:30 CEST", utc("2026-03-30 09:30"), False, "outside_hours",
     "2026-03-30 12:00"),
    # Summer time ends Sunday 25 October 2026.
    ("Monday before winter time, 16:30 CEST", utc("2026-10-19 14:30"), True, "open", None),
    ("Monday before winter time, 17:30 CEST", utc("2026-10-19 15:30"), False, "outside_hours",
     "2026-10-20 08:00"),
    ("Monday after winter time, 16:30 CET", utc("2026-10-26 15:30"), True, "open", None),
    ("Monday after winter time, 11:30 CET", utc("2026-10-26 10:30"), False, "outside_hours",
     "2026-10-26 12:00"),
    ("The night summer time starts", utc("2026-03-29 01:30"), False, "weekend", "2026-03-30 12:00"),
]
# fmt: on


@pytest.mark.parametrize(
    "moment, is_open, reason, next_opening", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_contact_now(allerod_document, moment, is_open, reason, next_opening):
    answer = contact_now(allerod_document, moment)

    assert answer.is_open is is_open
    assert answer.reason == reason
    if is_open:
        assert answer.closes_at > moment
    else:
        assert answer.closes_at is None
        assert answer.next_opening == local(next_opening)


def test_holiday_reason_is_named_in_both_languages(allerod_document):
    answer = contact_now(allerod_document, local("2026-04-03 10:00"))

    assert answer.closed_reason.name == {"da": "Langfredag", "en": "Good Friday"}


def test_naive_time_is_refused(allerod_document):
    with pytest.raises(ValueError):
        contact_now(allerod_document, dt.datetime(2026, 4, 3, 10, 0))  # noqa: DTZ001
