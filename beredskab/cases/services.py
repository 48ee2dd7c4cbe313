"""Case handling: every change goes through one of these functions, which also writes the case's
journal and the audit trail, in one transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email

from . import access
from .hooks import assessment_recorded
from .models import (
    INTAKE_STATES,
    BreakGlassGrant,
    Case,
    CaseAssignment,
    CaseState,
    CloseReason,
    Handover,
    JournalEntry,
    JournalKind,
    RiskAssessment,
    RiskFactorAnswer,
    RiskLevel,
    Track,
)


class CaseRuleError(ValidationError):
    """A change the case's life cycle does not allow (shown to the user as a message)."""


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("systemet")


def journal(case, kind, text, *, author=None, at=None, corrects=None) -> JournalEntry:
    return JournalEntry.objects.create(
        case=case, kind=kind, text=text, author=author, at=at or timezone.now(), corrects=corrects
    )


def _audit(action, case, by, request=None, **detail):
    record(
        action,
        request=request,
        actor=by,
        obj=case,
        person_key=case.notification.reference,
        detail=detail,
    )


def _set_state(case, state, by, *, at=None, note=""):
    old = case.get_state_display()
    case.state = state
    case.save(
        update_fields=[
            "state",
            "routed_at",
            "closed_at",
            "close_reason",
            "close_note",
            "coordinator",
            "track",
        ]
    )
    label = dict(CaseState.choices)[state]
    journal(
        case,
        JournalKind.STATE,
        f"{old} → {label}" + (f": {note}" if note else ""),
        author=by,
        at=at,
    )


def _locked(case) -> Case:
    return Case.objects.select_for_update().select_related("notification").get(pk=case.pk)


# The apps above cases (meetings, section12a) change a case in the same way: the case locked,
# the journal and the audit trail written in the same transaction.
locked_case = _locked
audit_case = _audit
name_of = _name


# -- Risk assessment -------------------------------------------------------------------------


@transaction.atomic
def record_risk_assessment(
    case,
    *,
    answers: dict[str, tuple[str, str]],
    level: str,
    acute_action_needed: bool,
    justification: str,
    by,
    police_contacted=False,
    safe_house=False,
    social_doegnvagt=False,
    other_action="",
    request=None,
) -> RiskAssessment:
    """Record (or revise) the risk assessment; the first one closes the 24-hour deadline."""
    case = _locked(case)
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er lukket. Genåbn den for at vurdere igen."))
    if not justification.strip():
        raise CaseRuleError(_("Skriv en begrundelse for vurderingen."))
    if level not in RiskLevel.values:
        raise CaseRuleError(_("Vælg et risikoniveau."))
    now = timezone.now()
    revision = (case.assessments.aggregate(m=Max("revision"))["m"] or 0) + 1
    assessment = RiskAssessment.objects.create(
        case=case,
        revision=revision,
        level=level,
        acute_action_needed=acute_action_needed,
        police_contacted=police_contacted,
        safe_house=safe_house,
        social_doegnvagt=social_doegnvagt,
        other_action=other_action,
        justification=justification,
        assessed_by=by,
        assessed_at=now,
    )
    RiskFactorAnswer.objects.bulk_create(
        RiskFactorAnswer(assessment=assessment, factor=key, answer=answer, note=note)
        for key, (answer, note) in answers.items()
    )
    what = _("Risikovurdering") if revision == 1 else _("Risikovurdering revideret (%d)") % revision
    acute = _(", akut indsats nødvendig") if acute_action_needed else ""
    journal(
        case,
        JournalKind.ASSESSMENT,
        f"{what}: {RiskLevel(level).label}{acute}. {justification}",
        author=by,
        at=now,
    )
    notification = case.notification
    if notification.assessed_at is None:
        # Closes the 24-hour deadline as met or missed (shown in the case's timeline).
        assessment_recorded(notification, now)
    if case.state == CaseState.RECEIVED:
        _set_state(case, CaseState.ASSESSED, by, at=now)
    _audit("case.assessment", case, by, request, revision=revision, level=level)
    return assessment


