"""Reading cases: the case list, one case with its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from beredskab.deadlines.models import DeadlineEvent

from .access import cases_visible_to
from .hooks import registered_closing_warnings
from .models import Case, JournalEntry


def case_list(user, *, state="", track="", limit=500):
    queryset = cases_visible_to(user).select_related("notification", "coordinator")
    if state:
        queryset = queryset.filter(state=state)
    if track:
        queryset = queryset.filter(track=track)
    return queryset.order_by("-notification__received_at")[:limit]


def search_cases(user, *, by: str, value, limit: int = 50):
    """The cases the user may see that match one criterion: a reference (any case, any letter
    case), a name (part of the person's name), a CPR number, or the day the notification was
    received. Need to know first: a case the user may not see is never found."""
    queryset = cases_visible_to(user).select_related("notification", "coordinator")
    if by == "reference":
        queryset = queryset.filter(notification__reference__iexact=value.strip())
    elif by == "name":
        queryset = queryset.filter(notification__person_name__icontains=value.strip())
    elif by == "cpr":
        queryset = queryset.filter(notification__person_cpr=value)
    elif by == "date":
        start = timezone.make_aware(datetime.combine(value, datetime.min.time()))
        queryset = queryset.filter(
            notification__received_at__gte=start,
            notification__received_at__lt=start + timedelta(days=1),
        )
    else:
        return Case.objects.none()
    return queryset.order_by("-notification__received_at")[:limit]


def case_by_reference(reference: str) -> Case | None:
    """References are written in capitals (U-7K2M-9XWA); one typed in small letters or with
    spaces around it names the same case."""
    return (
        Case.objects.select_related("notification", "coordinator")
        .filter(notification__reference=reference.strip().upper())
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


def closing_warnings(case) -> list[str]:
    """What closing the case would leave undone: a receipt still owed to the notifier, and
    whatever the apps above register (open initiatives)."""
    notification = case.notification
    warnings = []
    if notification.receipt_needed and notification.receipt_sent_at is None:
        warnings.append(
            gettext("Underretter har ikke fået kvittering (%(how)s).")
            % {"how": notification.get_receipt_method_display().lower()}
        )
    return warnings + registered_closing_warnings(case)


def family_contact(case) -> str:
    """The latest risk assessment's judgement whether parents or network may be involved
    (Barnets Lov § 18, stk. 3): "safe", "not_safe", or "" when none says."""
    latest = case.assessments.order_by("-revision").values_list("family_contact", flat=True).first()
    return latest or ""
