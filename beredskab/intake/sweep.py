"""The deadline sweep (`manage.py sweep_deadlines`): warn Modtagelsen and the leader when a
notification's deadline is near and when it has passed, and retry e-mail that waits.

Safe to run every minute from cron, a systemd timer or the worker, and from two places at once:
each (notification, deadline, threshold) is recorded once under a unique constraint, and only the
sweep that records it queues the e-mails.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from beredskab.accounts import roles
from beredskab.deadlines.models import DeadlineEvent, DeadlineEventKind, DeadlineKind
from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import due_for_retry, enqueue_delivery, queue_email
from beredskab.plans.selectors import current_plan

from .acute import escalate_unacknowledged
from .models import Notification

logger = logging.getLogger(__name__)


@dataclass
class SweepReport:
    warned: list[tuple[str, str]] = field(default_factory=list)  # (reference, deadline)
    overdue: list[tuple[str, str]] = field(default_factory=list)
    emails_queued: int = 0
    retried: int = 0
    alerts_escalated: list[str] = field(default_factory=list)  # references


def escalation_recipients() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name__in=[roles.INTAKE, roles.LEADER], email__gt=""
            ).values_list("email", flat=True)
        )
    )


def _open(deadline):
    if deadline == DeadlineKind.ASSESSMENT:
        return Notification.objects.filter(assessed_at__isnull=True), "assessment_due_at"
    return (
        Notification.objects.filter(receipt_sent_at__isnull=True, receipt_due_at__isnull=False),
        "receipt_due_at",
    )


def sweep(now: dt.datetime | None = None, *, warning: dt.timedelta | None = None) -> SweepReport:
    now = now or timezone.now()
    if warning is None:
        warning = dt.timedelta(hours=current_plan().deadlines.warning_hours)
    report = SweepReport()
    # Acute danger first: alerts nobody acknowledged in time go to the leaders.
    report.alerts_escalated = escalate_unacknowledged(now)
    recipients = escalation_recipients()
    for deadline in (DeadlineKind.ASSESSMENT, DeadlineKind.RECEIPT):
        queryset, due_field = _open(deadline)
        for threshold, condition in (
            (DeadlineEventKind.OVERDUE, {f"{due_field}__lte": now}),
            (
                DeadlineEventKind.DUE_SOON,
                {f"{due_field}__gt": now, f"{due_field}__lte": now + warning},
            ),
        ):
            candidates = (
                not_recorded(
                    queryset.filter(**condition),
                    DeadlineEvent.objects,
                    to="notification",
                    deadline=deadline,
                    event=threshold,
                )
                .only("id", "reference", due_field)
                .order_by(due_field)
            )
            for notification in candidates.iterator(chunk_size=500):
                due_at = getattr(notification, due_field)
                if _warn_once(notification, deadline, threshold, due_at, now, recipients, report):
                    target = report.overdue if threshold == "overdue" else report.warned
                    target.append((notification.reference, deadline))
    for email in due_for_retry(now).only("id")[:1000]:
        enqueue_delivery(email.pk)
        report.retried += 1
    return report


def _warn_once(notification, deadline, threshold, due_at, now, recipients, report) -> bool:
    """Record the threshold and e-mail about it; False when another sweep recorded it first."""

    def e_mail(event):
        report.emails_queued += _queue_escalation(
            notification, deadline, threshold, due_at, recipients
        )

    return record_once(
        DeadlineEvent,
        then=e_mail,
        notification=notification,
        deadline=deadline,
        event=threshold,
        at=now,
        due_at=due_at,
    )


def _queue_escalation(notification, deadline, threshold, due_at, recipients) -> int:
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "intake:detail", kwargs={"reference": notification.reference}
    )
    with translation.override("da"):
        what = str(DeadlineKind(deadline).label).lower()
        local_due = timezone.localtime(due_at)
        if threshold == DeadlineEventKind.OVERDUE:
            subject = f"Frist overskredet: {what} for {notification.reference}"
            kind = EmailKind.DEADLINE_OVERDUE
        else:
            subject = f"Frist nærmer sig: {what} for {notification.reference}"
            kind = EmailKind.DEADLINE_WARNING
        body = render_to_string(
            "intake/email/deadline_escalation.txt",
            {
                "reference": notification.reference,
                "what": what,
                "due_at": local_due,
                "overdue": threshold == DeadlineEventKind.OVERDUE,
                "url": url,
            },
        )
    for address in recipients:
        queue_email(kind=kind, to=address, subject=subject, body=body, notification=notification)
    return len(recipients)