# -- Routing: the two tracks -----------------------------------------------------------------


@transaction.atomic
def set_track(case, track: str, *, by, request=None) -> Case:
    """Modtagelsen decides the track when the notifier could not tell the person's age."""
    case = _locked(case)
    if case.state not in INTAKE_STATES:
        raise CaseRuleError(_("Sporet kan kun ændres, før sagen er videregivet."))
    case.track = track
    case.save(update_fields=["track"])
    journal(case, JournalKind.ROUTING, _("Spor sat til: %s") % Track(track).label, author=by)
    _audit("case.track", case, by, request, track=track)
    return case


def _require_routable(case, track):
    if case.state != CaseState.ASSESSED:
        raise CaseRuleError(_("Sagen skal være risikovurderet, før den videregives."))
    if case.track != track:
        raise CaseRuleError(_("Sagen er ikke på det rigtige spor (barn/voksen)."))


@transaction.atomic
def hand_over_child_case(
    case, *, received_by_name, received_at, method, by, received_by=None, note="", request=None
) -> Handover:
    """Under 18: hand the case to the children's unit under the plan for abuse against children.
    Modtagelsen reads it for the plan's period after the hand-over (cases.access)."""
    case = _locked(case)
    _require_routable(case, Track.CHILD)
    handover = Handover.objects.create(
        case=case,
        received_by=received_by,
        received_by_name=received_by_name,
        received_at=received_at,
        method=method,
        note=note,
        handed_over_by=by,
    )
    case.routed_at = timezone.now()
    _end_intake_assignments(case, by, request)
    if received_by is not None and not _active_assignment(case, received_by):
        CaseAssignment.objects.create(
            case=case,
            user=received_by,
            assigned_at=case.routed_at,
            assigned_by=by,
            reason=_("Modtog sagen ved overdragelsen."),
        )
    journal(
        case,
        JournalKind.HANDOVER,
        _("Overdraget til Børneenheden: %(who)s, %(when)s (%(how)s). %(note)s")
        % {
            "who": received_by_name,
            "when": timezone.localtime(received_at).strftime("%d-%m-%Y %H:%M"),
            "how": handover.get_method_display(),
            "note": note,
        },
        author=by,
    )
    _set_state(case, CaseState.ROUTED, by)
    _audit("case.handover", case, by, request, handover=handover.pk)
    return handover


@transaction.atomic
def assign_coordinator(case, coordinator, *, by, request=None) -> Case:
    """18 and over: the coordinator (tovholder) takes the case to the Indsatsgruppe."""
    case = _locked(case)
    if not coordinator.groups.filter(name=r.COORDINATOR).exists():
        raise CaseRuleError(_("Den valgte medarbejder er ikke tovholder."))
    if case.state in INTAKE_STATES:
        _require_routable(case, Track.ADULT)
        case.routed_at = timezone.now()
        case.coordinator = coordinator
        _end_intake_assignments(case, by, request)
        journal(
            case,
            JournalKind.COORDINATOR,
            _("Tovholder: %s. Sagen går til Indsatsgruppen.") % _name(coordinator),
            author=by,
        )
        _set_state(case, CaseState.ROUTED, by)
    else:
        case.coordinator = coordinator
        case.save(update_fields=["coordinator"])
        journal(
            case, JournalKind.COORDINATOR, _("Ny tovholder: %s.") % _name(coordinator), author=by
        )
    _audit("case.coordinator", case, by, request, coordinator=coordinator.pk)
    return case


# -- Assignment: access beyond the coordinator ------------------------------------------------

CASE_ROLES = frozenset({r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER})


def _active_assignment(case, user) -> CaseAssignment | None:
    return access.active_assignments().filter(case=case, user=user).first()


def take_refusal(case) -> str:
    """Why the user may not assign themselves, and what to do instead."""
    return _(
        "På sagens nuværende trin kan kun %(owner)s og lederne tildele sagen, også til sig "
        "selv. Bed dem om det, hvis du eller en kollega skal arbejde i sagen."
    ) % {"owner": access.STAGE_OWNER_NAME[access.stage_of(case)]}


