"""The Indsatsgruppe's meetings, decisions, initiatives and referrals: every change goes through
one of these functions, which also writes the case's journal and the audit trail, in one
transaction."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from beredskab.audit.services import record
from beredskab.cases.access import access_periods
from beredskab.cases.models import CaseState, JournalKind, Track
from beredskab.cases.services import (
    CaseRuleError,
    audit_case,
    journal,
    locked_case,
    name_of,
    start_progress,
)
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.selectors import current_plan

from .models import (
    OPEN_INITIATIVE_STATES,
    AgendaItem,
    Decision,
    Initiative,
    InitiativeStatus,
    Meeting,
    MeetingStatus,
)


def latest_meeting_start(now=None) -> dt.datetime:
    """A meeting may be planned at most the plan's number of days ahead: agenda access lasts
    until after the meeting, so a meeting far ahead would open its cases for that long."""
    days = access_periods().meeting_max_days_ahead
    return (now or timezone.now()) + dt.timedelta(days=days)


def check_meeting_start(starts_at, now=None) -> None:
    latest = latest_meeting_start(now)
    if starts_at > latest:
        raise CaseRuleError(
            _("Et møde kan højst planlægges %(days)d dage frem, dvs. senest %(day)s.")
            % {
                "days": access_periods().meeting_max_days_ahead,
                "day": formats.date_format(timezone.localtime(latest), "j. F Y"),
            }
        )


@transaction.atomic
def schedule_meeting(
    *,
    starts_at,
    location,
    participants,
    by,
    duration_minutes=60,
    external_participants="",
    request=None,
) -> Meeting:
    check_meeting_start(starts_at)
    meeting = Meeting.objects.create(
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        external_participants=external_participants,
        created_by=by,
        uid=f"{secrets.token_hex(16)}@beredskab",
    )
    meeting.participants.set(participants)
    record("meeting.schedule", request=request, actor=by, obj=meeting)
    return meeting


@transaction.atomic
def update_meeting(meeting, *, by, request=None, participants=None, **fields) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if "starts_at" in fields and fields["starts_at"] != meeting.starts_at:
        check_meeting_start(fields["starts_at"])
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.save()
    if participants is not None:
        meeting.participants.set(participants)
    record("meeting.update", request=request, actor=by, obj=meeting)
    return meeting


@transaction.atomic
def send_agenda(meeting, *, by, request=None) -> Meeting:
    """Send the agenda: from now the invited members read the cases on it (meetings.access). Each
    participant with an e-mail address is told, without a word about the cases."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise CaseRuleError(_("Mødet er aflyst."))
    now = timezone.now()
    first_time = meeting.agenda_sent_at is None
    if first_time:
        meeting.agenda_sent_at = now
        meeting.save(update_fields=["agenda_sent_at"])
    when = formats.date_format(timezone.localtime(meeting.starts_at), "l j. F Y \\k\\l. H.i")
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "meetings:detail", kwargs={"meeting_id": meeting.pk}
    )
    for participant in meeting.participants.filter(is_active=True, email__gt=""):
        queue_email(
            kind=EmailKind.OTHER,
            to=participant.email,
            subject=_("Dagsorden til Indsatsgruppens møde"),
            body=_(
                "Dagsordenen til Indsatsgruppens møde %(when)s er klar. "
                "Log ind for at læse den og sagerne på den: %(url)s\n"
            )
            % {"when": when, "url": url},
        )
    for item in meeting.agenda.select_related("case__notification"):
        journal(
            item.case,
            JournalKind.MEETING,
            _("Dagsordenen for Indsatsgruppens møde %s er sendt til de inviterede.")
            % timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M"),
            author=by,
            at=now,
        )
    record(
        "meeting.agenda_sent",
        request=request,
        actor=by,
        obj=meeting,
        detail={"again": not first_time},
    )
    return meeting


