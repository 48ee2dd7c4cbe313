"""The plan's revision date (Barnets Lov § 15, stk. 3: revised at least every fourth year): how
soon it is, and when the leaders are reminded of it."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import overload

from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.plans.models import PlanVersion

from .models import RevisionThreshold
from .selectors import published_version

# Reminders, least urgent first; the revision counts as "soon" from the first of them.
REVISION_THRESHOLDS = ((RevisionThreshold.SIX_MONTHS, 6), (RevisionThreshold.THREE_MONTHS, 3))
DUE_SOON_MONTHS = REVISION_THRESHOLDS[0][1]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end`; negative when `end` is before `start`."""
    if end < start:
        return -whole_months(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def thresholds_reached(version: PlanVersion, today: dt.date) -> list[str]:
    """The reminder thresholds the version's revision date is within, least urgent first."""
    return [
        threshold
        for threshold, months in REVISION_THRESHOLDS
        if version.next_revision <= add_months(today, months)
    ]


@dataclass(frozen=True)
class RevisionStatus:
    """When the published plan must be revised at the latest, and how soon that is.

    `state` is "on_time", "due_soon" (within six months) or "overdue"; `months_left` is whole
    months (negative when overdue).
    """

    version: str
    next_revision: dt.date
    adopted_on: dt.date | None
    effective_from: dt.date
    months_left: int
    days_left: int
    state: str

    @property
    def months_overdue(self) -> int:
        return max(0, -self.months_left)

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def is_due_soon(self) -> bool:
        return self.state == "due_soon"

    @property
    def in_words(self) -> str:
        if self.state == "overdue":
            return _("Revisionen er overskredet")
        if self.state == "due_soon":
            return _("Revisionen nærmer sig")
        return _("I god tid")


@overload
def revision_status(version: PlanVersion, *, today: dt.date | None = None) -> RevisionStatus: ...
@overload
def revision_status(
    version: None = None, *, today: dt.date | None = None
) -> RevisionStatus | None: ...
def revision_status(
    version: PlanVersion | None = None, *, today: dt.date | None = None
) -> RevisionStatus | None:
    """The revision status of `version` (default: the published one); None without a plan."""
    version = version or published_version()
    if version is None:
        return None
    today = today or timezone.localdate()
    due = version.next_revision
    if due < today:
        state = "overdue"
    elif due <= add_months(today, DUE_SOON_MONTHS):
        state = "due_soon"
    else:
        state = "on_time"
    return RevisionStatus(
        version=version.version,
        next_revision=due,
        adopted_on=version.adopted_on,
        effective_from=version.effective_from,
        months_left=whole_months(today, due),
        days_left=(due - today).days,
        state=state,
    )