@transaction.atomic
def assign(case, user, *, by, reason, request=None) -> CaseAssignment:
    """Give `user` access to the case, with a reason. Taking a case (assigning oneself) is for
    the role that owns its stage; assigning others for that role's people on the case and for
    leaders. The leaders are told of an assignment outside the normal flow (access.owns_stage)."""
    case = _locked(case)
    reason = reason.strip()
    if not reason:
        raise CaseRuleError(_("Skriv, hvorfor medarbejderen skal have adgang til sagen."))
    if user.pk == by.pk:
        if not access.may_take(by, case):
            raise CaseRuleError(take_refusal(case))
    elif not access.may_assign_others(by, case):
        raise CaseRuleError(
            _("Kun %(owner)s, der arbejder i sagen, og lederne kan tildele andre sagen.")
            % {"owner": access.STAGE_OWNER_NAME[access.stage_of(case)]}
        )
    if not roles_of(user) & CASE_ROLES:
        raise CaseRuleError(_("Medarbejderen arbejder ikke med sager."))
    if _active_assignment(case, user):
        raise CaseRuleError(_("%s er allerede tildelt sagen.") % _name(user))
    now = timezone.now()
    assignment = CaseAssignment.objects.create(
        case=case, user=user, assigned_at=now, assigned_by=by, reason=reason
    )
    normal = access.owns_stage(user, case)
    journal(
        case,
        JournalKind.ASSIGNMENT,
        _("Tildelt: %(who)s. Begrundelse: %(why)s") % {"who": _name(user), "why": reason}
        + ("" if normal else " " + _("(uden for det normale forløb; lederne har fået besked)")),
        author=by,
        at=now,
    )
    _audit("case.assign", case, by, request, user=user.pk, normal_flow=normal)
    if not normal:
        _report_to_leaders(
            case,
            by,
            subject=_("Tildeling uden for det normale forløb"),
            body=_(
                "%(by)s har tildelt %(who)s sag %(ref)s uden for det normale forløb: "
                "medarbejderen hører ikke til den rolle, der har sagen på dens nuværende trin.\n\n"
                "Begrundelsen står i sagens journal: %(url)s\n"
            )
            % {
                "by": _name(by),
                "who": _name(user),
                "ref": case.notification.reference,
                "url": _case_url(case),
            },
        )
    return assignment


def _end_intake_assignments(case, by, request):
    """Routing ends the assignments made while the case was in intake, except those of the
    receiving stage's own role and those a leader made (access.owns_stage on the routed case)."""
    now = timezone.now()
    for assignment in (
        access.active_assignments().filter(case=case).select_related("user", "assigned_by")
    ):
        if access.owns_stage(assignment.user, case):
            continue
        if assignment.assigned_by is not None and r.LEADER in roles_of(assignment.assigned_by):
            continue
        assignment.ended_at = now
        assignment.save(update_fields=["ended_at"])
        journal(
            case,
            JournalKind.ASSIGNMENT,
            _("Tildelingen af %s er ophørt, da sagen blev videregivet.") % _name(assignment.user),
            author=by,
            at=now,
        )
        _audit("case.assignment_end", case, by, request, user=assignment.user_id)


def start_progress(case, by):
    """The first piece of work on a routed case (an agenda item, an initiative, § 12 a) puts it
    in progress."""
    if case.state == CaseState.ROUTED:
        _set_state(case, CaseState.IN_PROGRESS, by)


# -- Life cycle -------------------------------------------------------------------------------


@transaction.atomic
def close_case(case, *, reason, note, by, request=None) -> Case:
    case = _locked(case)
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er allerede lukket."))
    if case.notification.assessed_at is None:
        raise CaseRuleError(_("En sag kan ikke lukkes, før den er risikovurderet."))
    if reason not in CloseReason.values:
        raise CaseRuleError(_("Vælg en årsag."))
    if reason == CloseReason.OTHER and not note.strip():
        raise CaseRuleError(_("Skriv en begrundelse, når årsagen er »Andet«."))
    case.closed_at = timezone.now()
    case.close_reason = reason
    case.close_note = note
    _set_state(case, CaseState.CLOSED, by, note=f"{CloseReason(reason).label}. {note}".strip())
    _audit("case.close", case, by, request, reason=reason)
    return case


