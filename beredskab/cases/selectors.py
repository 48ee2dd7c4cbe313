"""Reading cases: the case list, one case with its timeline, the follow-up list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from beredskab.deadlines.models import DeadlineEvent
from beredskab.plans.selectors import NoPublishedPlan, current_plan

from .access import cases_visible_to
from .hooks import registered_closing_warnings
from .models import OPEN_INITIATIVE_STATES, Case, Initiative, JournalEntry


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


def follow_up_initiatives(user, *, include_done=False):
    """Initiatives on the cases the user may see, and those the user is responsible for (who
    may not see the case once it has left the agenda), by due date."""
    queryset = Initiative.objects.filter(
        Q(case__in=cases_visible_to(user)) | Q(responsible=user)
    ).select_related("case__notification", "responsible")
    if not include_done:
        queryset = queryset.filter(status__in=OPEN_INITIATIVE_STATES)
    return queryset.order_by("due_on", "id")


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


def open_initiatives_warning(case) -> list[str]:
    """The case's open initiatives, as a closing warning (registered in CasesConfig.ready())."""
    names = list(
        Initiative.objects.filter(case=case, status__in=OPEN_INITIATIVE_STATES).values_list(
            "kind", flat=True
        )
    )
    if not names:
        return []
    return [
        ngettext(
            "%(count)d indsats er ikke afsluttet: %(names)s.",
            "%(count)d indsatser er ikke afsluttet: %(names)s.",
            len(names),
        )
        % {"count": len(names), "names": ", ".join(initiative_label(kind) for kind in names)}
    ]


def initiative_label(kind: str) -> str:
    """The catalogue's Danish name for an initiative kind."""
    try:
        types = current_plan().initiative_types
    except NoPublishedPlan:
        return kind
    for item in types:
        if item.key == kind:
            return item.name["da"]
    return kind
