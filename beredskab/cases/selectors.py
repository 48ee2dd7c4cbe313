"""Reading cases: the case list, one case with its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from beredskab.deadlines.models import DeadlineEvent

from .access import cases_visible_to
from .models import Case, JournalEntry


def case_list(user, *, state="", track="", limit=500):
    queryset = cases_visible_to(user).select_related("notification", "coordinator")
    if state:
        queryset = queryset.filter(state=state)
    if track:
        queryset = queryset.filter(track=track)
    return queryset.order_by("-notification__received_at")[:limit]


def case_by_reference(reference: str) -> Case | None:
    return (
        Case.objects.select_related("notification", "coordinator")
        .filter(notification__reference=reference)
        .first()
    )


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str
    label: str
    text: str
    author: str
    entry: JournalEntry | None = None


def case_timeline(case) -> list[TimelineItem]:
    """The journal and the deadline history in one list, oldest first."""
    entries = (
        JournalEntry.objects.filter(case=case)
        .select_related("author", "corrects")
        .prefetch_related(
            Prefetch("corrections", queryset=JournalEntry.objects.only("id", "corrects_id"))
        )
    )
    items = [
        TimelineItem(
            at=e.at,
            kind=e.kind,
            label=e.get_kind_display(),
            text=e.text,
            author=(e.author.get_full_name() or e.author.get_username()) if e.author else "",
            entry=e,
        )
        for e in entries
    ]
    for event in DeadlineEvent.objects.filter(notification_id=case.notification_id):
        items.append(
            TimelineItem(
                at=event.at,
                kind="deadline",
                label=f"{event.get_deadline_display()}: {event.get_event_display()}",
                text=f"Frist {timezone.localtime(event.due_at):%d-%m-%Y %H:%M}",
                author="",
            )
        )
    return sorted(items, key=lambda item: (item.at, item.kind))
