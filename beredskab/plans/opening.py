"""Is the municipality open right now, and whom should a worried person contact?

Opening hours are the plan's per-weekday spans in Europe/Copenhagen time; public holidays and the
plan's own closed days close the office; outside the hours the plan's out-of-hours service applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beredskab.deadlines.workdays import COPENHAGEN, ClosedReason, WorkingCalendar

from .schema import WEEKDAYS, PlanDocument

LOOKAHEAD_DAYS = 21


@dataclass(frozen=True)
class ContactNow:
    at: dt.datetime
    is_open: bool
    closed_reason: ClosedReason | None  # set when the whole day is closed
    closes_at: dt.datetime | None
    next_opening: dt.datetime | None

    @property
    def reason(self) -> str:
        if self.is_open:
            return "open"
        return self.closed_reason.kind if self.closed_reason else "outside_hours"


def calendar_for(document: PlanDocument) -> WorkingCalendar:
    return WorkingCalendar(document.contact.extra_closed_days)


def _spans(document: PlanDocument, day: dt.date):
    for span in document.contact.opening_hours.get(WEEKDAYS[day.weekday()], []):
        yield (
            dt.datetime.combine(day, span.opens, tzinfo=COPENHAGEN),
            dt.datetime.combine(day, span.closes, tzinfo=COPENHAGEN),
        )


def contact_now(document: PlanDocument, at: dt.datetime) -> ContactNow:
    if at.tzinfo is None:
        raise ValueError("an aware datetime is required")
    at = at.astimezone(COPENHAGEN)
    calendar = calendar_for(document)
    today = at.date()
    reason = calendar.closed_reason(today)
    day_closed = reason is not None and reason.kind != "weekend"

    closes_at = None
    if not day_closed:
        for opens, closes in _spans(document, today):
            if opens <= at < closes:
                closes_at = closes
                break

    next_opening = None
    for offset in range(LOOKAHEAD_DAYS):
        day = today + dt.timedelta(days=offset)
        day_reason = calendar.closed_reason(day)
        if day_reason is not None and day_reason.kind != "weekend":
            continue
        later = [opens for opens, _ in _spans(document, day) if opens > at]
        if later:
            next_opening = min(later)
            break

    return ContactNow(
        at=at,
        is_open=closes_at is not None,
        closed_reason=reason if day_closed or (reason and closes_at is None) else None,
        closes_at=closes_at,
        next_opening=next_opening,
    )


def opening_hours_table(document: PlanDocument) -> list[tuple[str, list]]:
    """(weekday key, spans) for Monday..Sunday, for display."""
    return [(day, document.contact.opening_hours.get(day, [])) for day in WEEKDAYS]