@transaction.atomic
def add_to_agenda(meeting, case, *, by, request=None) -> AgendaItem:
    case = locked_case(case)
    if case.track != Track.ADULT or case.state not in (CaseState.ROUTED, CaseState.IN_PROGRESS):
        raise CaseRuleError(
            _("Kun videregivne voksensager kan komme på Indsatsgruppens dagsorden.")
        )
    position = (meeting.agenda.aggregate(m=Max("position"))["m"] or 0) + 1
    item, created = AgendaItem.objects.get_or_create(
        meeting=meeting, case=case, defaults={"position": position}
    )
    if created:
        journal(
            case,
            JournalKind.MEETING,
            _("Sat på dagsordenen for Indsatsgruppens møde %s.")
            % timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M"),
            author=by,
        )
        start_progress(case, by)
        audit_case("case.agenda", case, by, request, meeting=meeting.pk)
    return item


@transaction.atomic
def record_minutes(meeting, *, minutes, by, request=None) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.minutes = minutes
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["minutes", "status"])
    record("meeting.minutes", request=request, actor=by, obj=meeting)
    return meeting


@transaction.atomic
def record_decision(agenda_item, *, text, by, initiatives=(), request=None) -> Decision:
    """A decision taken together; each entry of `initiatives` (kind, responsible, due_on,
    description) becomes an initiative with a responsible person and a due date."""
    case = locked_case(agenda_item.case)
    if not text.strip():
        raise CaseRuleError(_("Skriv beslutningen."))
    if initiatives and case.state == CaseState.CLOSED:
        # As create_initiative: no new initiatives on a closed case.
        raise CaseRuleError(_("Sagen er lukket. Genåbn den for at sætte indsatser i gang."))
    now = timezone.now()
    decision = Decision.objects.create(
        agenda_item=agenda_item, text=text, decided_at=now, recorded_by=by
    )
    journal(
        case, JournalKind.DECISION, _("Indsatsgruppen besluttede: %s") % text, author=by, at=now
    )
    for item in initiatives:
        _create_initiative(case, by=by, decision=decision, **item)
    audit_case("case.decision", case, by, request, decision=decision.pk)
    return decision


# -- Initiatives and referrals ----------------------------------------------------------------


def initiativename_of(kind: str) -> str:
    """The catalogue's Danish name for an initiative kind (the journal is read by people)."""
    for item in current_plan().initiative_types:
        if item.key == kind:
            return item.name["da"]
    return kind


def _create_initiative(case, *, kind, responsible, due_on, by, description="", decision=None):
    now = timezone.now()
    initiative = Initiative.objects.create(
        case=case,
        kind=kind,
        description=description,
        decision=decision,
        responsible=responsible,
        due_on=due_on,
        created_at=now,
        updated_at=now,
    )
    journal(
        case,
        JournalKind.INITIATIVE,
        _("Indsats: %(kind)s. Ansvarlig: %(who)s, frist %(due)s. %(text)s")
        % {
            "kind": initiativename_of(kind),
            "who": name_of(responsible),
            "due": due_on.strftime("%d-%m-%Y"),
            "text": description,
        },
        author=by,
        at=now,
    )
    return initiative


@transaction.atomic
def create_initiative(case, *, kind, responsible, due_on, by, description="", request=None):
    case = locked_case(case)
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er lukket."))
    initiative = _create_initiative(
        case, kind=kind, responsible=responsible, due_on=due_on, by=by, description=description
    )
    start_progress(case, by)
    audit_case("case.initiative", case, by, request, initiative=initiative.pk, kind=kind)
    return initiative


@transaction.atomic
def update_initiative(initiative, *, status, by, outcome="", referred_on=None, request=None):
    initiative = (
        Initiative.objects.select_for_update()
        .select_related("case__notification")
        .get(pk=initiative.pk)
    )
    initiative.status = status
    if outcome:
        initiative.outcome = outcome
    if referred_on:
        initiative.referred_on = referred_on
    elif status == InitiativeStatus.REFERRED and initiative.referred_on is None:
        initiative.referred_on = timezone.localdate()
    initiative.updated_at = timezone.now()
    initiative.save()
    journal(
        initiative.case,
        JournalKind.INITIATIVE,
        _("Indsats %(kind)s: %(status)s. %(outcome)s")
        % {
            "kind": initiativename_of(initiative.kind),
            "status": initiative.get_status_display().lower(),
            "outcome": outcome,
        },
        author=by,
    )
    audit_case(
        "case.initiative_update",
        initiative.case,
        by,
        request,
        initiative=initiative.pk,
        status=status,
    )
    return initiative


def open_initiatives():
    return Initiative.objects.filter(status__in=OPEN_INITIATIVE_STATES)
