"""Changing protection: flags, § 137, stk. 2 conversations, outgoing messages through the gate,
and the feedback to professional notifiers. Each in one transaction, journaled and audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beredskab.audit.services import record
from beredskab.cases.models import Case, JournalEntry, JournalKind
from beredskab.deadlines.workdays import WorkingCalendar, local_date, start_of_day
from beredskab.intake.models import ContactMeans, Notification, NotifierKind
from beredskab.outbox import gate
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.selectors import current_plan

from .models import (
    ChildConversation,
    FeedbackOutcome,
    FeedbackTask,
    MessageKind,
    MessageRecipient,
    OutgoingMessage,
    ProtectiveFlags,
)

FLAG_FIELDS = (
    "no_family_contact",
    "no_family_contact_reason",
    "no_family_contact_assessment",
    "protected_address",
    "safe_means",
    "safe_address",
    "safe_times",
    "no_home_calls",
    "language",
    "interpreter_outside_network",
)


def _journal(case: Case, kind: str, text: str, *, by=None, at=None) -> JournalEntry:
    return JournalEntry.objects.create(
        case=case, kind=kind, text=text, author=by, at=at or timezone.now()
    )


def _audit(action: str, case: Case, by, request=None, **detail) -> None:
    record(
        action,
        request=request,
        actor=by,
        obj=case,
        person_key=case.notification.reference,
        detail=detail,
    )


# -- A new notification ----------------------------------------------------------------------


def feedback_due_at(received_at: dt.datetime, plan) -> dt.datetime:
    """The end of the plan's `deadlines.feedback_working_days`-th working day after receipt."""
    calendar = WorkingCalendar(plan.contact.extra_closed_days)
    last_day = calendar.add_working_days(
        local_date(received_at), plan.deadlines.feedback_working_days
    )
    return start_of_day(last_day + dt.timedelta(days=1))


def protect_new_notification(
    notification: Notification,
    *,
    case: Case,
    by=None,
    request=None,
    journal: list[JournalEntry],
    subjects: set[str],
):
    """Registered with intake's when_registered: a citizen writing about themselves has their
    safe contact way recorded on the case before anything could be sent; a professional's
    notification gets its § 133 feedback task."""
    now = timezone.now()
    if notification.about_self:
        ProtectiveFlags.objects.create(
            case=case,
            safe_means=notification.safe_contact_means,
            safe_address=notification.safe_contact_address,
            safe_times=notification.safe_contact_times,
            updated_at=now,
        )
        if notification.safe_contact_means:
            text = _("Henvendelse fra personen selv. Sikker kontaktvej: %(way)s.") % {
                "way": ContactMeans(notification.safe_contact_means).label
            }
        elif notification.safe_to_contact == "no":
            text = _(
                "Henvendelse fra personen selv. Personen har svaret, at det ikke er sikkert "
                "at kontakte dem."
            )
        else:
            text = _("Henvendelse fra personen selv. Ingen sikker kontaktvej er oplyst.")
        journal.append(JournalEntry(case=case, kind=JournalKind.PROTECTION, text=text, at=now))
    if notification.notifier_kind == NotifierKind.PROFESSIONAL:
        FeedbackTask.objects.create(
            case=case,
            due_at=feedback_due_at(notification.received_at, current_plan()),
            created_at=now,
        )


# -- Flags -----------------------------------------------------------------------------------


@transaction.atomic
def set_flags(
    *, case: Case | None = None, person=None, by, request=None, **values
) -> ProtectiveFlags:
    """Set the protective flags of a case or of a person; who set "må ikke kontaktes" and when is
    kept. Journaled on the case (and on the cases a person's flags concern), audited."""
    now = timezone.now()
    lookup = {"case": case} if case is not None else {"person": person}
    flags, _created = ProtectiveFlags.objects.select_for_update().get_or_create(
        **lookup, defaults={"updated_at": now}
    )
    newly_blocked = values.get("no_family_contact") and not flags.no_family_contact
    for name in FLAG_FIELDS:
        if name in values:
            setattr(flags, name, values[name])
    if newly_blocked:
        flags.no_family_contact_set_by = by
        flags.no_family_contact_set_at = now
    if not flags.no_family_contact:
        flags.no_family_contact_set_by = None
        flags.no_family_contact_set_at = None
    flags.updated_by = by
    flags.updated_at = now
    flags.save()
    summary = describe(flags)
    cases = (
        [case]
        if case is not None
        else list(Case.objects.filter(notification__person_links__person=person).distinct())
    )
    for each in cases:
        _journal(
            each,
            JournalKind.PROTECTION,
            (_("Beskyttelse ændret: %s") if case else _("Personens beskyttelse ændret: %s"))
            % summary,
            by=by,
            at=now,
        )
    if case is not None:
        _audit("safety.flags", case, by, request, flags=codes(flags))
    else:
        record(
            "safety.person_flags",
            request=request,
            actor=by,
            obj=person,
            detail={"flags": codes(flags)},
        )
    return flags