@transaction.atomic
def reopen_case(case, *, reason, by, request=None) -> Case:
    case = _locked(case)
    if case.state != CaseState.CLOSED:
        raise CaseRuleError(_("Kun en lukket sag kan genåbnes."))
    if not reason.strip():
        raise CaseRuleError(_("Skriv hvorfor sagen genåbnes."))
    case.closed_at = None
    case.close_reason = ""
    case.close_note = ""
    if case.coordinator_id or case.routed_at:
        state = CaseState.IN_PROGRESS
    else:
        state = CaseState.ASSESSED if case.notification.assessed_at else CaseState.RECEIVED
    _set_state(case, state, by, note=_("Genåbnet: %s") % reason)
    _audit("case.reopen", case, by, request)
    return case


# -- The journal ------------------------------------------------------------------------------


@transaction.atomic
def add_note(case, *, text, by, request=None) -> JournalEntry:
    if not text.strip():
        raise CaseRuleError(_("Notatet er tomt."))
    entry = journal(case, JournalKind.NOTE, text, author=by)
    _audit("case.note", case, by, request, entry=entry.pk)
    return entry


@transaction.atomic
def correct_entry(entry, *, text, by, request=None) -> JournalEntry:
    """A correction is a new entry that points to the one it corrects."""
    if not text.strip():
        raise CaseRuleError(_("Rettelsen er tom."))
    correction = journal(entry.case, JournalKind.CORRECTION, text, author=by, corrects=entry)
    _audit("case.correction", entry.case, by, request, entry=entry.pk, correction=correction.pk)
    return correction


# -- Break the glass --------------------------------------------------------------------------


@transaction.atomic
def break_glass(case, *, user, reason, request=None) -> BreakGlassGrant:
    """Access for someone without need to know: time-limited, journaled, audited, reported."""
    if len(reason.strip()) < 20:
        raise CaseRuleError(_("Skriv en konkret begrundelse (mindst 20 tegn)."))
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        case=case,
        user=user,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(hours=settings.BEREDSKAB_BREAK_GLASS_HOURS),
    )
    journal(
        case,
        JournalKind.ACCESS,
        _("%(who)s brød glasset og fik adgang til %(until)s. Begrundelse: %(why)s")
        % {
            "who": _name(user),
            "until": timezone.localtime(grant.expires_at).strftime("%d-%m-%Y %H:%M"),
            "why": reason,
        },
        author=user,
        at=now,
    )
    _audit("case.break_glass", case, user, request, grant=grant.pk)
    _report_break_glass(case, user, grant)
    return grant


def _case_url(case) -> str:
    return settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "cases:detail", kwargs={"reference": case.notification.reference}
    )


def _report_to_leaders(case, actor, *, subject, body):
    """E-mail every active leader (but the one who acted) through the outbox."""
    User = get_user_model()
    leaders = (
        User.objects.filter(is_active=True, groups__name=r.LEADER, email__gt="")
        .exclude(pk=actor.pk)
        .distinct()
    )
    for leader in leaders:
        queue_email(kind=EmailKind.OTHER, to=leader.email, subject=subject, body=body)


def _report_break_glass(case, user, grant):
    _report_to_leaders(
        case,
        user,
        subject=f"Adgang til sag {case.notification.reference} (bryd glasset)",
        body=(
            f"{_name(user)} ({user.get_username()}) har brudt glasset og fået adgang til sag "
            f"{case.notification.reference} indtil "
            f"{timezone.localtime(grant.expires_at):%d-%m-%Y %H:%M}.\n\n"
            f"Begrundelsen står i sagens journal: {_case_url(case)}\n"
        ),
    )
