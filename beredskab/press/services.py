"""Changing the press log: registering an inquiry, assigning and answering it, and reminding the
press team of deadlines.

The reminder run is safe every minute and from two places at once: each (inquiry, threshold) is
recorded once under a unique constraint, and only the run that records it queues the e-mails.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from beredskab.audit.services import record
from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email

from .models import OPEN_STATUSES, InquiryStatus, PressInquiry, PressReminder, ReminderThreshold
from .selectors import press_team_addresses, reminder_window

logger = logging.getLogger(__name__)


@transaction.atomic
def register_inquiry(
    *,
    medium: str,
    journalist_name: str,
    journalist_phone: str,
    subject: str,
    deadline: dt.datetime,
    received_at: dt.datetime,
    by,
    journalist_email: str = "",
    received_by_name: str = "",
    case=None,
    request=None,
) -> PressInquiry:
    """Log a press inquiry. It was received by `by` unless `received_by_name` names someone else."""
    inquiry = PressInquiry.objects.create(
        medium=medium,
        journalist_name=journalist_name,
        journalist_phone=journalist_phone,
        journalist_email=journalist_email,
        subject=subject,
        deadline=deadline,
        received_at=received_at,
        received_by=None if received_by_name else by,
        received_by_name=received_by_name,
        case=case,
        created_by=by,
        created_at=timezone.now(),
    )
    record(
        "press.register",
        request=request,
        actor=by,
        obj=inquiry,
        detail={"case": case.pk} if case is not None else None,
        about=[case],
    )
    _tell_press_team(inquiry)
    return inquiry


def _tell_press_team(inquiry) -> None:
    """The press team hears at once (the deadline is often short); no names in the e-mail."""
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "press:detail", kwargs={"inquiry_id": inquiry.pk}
    )
    with translation.override("da"):
        deadline = timezone.localtime(inquiry.deadline)
        subject = f"Ny pressehenvendelse #{inquiry.pk}: svarfrist {deadline:%d-%m %H.%M}"
    body = (
        f"En ny pressehenvendelse er registreret med svarfrist {deadline:%d-%m-%Y kl. %H.%M}.\n\n"
        f"Se den og tildel en talsperson: {url}\n"
    )
    for address in press_team_addresses():
        queue_email(kind=EmailKind.OTHER, to=address, subject=subject, body=body)


@transaction.atomic
def update_inquiry(
    inquiry: PressInquiry,
    *,
    spokesperson,
    status: str,
    answered_at: dt.datetime | None,
    answer_summary: str,
    by,
    request=None,
) -> PressInquiry:
    """Assign the inquiry and record its answer. An inquiry given a spokesperson is no longer new;
    one marked answered without a time was answered now."""
    if status == InquiryStatus.NEW and spokesperson is not None:
        status = InquiryStatus.ASSIGNED
    if status in OPEN_STATUSES:
        answered_at = None
    elif status == InquiryStatus.ANSWERED and answered_at is None:
        answered_at = timezone.now()
    new = {
        "spokesperson_id": spokesperson.pk if spokesperson is not None else None,
        "status": status,
        "answered_at": answered_at,
        "answer_summary": answer_summary,
    }
    changed = sorted(name for name, value in new.items() if getattr(inquiry, name) != value)
    if not changed:
        return inquiry
    for name, value in new.items():
        setattr(inquiry, name, value)
    inquiry.save(update_fields=[name.removesuffix("_id") for name in changed])
    record(
        "press.update",
        request=request,
        actor=by,
        obj=inquiry,
        detail={
            "changed": [name.removesuffix("_id") for name in changed],
            "status": status,
            "spokesperson": new["spokesperson_id"],
        },
        about=[inquiry.case],
    )
    return inquiry


# -- Reminders -------------------------------------------------------------------------------


@dataclass
class ReminderReport:
    before: list[int] = field(default_factory=list)  # inquiry ids
    overdue: list[int] = field(default_factory=list)
    emails_queued: int = 0


def remind_press_deadlines(now: dt.datetime | None = None) -> ReminderReport:
    """E-mail the spokesperson (or, without one, the press team) once when an open inquiry's
    deadline is within the reminder window, and once when it has passed."""
    now = now or timezone.now()
    window = reminder_window()
    report = ReminderReport()
    team = None  # looked up only when an inquiry has no spokesperson
    for threshold, condition in (
        (ReminderThreshold.OVERDUE, {"deadline__lte": now}),
        (ReminderThreshold.BEFORE, {"deadline__gt": now, "deadline__lte": now + window}),
    ):
        candidates = (
            not_recorded(
                PressInquiry.objects.filter(status__in=OPEN_STATUSES, **condition),
                PressReminder.objects,
                to="inquiry",
                threshold=threshold,
            )
            .select_related("spokesperson")
            .order_by("deadline", "id")
        )
        for inquiry in candidates.iterator(chunk_size=500):
            recipients = _own_address(inquiry.spokesperson)
            if not recipients:
                if team is None:
                    team = press_team_addresses()
                recipients = team
            if not recipients:
                # Not recorded, so the reminder goes out once someone is given the role.
                logger.warning("press inquiry %s: nobody with an e-mail to remind", inquiry.pk)
                continue
            if _remind_once(inquiry, threshold, now, recipients, report):
                target = report.overdue if threshold == ReminderThreshold.OVERDUE else report.before
                target.append(inquiry.pk)
    return report


def _own_address(user) -> list[str]:
    if user is None or not user.is_active or not user.email:
        return []
    return [user.email]


def _remind_once(inquiry, threshold, now, recipients, report) -> bool:
    """Record the threshold and e-mail about it; False when another run recorded it first."""

    def e_mail(reminder):
        subject, body = _reminder_message(inquiry, threshold, now)
        for address in recipients:
            queue_email(kind=EmailKind.OTHER, to=address, subject=subject, body=body)
        report.emails_queued += len(recipients)

    return record_once(
        PressReminder, then=e_mail, inquiry=inquiry, threshold=threshold, sent_at=now
    )


def reminder_subject(inquiry, threshold, now) -> str:
    """Without the journalist's name or the case: e-mail subjects travel far."""
    with translation.override("da"):
        deadline = timezone.localtime(inquiry.deadline)
        when = f"kl. {deadline:%H.%M}"
        if deadline.date() != timezone.localtime(now).date():
            when = f"{formats.date_format(deadline, 'j. F')} {when}"
    if threshold == ReminderThreshold.OVERDUE:
        return f"Pressehenvendelse #{inquiry.pk}: svarfristen {when} er overskredet"
    return f"Pressehenvendelse #{inquiry.pk}: svarfrist {when}"


def _reminder_message(inquiry, threshold, now) -> tuple[str, str]:
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "press:detail", kwargs={"inquiry_id": inquiry.pk}
    )
    with translation.override("da"):
        body = render_to_string(
            "press/email/reminder.txt",
            {
                "inquiry": inquiry,
                "overdue": threshold == ReminderThreshold.OVERDUE,
                "deadline": timezone.localtime(inquiry.deadline),
                "url": url,
            },
        )
    return reminder_subject(inquiry, threshold, now), body
