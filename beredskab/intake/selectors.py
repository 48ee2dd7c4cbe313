"""Reading notifications for Modtagelsen's queue.

What the apps above show beside a row (persons: the person is known from other notifications)
they register with `add_queue_mark` in their AppConfig.ready(): intake imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from beredskab.cases.models import INTAKE_STATES
from beredskab.outbox.models import EmailKind, EmailStatus, OutboundEmail

from .models import AcuteAlert, Notification, NotificationConcern


@dataclass(frozen=True)
class QueueMark:
    """Something shown beside a row of the queue: `annotations()` gives the expressions the
    rows are annotated with (in the queue's one query), and `template` shows them; it is included
    in the row with `notification`."""

    annotations: Callable[[], dict]
    template: str


_QUEUE_MARKS: list[QueueMark] = []


def add_queue_mark(mark: QueueMark) -> None:
    if mark not in _QUEUE_MARKS:
        _QUEUE_MARKS.append(mark)


def queue_marks() -> list[QueueMark]:
    return list(_QUEUE_MARKS)


def duplicate_mark() -> dict:
    """The reference of the notification a row is a likely duplicate of (services)."""
    return {"duplicate_of_reference": F("duplicate_of__reference")}


@dataclass(frozen=True)
class QueueFilters:
    concern_type: str = ""
    age_group: str = ""
    channel: str = ""
    state: str = ""  # "overdue", "due_soon", "on_time", "no_deadline"
    acute: bool = False  # only notifications marked acute


def open_notifications():
    """Notifications Modtagelsen still owns: received or assessed, not yet routed."""
    return Notification.objects.filter(case__state__in=INTAKE_STATES)


def intake_queue(
    filters: QueueFilters, *, now: dt.datetime, warning: dt.timedelta, limit: int | None = 200
):
    """The queue: nearest open deadline first; one query for the rows and their concerns, with
    the annotations of the registered queue marks. `limit=None`: every row (to be paged with
    `queue_page`)."""
    queryset = open_notifications()
    if filters.concern_type:
        queryset = queryset.filter(concerns__concern_type=filters.concern_type)
    if filters.age_group:
        queryset = queryset.filter(age_group=filters.age_group)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    queryset = only_acute(queryset) if filters.acute else queryset
    if filters.state == "overdue":
        queryset = queryset.filter(next_due_at__lt=now)
    elif filters.state == "due_soon":
        queryset = queryset.filter(next_due_at__gte=now, next_due_at__lt=now + warning)
    elif filters.state == "on_time":
        queryset = queryset.filter(next_due_at__gte=now + warning)
    elif filters.state == "no_deadline":
        queryset = queryset.filter(next_due_at__isnull=True)
    failed_receipts = OutboundEmail.objects.filter(
        kind=EmailKind.RECEIPT, status__in=[EmailStatus.PENDING, EmailStatus.FAILED], attempts__gt=0
    ).only("id", "notification_id", "attempts", "status", "last_error")
    for mark in _QUEUE_MARKS:
        queryset = queryset.annotate(**mark.annotations())
    queryset = (
        queryset.select_related("case")
        .prefetch_related(
            Prefetch("concerns", queryset=NotificationConcern.objects.order_by("id")),
            Prefetch("emails", queryset=failed_receipts, to_attr="failed_receipts"),
        )
        .order_by(*ACUTE_FIRST)
        .distinct()
    )
    return queryset if limit is None else queryset[:limit]


# Acute danger first: notifications marked acute on top, then the nearest deadline.
ACUTE_FIRST = ("-immediate_danger", "next_due_at", "received_at")


def only_acute(queryset):
    """The queue's filter for acute danger."""
    return queryset.filter(immediate_danger=True)


def open_alerts():
    """Alerts about acute danger that nobody has acknowledged yet, oldest first."""
    return (
        AcuteAlert.objects.filter(acknowledged_at__isnull=True)
        .select_related("notification")
        .order_by("raised_at")
    )


def queue_counts(*, now: dt.datetime, warning: dt.timedelta) -> dict:
    return open_notifications().aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Q(next_due_at__lt=now)),
        due_soon=Count("id", filter=Q(next_due_at__gte=now, next_due_at__lt=now + warning)),
        # Before the count named like the field: a later filter would read that count.
        acute=Count("id", filter=Q(immediate_danger=True)),
        immediate_danger=Count("id", filter=Q(immediate_danger=True, assessed_at__isnull=True)),
    )


def now():
    return timezone.now()


QUEUE_PAGE_SIZE = 50


def queue_page(queryset: QuerySet[Notification], number: str | int | None) -> Page:
    """One page of the queue. The queue's own order is made total with the id as the last key,
    so that each row is on exactly one page (many notifications share a deadline and a time of
    receipt); a page number past the end gives the last page, nonsense the first."""
    ordering = [*queryset.query.order_by, "id"]
    paginator = Paginator(
        queryset.order_by(*ordering), QUEUE_PAGE_SIZE, allow_empty_first_page=True
    )
    return paginator.get_page(number)