def codes(flags: ProtectiveFlags) -> list[str]:
    """The flags that are set, as codes (for the audit trail: no personal data)."""
    found = [
        name
        for name in (
            "no_family_contact",
            "protected_address",
            "no_home_calls",
            "interpreter_outside_network",
        )
        if getattr(flags, name)
    ]
    if flags.safe_means:
        found.append(f"safe_means:{flags.safe_means}")
    return found


def describe(flags: ProtectiveFlags) -> str:
    parts = []
    if flags.no_family_contact:
        parts.append(_("forældre/netværk må ikke kontaktes"))
    if flags.protected_address:
        parts.append(_("beskyttet adresse"))
    if flags.safe_means:
        parts.append(_("sikker kontaktvej: %s") % ContactMeans(flags.safe_means).label.lower())
    if flags.no_home_calls:
        parts.append(_("ring ikke til hjemmet"))
    if flags.interpreter_outside_network:
        parts.append(_("tolk uden for familiens netværk"))
    return ", ".join(parts) or _("ingen markeringer")


# -- § 137, stk. 2 ---------------------------------------------------------------------------


@transaction.atomic
def record_child_conversation(
    case: Case,
    *,
    held_at,
    participants: str,
    place: str,
    why_without_consent: str,
    by,
    request=None,
) -> ChildConversation:
    now = timezone.now()
    talk = ChildConversation.objects.create(
        case=case,
        held_at=held_at,
        participants=participants,
        place=place,
        why_without_consent=why_without_consent,
        recorded_by=by,
        recorded_at=now,
    )
    _journal(
        case,
        JournalKind.CHILD_CONVERSATION,
        _(
            "Samtale med barnet uden forældrenes samtykke (Barnets Lov § 137, stk. 2) "
            "%(when)s, %(place)s. Deltagere: %(who)s. Hvorfor uden samtykke: %(why)s"
        )
        % {
            "when": timezone.localtime(held_at).strftime("%d-%m-%Y %H.%M"),
            "place": place,
            "who": participants,
            "why": why_without_consent,
        },
        by=by,
        at=now,
    )
    _audit("safety.child_conversation", case, by, request, conversation=talk.pk)
    return talk


# -- Outgoing messages -----------------------------------------------------------------------

GATE_KIND = {
    MessageKind.LETTER: gate.Kind.LETTER,
    MessageKind.EMAIL: gate.Kind.EMAIL,
    MessageKind.MEETING_INVITATION: gate.Kind.MEETING_INVITATION,
    MessageKind.HEARING: gate.Kind.HEARING,
    MessageKind.REFERRAL_COPY: gate.Kind.REFERRAL_COPY,
}
GATE_RECIPIENT = {
    MessageRecipient.PERSON: gate.Recipient.PERSON,
    MessageRecipient.FAMILY: gate.Recipient.FAMILY,
    MessageRecipient.PARTNER: gate.Recipient.PARTNER,
}


def communication_for(case: Case, *, kind: str, recipient: str, means: str, address: str):
    return gate.Communication(
        kind=GATE_KIND[MessageKind(kind)],
        recipient=GATE_RECIPIENT[MessageRecipient(recipient)],
        means=gate.Means(means),
        address=address,
        case_id=case.pk,
    )


