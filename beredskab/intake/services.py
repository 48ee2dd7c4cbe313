"""Registering notifications and closing their deadlines. One transaction each, audited.

What the apps above do with a new notification (persons: link it to the person it is about) they
register with `when_registered` in their AppConfig.ready(): intake imports none of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beredskab import cpr
from beredskab.audit.services import record, recorded_together
from beredskab.cases.models import Case, JournalEntry, JournalKind, Track
from beredskab.db import insert
from beredskab.deadlines.models import DeadlineEvent, DeadlineEventKind, DeadlineKind
from beredskab.deadlines.rules import deadlines_for_plan
from beredskab.outbox import gate
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.selectors import current_plan, current_version

from .acute import notify_watched_mailbox, raise_alert
from .models import (
    NO_RECEIPT,
    AgeGroup,
    Attachment,
    Channel,
    Notification,
    NotificationConcern,
    NotifierKind,
    ReceiptMethod,
)

# Each called as action(notification, case=..., by=..., request=..., journal=..., subjects=...)
# in the transaction that saves a new notification, after its case is saved.
_WHEN_REGISTERED: list[Callable[..., object]] = []


def when_registered(action: Callable[..., object]) -> None:
    """Call `action(notification, case=case, by=user or None, request=request or None,
    journal=entries, subjects=keys)` for every new notification, in the transaction that saves it.

    `journal` is the list of the case's first journal entries (unsaved JournalEntry objects,
    "Underretning modtaget" first): an action appends its own entries, and the
    registration writes them all in one statement after the actions. `subjects` is the set of
    audit subject keys of the notification (`Notification.audit_subjects()`, which the
    registration fills in memory instead of asking the database): an action that links a
    person adds the person's keys. Audit events the actions record are written together at the
    end of the registration (`recorded_together`)."""
    if action not in _WHEN_REGISTERED:
        _WHEN_REGISTERED.append(action)


@dataclass
class NotificationData:
    """What a form or the API collected; validated before it gets here."""

    channel: str
    notifier_kind: str
    concern_types: list[str]
    description: str
    age_group: str = AgeGroup.UNKNOWN
    received_at: dt.datetime | None = None
    notifier_name: str = ""
    notifier_workplace: str = ""
    notifier_role: str = ""
    notifier_phone: str = ""
    notifier_email: str = ""
    notifier_address: str = ""
    person_name: str = ""
    person_cpr: str = ""
    person_birth_date: dt.date | None = None
    person_age: int | None = None
    person_address: str = ""
    person_language: str = ""
    interpreter_needed: bool = False
    children_in_household: str = "unknown"
    children_details: str = ""
    immediate_danger: bool = False
    notifier_actions: str = ""
    family_knows: str = "unknown"
    receipt_method: str | None = None
    about_self: bool = False
    safe_to_contact: str = ""
    safe_contact_means: str = ""
    safe_contact_address: str = ""
    safe_contact_times: str = ""
    attachments: list = field(default_factory=list)  # UploadedFile with .detected_type


def decide_age_group(data: NotificationData, on: dt.date, adult_from: int = 18) -> str:
    """Under the plan's adult age (18 unless the plan says otherwise) or not decides the track:
    CPR first, then birth date, then age, then the choice."""
    born = None
    if data.person_cpr:
        born = cpr.birth_date(data.person_cpr)
    elif data.person_birth_date:
        born = data.person_birth_date
    if born is not None:
        return AgeGroup.CHILD if cpr.age_on(born, on) < adult_from else AgeGroup.ADULT
    if data.person_age is not None:
        return AgeGroup.CHILD if data.person_age < adult_from else AgeGroup.ADULT
    return data.age_group or AgeGroup.UNKNOWN


# How far back a notification from the same notifier about the same person counts as a likely
# duplicate: long enough for Back and Send again, short enough not to hide a new event.
DUPLICATE_WINDOW = dt.timedelta(hours=6)
# Back and Send again happens in a browser: the public forms. Modtagelsen registers what came by
# phone or letter itself, and knows what it has registered.
WEB_FORMS = (Channel.WEB_PROFESSIONAL, Channel.WEB_CITIZEN)


def likely_duplicate_of(data: NotificationData, now: dt.datetime) -> Notification | None:
    """The newest notification sent through a public form within DUPLICATE_WINDOW from the same
    notifier (the same e-mail, phone, or name and workplace) about the same person (CPR number
    or name) or with the same text. Anonymous notifications have no notifier to compare."""
    if data.notifier_kind == NotifierKind.ANONYMOUS or data.channel not in WEB_FORMS:
        return None
    same_notifier = Q(pk__in=[])
    if data.notifier_email:
        same_notifier |= Q(notifier_email__iexact=data.notifier_email.strip())
    if data.notifier_phone:
        same_notifier |= Q(notifier_phone=data.notifier_phone.strip())
    if data.notifier_name and data.notifier_workplace:
        same_notifier |= Q(
            notifier_name__iexact=data.notifier_name.strip(),
            notifier_workplace__iexact=data.notifier_workplace.strip(),
        )
    same_matter = Q(description=data.description)
    if data.person_cpr:
        same_matter |= Q(person_cpr=cpr.normalise(data.person_cpr))
    if data.person_name.strip():
        same_matter |= Q(person_name__iexact=data.person_name.strip())
    return (
        Notification.objects.filter(same_notifier, same_matter, channel__in=WEB_FORMS)
        .filter(registered_at__gte=now - DUPLICATE_WINDOW, anonymised_at__isnull=True)
        .order_by("-registered_at")
        .first()
    )


def _receipt_method(data: NotificationData) -> str:
    if data.receipt_method:
        return data.receipt_method
    if data.notifier_kind == NotifierKind.ANONYMOUS:
        return ReceiptMethod.NOT_POSSIBLE
    if data.notifier_kind == NotifierKind.CITIZEN:
        # A citizen gets a receipt only when they asked for one, a way they say is safe.
        return ReceiptMethod.NOT_WANTED
    if data.notifier_email:
        return ReceiptMethod.EMAIL
    if data.notifier_address:
        return ReceiptMethod.LETTER
    if data.notifier_phone:
        return ReceiptMethod.PHONE
    return ReceiptMethod.NOT_POSSIBLE


def register_notification(
    data: NotificationData,
    *,
    submission_token: uuid.UUID | None = None,
    registered_by=None,
    request=None,
) -> tuple[Notification, bool]:
    """Save a notification with its case, deadlines, attachments and receipt, all or nothing.

    Returns (notification, created). Submitting the same form twice (the same
    `submission_token`) returns the first notification and creates nothing.
    """
    # No look-up first: a submission token or reference already taken makes the first insert
    # fail, and nothing of this attempt is saved.
    for _attempt in range(5):
        reference = Notification._meta.get_field("reference").default()
        try:
            with transaction.atomic(), recorded_together():
                notification = _create(data, submission_token, registered_by, request, reference)
            return notification, True
        except IntegrityError:
            # Sent twice (perhaps at the same moment): the first notification is the answer.
            if submission_token is not None:
                existing = Notification.objects.filter(submission_token=submission_token).first()
                if existing is not None:
                    return existing, False
            # A random reference may, very rarely, already exist: try another.
            if not Notification.objects.filter(reference=reference).exists():
                raise
    raise IntegrityError("could not find a free reference")


def _create(data, submission_token, registered_by, request, reference: str) -> Notification:
    plan = current_plan()
    now = timezone.now()
    received_at = data.received_at or now
    deadlines = deadlines_for_plan(received_at, plan)
    receipt_method = _receipt_method(data)
    age_group = decide_age_group(
        data,
        received_at.astimezone(timezone.get_default_timezone()).date(),
        adult_from=plan.tracks.adult_from_age,
    )

    notification = Notification(
        duplicate_of=likely_duplicate_of(data, now),
        reference=reference,
        submission_token=submission_token,
        plan_version=current_version(),
        channel=data.channel,
        received_at=received_at,
        registered_by=registered_by,
        notifier_kind=data.notifier_kind,
        notifier_name=data.notifier_name,
        notifier_workplace=data.notifier_workplace,
        notifier_role=data.notifier_role,
        notifier_phone=data.notifier_phone,
        notifier_email=data.notifier_email,
        notifier_address=data.notifier_address,
        person_name=data.person_name,
        person_cpr=cpr.normalise(data.person_cpr) if data.person_cpr else "",
        person_birth_date=(
            cpr.birth_date(data.person_cpr) if data.person_cpr else data.person_birth_date
        ),
        person_age=data.person_age,
        person_address=data.person_address,
        person_language=data.person_language,
        interpreter_needed=data.interpreter_needed,
        children_in_household=data.children_in_household,
        children_details=data.children_details,
        age_group=age_group,
        description=data.description,
        immediate_danger=data.immediate_danger,
        notifier_actions=data.notifier_actions,
        family_knows=data.family_knows,
        about_self=data.about_self,
        safe_to_contact=data.safe_to_contact,
        safe_contact_means=data.safe_contact_means,
        safe_contact_address=data.safe_contact_address,
        safe_contact_times=data.safe_contact_times,
        assessment_due_at=deadlines.assessment_due_at,
        receipt_method=receipt_method,
        receipt_due_at=(deadlines.receipt_due_at if receipt_method not in NO_RECEIPT else None),
    )
    notification.refresh_next_due()
    insert([notification])
    insert(
        [
            NotificationConcern(notification=notification, concern_type=key)
            for key in dict.fromkeys(data.concern_types)
        ]
    )
    case = Case(
        notification=notification,
        track={"child": Track.CHILD, "adult": Track.ADULT}.get(age_group, Track.UNDECIDED),
        opened_at=now,
    )
    insert([case])
    journal = [
        JournalEntry(
            case=case,
            at=now,
            author=registered_by,
            kind=JournalKind.STATE,
            text=f"Underretning modtaget {timezone.localtime(received_at):%d-%m-%Y %H:%M} "
            f"via {notification.get_channel_display().lower()}.",
        )
    ]
    subjects = notification.audit_subjects(linked=())
    for action in _WHEN_REGISTERED:
        action(
            notification,
            case=case,
            by=registered_by,
            request=request,
            journal=journal,
            subjects=subjects,
        )
    insert(journal)
    events = [
        DeadlineEvent(
            notification=notification,
            deadline=DeadlineKind.ASSESSMENT,
            event=DeadlineEventKind.SET,
            at=now,
            due_at=notification.assessment_due_at,
        )
    ]
    if notification.receipt_due_at:
        events.append(
            DeadlineEvent(
                notification=notification,
                deadline=DeadlineKind.RECEIPT,
                event=DeadlineEventKind.SET,
                at=now,
                due_at=notification.receipt_due_at,
            )
        )
    insert(events)
    for upload in data.attachments:
        _save_attachment(notification, upload)
    if receipt_method == ReceiptMethod.EMAIL and data.notifier_email:
        _queue_receipt(notification, plan, case, asked_for=bool(data.receipt_method))
    record(
        "notification.create",
        request=request,
        actor=registered_by,
        obj=notification,
        subjects_of_obj=subjects,
        person_key=notification.reference,
        detail={
            "channel": notification.channel,
            "attachments": len(data.attachments),
            "likely_duplicate_of": notification.duplicate_of_id,
        },
    )
    if notification.immediate_danger:
        raise_alert(notification, by=registered_by, now=now, request=request)
    notify_watched_mailbox(notification, now=now)
    return notification


def _save_attachment(notification, upload) -> Attachment:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        notification=notification,
        original_name=upload.name[:255],
        content_type=upload.detected_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment


def receipt_recipient(notification: Notification) -> gate.Recipient:
    """Who a receipt reaches: a professional, a citizen, or the person at risk themselves."""
    if notification.notifier_kind in (NotifierKind.PROFESSIONAL, NotifierKind.AUTHORITY):
        return gate.Recipient.PROFESSIONAL_NOTIFIER
    if notification.about_self:
        return gate.Recipient.PERSON
    return gate.Recipient.CITIZEN_NOTIFIER


RECEIPT_MEANS = {
    ReceiptMethod.EMAIL: gate.Means.EMAIL,
    ReceiptMethod.LETTER: gate.Means.LETTER,
    ReceiptMethod.PHONE: gate.Means.PHONE,
}


def receipt_communication(notification: Notification, method: str) -> gate.Communication:
    """The receipt as the gate sees it: to whom, how and where it would go."""
    means = RECEIPT_MEANS.get(ReceiptMethod(method), gate.Means.LETTER)
    address = {
        gate.Means.EMAIL: notification.notifier_email,
        gate.Means.LETTER: notification.notifier_address,
        gate.Means.PHONE: notification.notifier_phone,
    }[means]
    if notification.about_self and notification.safe_contact_means == "sms":
        means = gate.Means.SMS if means == gate.Means.PHONE else means
    return gate.Communication(
        kind=gate.Kind.RECEIPT,
        recipient=receipt_recipient(notification),
        means=means,
        address=address,
        case_id=notification.case.pk,
        # Only a citizen who asked has a receipt method; the others are owed one by law.
        asked_for=notification.receipt_method not in NO_RECEIPT,
    )


def _queue_receipt(notification: Notification, plan, case: Case, *, asked_for: bool) -> None:
    # The receipt names no person and nothing of what happened: e-mail is not a secure channel.
    # Nor does it carry anything typed on the form, the notifier's name included: it goes to any
    # address typed there, and must not let a stranger send their own text in our name.
    with translation.override("da"):
        body = render_to_string(
            "intake/email/receipt.txt", {"notification": notification, "plan": plan}
        )
    communication = gate.Communication(
        kind=gate.Kind.RECEIPT,
        recipient=receipt_recipient(notification),
        means=gate.Means.EMAIL,
        address=notification.notifier_email,
        case_id=case.pk,
        asked_for=asked_for,
    )
    try:
        queue_email(
            kind=EmailKind.RECEIPT,
            to=notification.notifier_email,
            subject=f"Kvittering for underretning {notification.reference}",
            body=body,
            notification=notification,
            communication=communication,
        )
    except gate.Blocked as blocked:
        # The receipt deadline stays open: Modtagelsen gives the receipt a safe way, or decides.
        JournalEntry.objects.create(
            case=case,
            at=timezone.now(),
            kind=JournalKind.COMMUNICATION,
            text="Kvittering ikke sendt automatisk: "
            + " ".join(str(r) for r in blocked.decision.reasons),
        )


def _close_deadline(notification: Notification, deadline: str, at: dt.datetime) -> None:
    due = (
        notification.assessment_due_at if deadline == "assessment" else notification.receipt_due_at
    )
    if due is None:  # the notification has no such deadline
        return
    DeadlineEvent.objects.get_or_create(
        notification=notification,
        deadline=deadline,
        event=DeadlineEventKind.MET if at <= due else DeadlineEventKind.MISSED,
        defaults={"at": at, "due_at": due},
    )


@transaction.atomic
def receipt_sent(notification_id: int, *, at: dt.datetime, method: str, actor=None, request=None):
    """The receipt went out (by the outbox, or marked by staff for a letter or a call)."""
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    if notification.receipt_sent_at is not None:
        return notification
    notification.receipt_sent_at = at
    if method and notification.receipt_method != method:
        notification.receipt_method = method
    notification.refresh_next_due()
    notification.save(update_fields=["receipt_sent_at", "receipt_method", "next_due_at"])
    if notification.receipt_due_at:
        _close_deadline(notification, DeadlineKind.RECEIPT, at)
    JournalEntry.objects.create(
        case=notification.case,
        at=at,
        author=actor,
        kind=JournalKind.DEADLINE,
        text=f"Kvittering givet til underretter ({notification.get_receipt_method_display()}).",
    )
    record(
        "notification.receipt_sent",
        request=request,
        actor=actor,
        obj=notification,
        person_key=notification.reference,
        detail={"method": method},
    )
    return notification


def receipt_e_mailed(email, at: dt.datetime) -> None:
    """The outbox sent a receipt (registered with outbox.services.when_sent)."""
    if email.notification_id:
        receipt_sent(email.notification_id, at=at, method=ReceiptMethod.EMAIL, actor=None)


def assessment_recorded(notification: Notification, at: dt.datetime) -> None:
    """Close the assessment deadline: the case's first risk assessment is recorded (registered
    with cases.hooks.when_assessed; in the assessment's transaction)."""
    if notification.assessed_at is not None:
        return
    notification.assessed_at = at
    notification.refresh_next_due()
    notification.save(update_fields=["assessed_at", "next_due_at"])
    _close_deadline(notification, DeadlineKind.ASSESSMENT, at)


STAFF_REGISTERED = {c.value for c in Channel} - {"web_professional", "web_citizen", "api"}
