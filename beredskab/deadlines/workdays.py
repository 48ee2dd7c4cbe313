"""The working-day calendar: Monday-Friday minus Danish public holidays minus a plan's own
closed days. The one place that decides whether a day is a working day (hverdag).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class ClosedReason:
    kind: str  # "weekend", "holiday" (public holiday) or "closed_day" (the plan's own)
    name: dict[str, str]  # {"da": ..., "en": ...}


class ClosedDayLike(Protocol):
    """What the calendar needs of a plan's closed day (plans.schema.ClosedDay): deadlines is
    below plans, so it names the shape, not the class."""

    @property
    def name(self) -> Mapping[str, str]: ...

    def applies_to(self, day: dt.date) -> bool: ...


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> dict[dt.date, dict[str, str]]:
    danish = holidays.country_holidays("DK", years=year, language="da")
    english = holidays.country_holidays("DK", years=year, language="en_US")
    return {day: {"da": name, "en": english.get(day, name)} for day, name in danish.items()}


class WorkingCalendar:
    """Working days for one plan. `closed_days` are the plan's ClosedDay entries (or any object
    with `applies_to(date)` and a `name` text)."""

    def __init__(self, closed_days: Iterable[ClosedDayLike] = ()) -> None:
        self.closed_days = tuple(closed_days)

    def closed_reason(self, day: dt.date) -> ClosedReason | None:
        holiday = _danish_holidays(day.year).get(day)
        if holiday:
            return ClosedReason("holiday", holiday)
        for closed in self.closed_days:
            if closed.applies_to(day):
                return ClosedReason("closed_day", dict(closed.name))
        if day.weekday() >= 5:
            return ClosedReason("weekend", {"da": "weekend", "en": "weekend"})
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.closed_reason(day) is None

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (`day` itself is not counted)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        found = 0
        while found < count:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                found += 1
        return day


def local_date(moment: dt.datetime) -> dt.date:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(COPENHAGEN).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, as an aware datetime (DST-safe)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=COPENHAGEN)
