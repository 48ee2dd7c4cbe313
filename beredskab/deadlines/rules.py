"""The plan's deadlines for a notification, computed in one place.

- Risk assessment: `assessment_hours` (24) elapsed hours after receipt. Elapsed hours, not
  wall-clock hours: across a DST change the deadline is still 24 real hours later.
- Receipt to the notifier: by the end of the `receipt_working_days`-th (6th) working day after the
  day of receipt, i.e. local midnight after that working day. The day of receipt never counts, even
  when the notification arrives on a working day morning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .workdays import ClosedDayLike, WorkingCalendar, local_date, start_of_day


@dataclass(frozen=True)
class Deadlines:
    assessment_due_at: dt.datetime
    receipt_due_at: dt.datetime
    receipt_due_day: dt.date  # the last working day, for display ("senest tirsdag 12. maj")


def compute_deadlines(
    received_at: dt.datetime,
    *,
    assessment_hours: int,
    receipt_working_days: int,
    calendar: WorkingCalendar,
) -> Deadlines:
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    assessment_due = received_at.astimezone(dt.UTC) + dt.timedelta(hours=assessment_hours)
    last_day = calendar.add_working_days(local_date(received_at), receipt_working_days)
    receipt_due = start_of_day(last_day + dt.timedelta(days=1))
    return Deadlines(
        assessment_due_at=assessment_due.astimezone(received_at.tzinfo),
        receipt_due_at=receipt_due,
        receipt_due_day=last_day,
    )


class _DeadlineSettings(Protocol):
    @property
    def assessment_hours(self) -> int: ...

    @property
    def receipt_working_days(self) -> int: ...


class _ClosedDays(Protocol):
    @property
    def extra_closed_days(self) -> Iterable[ClosedDayLike]: ...


class PlanWithDeadlines(Protocol):
    """What the deadlines need of a plan (plans.schema.PlanDocument), named here because deadlines
    is below plans."""

    @property
    def deadlines(self) -> _DeadlineSettings: ...

    @property
    def contact(self) -> _ClosedDays: ...


def deadlines_for_plan(received_at: dt.datetime, plan: PlanWithDeadlines) -> Deadlines:
    """Deadlines from a PlanDocument's `deadlines` and `contact.extra_closed_days`."""
    return compute_deadlines(
        received_at,
        assessment_hours=plan.deadlines.assessment_hours,
        receipt_working_days=plan.deadlines.receipt_working_days,
        calendar=WorkingCalendar(plan.contact.extra_closed_days),
    )


def deadline_state(due_at: dt.datetime | None, now: dt.datetime, warning: dt.timedelta) -> str:
    """How a deadline stands at `now`: "overdue", "due_soon" (within `warning`), "on_time", or
    "no_deadline" when there is none."""
    if due_at is None:
        return "no_deadline"
    if due_at < now:
        return "overdue"
    if due_at < now + warning:
        return "due_soon"
    return "on_time"
