"""Acute danger first: a notification marked acute (by the notifier on the form, or by staff)
alerts at once whom the plan names (`acute_alerts`, inside or outside the opening hours); someone
acknowledges the alert in the system, and an alert nobody acknowledges within the plan's minutes
is escalated by the sweep (recorded once, beredskab.once). Notifications that come by web or API
outside the opening hours also send the mailbox the plan says is watched a copy saying that a
notification is waiting.

Every e-mail here goes to staff and carries no personal data and no reference: a fixed text and
a link into the system, where the reader signs in.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from beredskab.audit.services import record
from beredskab.cases.models import JournalEntry, JournalKind
from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.opening import contact_now
from beredskab.plans.schema import AlertRecipient, PlanDocument
from beredskab.plans.selectors import current_plan

from .models import AcuteAlert, AlertEscalation, Channel, Notification

# Notifications nobody in the office typed in: they wait unseen outside the opening hours.
UNATTENDED_CHANNELS = (Channel.WEB_PROFESSIONAL, Channel.WEB_CITIZEN, Channel.API)


def recipient_addresses(plan: PlanDocument, recipients: list[AlertRecipient]) -> list[str]:
    """The e-mail addresses of the plan's recipients: a mailbox, an actor, or a role's staff."""
    addresses: list[str] = []
    for recipient in recipients:
        if recipient.mailbox:
            mailbox = plan.mailbox(recipient.mailbox)
            addresses += [mailbox.address] if mailbox else []
        elif recipient.actor:
            actor = plan.actor(recipient.actor)
            addresses += [actor.email] if actor and actor.email else []
        elif recipient.role:
            addresses += (
                get_user_model()
                .objects.filter(is_active=True, groups__name=recipient.role, email__gt="")
                .order_by("email")
                .values_list("email", flat=True)
            )
    return list(dict.fromkeys(addresses))


def _labels(recipients: list[AlertRecipient]) -> str:
    return ", ".join(recipient.label["da"] for recipient in recipients)


def _detail_url(notification: Notification) -> str:
    return settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "intake:detail", kwargs={"reference": notification.reference}
    )


def _journal(notification: Notification, text: str, *, by, at: dt.datetime) -> None:
    JournalEntry.objects.create(
        case=notification.case, at=at, author=by, kind=JournalKind.ACUTE, text=text
    )


def _send(kind: str, addresses: list[str], subject: str, template: str, context: dict, n) -> int:
    with translation.override("da"):
        body = render_to_string(template, context)
    for address in addresses:
        queue_email(kind=kind, to=address, subject=subject, body=body, notification=n)
    return len(addresses)


def raise_alert(
    notification: Notification, *, by=None, now: dt.datetime | None = None, request=None
) -> AcuteAlert | None:
    """Alert the plan's recipients at once that `notification` says someone is in acute danger.
    One alert per notification; None when the plan names no recipients."""
    plan = current_plan()
    alerts = plan.acute_alerts
    if alerts is None:
        return None
    now = now or timezone.now()
    outside = not contact_now(plan, now).is_open
    with transaction.atomic():
        alert, created = AcuteAlert.objects.get_or_create(
            notification=notification,
            defaults={
                "raised_at": now,
                "raised_by": by,
                "outside_hours": outside,
                "escalate_at": now + dt.timedelta(minutes=alerts.escalate_after_minutes),
            },
        )
        if not created:
            return alert
        recipients = alerts.outside_hours if outside else alerts.inside_hours
        sent = _send(
            EmailKind.ACUTE_ALERT,
            recipient_addresses(plan, recipients),
            "AKUT: en underretning om akut fare venter på kvittering",
            "intake/email/acute_alert.txt",
            {
                "url": _detail_url(notification),
                "outside": outside,
                "instruction": (alerts.outside_hours_instruction or {}).get("da", ""),
                "minutes": alerts.escalate_after_minutes,
            },
            notification,
        )
        _journal(
            notification,
            f"Akut-alarm sendt {'uden for' if outside else 'inden for'} åbningstiden til: "
            f"{_labels(recipients)}.",
            by=by,
            at=now,
        )
        record(
            "notification.acute_alert",
            request=request,
            actor=by,
            obj=notification,
            person_key=notification.reference,
            detail={"outside_hours": outside, "emails": sent},
        )
    return alert


@transaction.atomic
def mark_acute(notification: Notification, *, by, request=None) -> AcuteAlert | None:
    """Staff mark a notification acute: it goes to the top of the queue and alerts at once."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    now = timezone.now()
    if not notification.immediate_danger:
        notification.immediate_danger = True
        notification.acute_marked_at = now
        notification.acute_marked_by = by
        notification.save(update_fields=["immediate_danger", "acute_marked_at", "acute_marked_by"])
        _journal(notification, "Markeret som akut fare.", by=by, at=now)
        record(
            "notification.mark_acute",
            request=request,
            actor=by,
            obj=notification,
            person_key=notification.reference,
        )
    return raise_alert(notification, by=by, now=now, request=request)