def send_message(
    case: Case,
    *,
    kind: str,
    recipient: str,
    means: str,
    address: str,
    subject: str,
    body: str,
    by,
    meeting_at=None,
    meeting_place: str = "",
    request=None,
) -> OutgoingMessage:
    """Send (or, for a letter, record as posted) a message if the gate lets it go; otherwise
    journal and audit the stop and raise gate.Blocked with the reasons for the caseworker."""
    communication = communication_for(
        case, kind=kind, recipient=recipient, means=means, address=address
    )
    decision = gate.check(communication)
    what = MessageKind(kind).label
    to = MessageRecipient(recipient).label.lower()
    if not decision.allowed:
        with transaction.atomic():
            _journal(
                case,
                JournalKind.COMMUNICATION,
                _("%(what)s til %(to)s blev stoppet: %(why)s")
                % {"what": what, "to": to, "why": " ".join(decision.reasons)},
                by=by,
            )
            _audit("safety.message_blocked", case, by, request, kind=kind, recipient=recipient)
        raise gate.Blocked(decision)
    if kind == MessageKind.MEETING_INVITATION and meeting_at is not None:
        body = (
            body.rstrip()
            + "\n\n"
            + _("Tid: %(when)s\nSted: %(place)s\n")
            % {
                "when": timezone.localtime(meeting_at).strftime("%d-%m-%Y kl. %H.%M"),
                "place": meeting_place or "–",
            }
        )
    with transaction.atomic():
        now = timezone.now()
        email = None
        if means == ContactMeans.EMAIL:
            email = queue_email(
                kind=EmailKind.OTHER,
                to=address,
                subject=subject,
                body=body,
                notification=case.notification,
                communication=communication,
            )
        message = OutgoingMessage.objects.create(
            case=case,
            kind=kind,
            recipient=recipient,
            means=means,
            address=address,
            subject=subject,
            body=body,
            meeting_at=meeting_at,
            meeting_place=meeting_place,
            email=email,
            sent_by=by,
            sent_at=now,
        )
        _journal(
            case,
            JournalKind.COMMUNICATION,
            _("%(what)s til %(to)s sendt (%(how)s): %(subject)s")
            % {
                "what": what,
                "to": to,
                "how": ContactMeans(means).label.lower(),
                "subject": subject,
            },
            by=by,
            at=now,
        )
        _audit(
            "safety.message_sent",
            case,
            by,
            request,
            kind=kind,
            recipient=recipient,
            message=message.pk,
        )
    return message


# -- § 133 feedback --------------------------------------------------------------------------


def feedback_text(case: Case, outcome: str) -> tuple[str, str]:
    """The subject and body of the feedback: the reference and whether support or an
    investigation started, nothing more (no name, nothing of what happened or was decided)."""
    plan = current_plan()
    with translation.override("da"):
        body = render_to_string(
            "safety/email/feedback.txt",
            {"reference": case.notification.reference, "outcome": outcome, "plan": plan},
        )
        subject = _("Tilbagemelding på din underretning %s") % case.notification.reference
    return subject, body


@transaction.atomic
def send_feedback(task: FeedbackTask, *, outcome: str, by, request=None) -> FeedbackTask:
    task = (
        FeedbackTask.objects.select_for_update()
        .select_related("case__notification")
        .get(pk=task.pk)
    )
    case = task.case
    notification = case.notification
    if task.sent_at is not None:
        return task
    subject, body = feedback_text(case, outcome)
    email = queue_email(
        kind=EmailKind.OTHER,
        to=notification.notifier_email,
        subject=subject,
        body=body,
        notification=notification,
        communication=gate.Communication(
            kind=gate.Kind.FEEDBACK,
            recipient=gate.Recipient.PROFESSIONAL_NOTIFIER,
            means=gate.Means.EMAIL,
            address=notification.notifier_email,
            case_id=case.pk,
        ),
    )
    now = timezone.now()
    task.outcome = outcome
    task.sent_at = now
    task.sent_by = by
    task.email = email
    task.save(update_fields=["outcome", "sent_at", "sent_by", "email"])
    _journal(
        case,
        JournalKind.FEEDBACK,
        _("Tilbagemelding sendt til underretter: %s.") % FeedbackOutcome(outcome).label,
        by=by,
        at=now,
    )
    _audit("safety.feedback_sent", case, by, request, outcome=outcome, met=now <= task.due_at)
    return task


def message_communication(message: OutgoingMessage) -> gate.Communication:
    return communication_for(
        message.case,
        kind=message.kind,
        recipient=message.recipient,
        means=message.means,
        address=message.address,
    )