@transaction.atomic
def acknowledge(alert: AcuteAlert, *, by, request=None) -> AcuteAlert:
    """Someone has read the alert and acts on it: who and when are recorded."""
    alert = AcuteAlert.objects.select_for_update().select_related("notification").get(pk=alert.pk)
    if alert.acknowledged_at is not None:
        return alert
    now = timezone.now()
    alert.acknowledged_at, alert.acknowledged_by = now, by
    alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _journal(
        alert.notification,
        f"Akut-alarm kvitteret af {by.get_full_name() or by.get_username()}.",
        by=by,
        at=now,
    )
    record(
        "notification.acute_acknowledge",
        request=request,
        actor=by,
        obj=alert.notification,
        person_key=alert.notification.reference,
        detail={"minutes": int((now - alert.raised_at).total_seconds() // 60)},
    )
    return alert


def escalate_unacknowledged(now: dt.datetime | None = None) -> list[str]:
    """Escalate every alert nobody acknowledged in time, once each; the references escalated."""
    now = now or timezone.now()
    plan = current_plan()
    if plan.acute_alerts is None:
        return []
    due = not_recorded(
        AcuteAlert.objects.filter(acknowledged_at__isnull=True, escalate_at__lte=now),
        AlertEscalation.objects,
        to="alert",
    ).select_related("notification__case")
    escalated = []
    for alert in due.order_by("escalate_at"):
        if record_once(
            AlertEscalation, then=_escalation_sender(plan, alert, now), alert=alert, at=now
        ):
            escalated.append(alert.notification.reference)
    return escalated


def _escalation_sender(plan: PlanDocument, alert: AcuteAlert, now: dt.datetime):
    alerts = plan.acute_alerts
    assert alerts is not None, "only a plan with acute alerts raises them"

    def send(escalation: AlertEscalation) -> None:
        minutes = int((now - alert.raised_at).total_seconds() // 60)
        escalation.recipients = _send(
            EmailKind.ACUTE_ESCALATION,
            recipient_addresses(plan, alerts.escalate_to),
            "AKUT: en alarm om akut fare er ikke kvitteret",
            "intake/email/acute_escalation.txt",
            {
                "url": _detail_url(alert.notification),
                "minutes": minutes,
                "instruction": (alerts.outside_hours_instruction or {}).get("da", ""),
                "outside": not contact_now(plan, now).is_open,
            },
            alert.notification,
        )
        escalation.save(update_fields=["recipients"])
        _journal(
            alert.notification,
            f"Akut-alarm ikke kvitteret efter {minutes} minutter: eskaleret til "
            f"{_labels(alerts.escalate_to)}.",
            by=None,
            at=now,
        )
        record(
            "notification.acute_escalate",
            obj=alert.notification,
            person_key=alert.notification.reference,
            detail={"emails": escalation.recipients, "minutes": minutes},
        )

    return send


def notify_watched_mailbox(notification: Notification, *, now: dt.datetime) -> bool:
    """A notification that came by web or API outside the opening hours: tell the mailbox the
    plan says is watched then that one is waiting (no personal data). True when queued."""
    plan = current_plan()
    alerts = plan.acute_alerts
    if alerts is None or not alerts.watched_mailbox:
        return False
    if notification.channel not in UNATTENDED_CHANNELS or contact_now(plan, now).is_open:
        return False
    # Only a notification in immediate danger has an alert (raise_alert) to look for.
    alerted = (
        notification.immediate_danger
        and AcuteAlert.objects.filter(notification=notification, outside_hours=True).exists()
    )
    if alerted and any(r.mailbox == alerts.watched_mailbox for r in alerts.outside_hours):
        return False  # the alert itself went to the mailbox
    mailbox = plan.mailbox(alerts.watched_mailbox)
    assert mailbox is not None, "the schema checks that the watched mailbox is in contact.emails"
    _send(
        EmailKind.WAITING_NOTICE,
        [mailbox.address],
        "En ny underretning venter i systemet",
        "intake/email/waiting_notice.txt",
        {"url": _detail_url(notification), "acute": notification.immediate_danger},
        notification,
    )
    return True
