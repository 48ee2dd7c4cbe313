"""Case handling: every change goes through one of these functions, which also writes the case's
journal and the audit trail, in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.accounts import roles
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record
from beredskab.dates import format_date
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.selectors import current_plan
from beredskab.plans.templatetags.plan_text import t

from . import access
from .hooks import assessment_recorded
from .life_course import create_move_notice
from .models import (
    INTAKE_STATES,
    AssessmentKind,
    BreakGlassGrant,
    Case,
    CaseAssignment,
    CaseState,
    CloseReason,
    FactorRating,
    FamilyContact,
    Handover,
    JournalEntry,
    JournalKind,
    Judgement,
    LikelyVictim,
    RiskAssessment,
    RiskFactorAnswer,
    RiskScenario,
    Track,
    VictimRelation,
)
from .workflow import CaseRuleError, check, transition


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


def _locked(case) -> Case:
    return Case.objects.select_for_update().select_related("notification").get(pk=case.pk)


# The apps above cases (meetings, section12a) change a case in the same way: the case locked,
# the journal and the audit trail written in the same transaction.
locked_case = _locked
audit_case = _audit
name_of = _name


# -- Risk assessment -------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorInput:
    """One factor rated now and earlier (FactorRating values; earlier may be "")."""

    now: str
    earlier: str = ""
    note: str = ""


@dataclass(frozen=True)
class ScenarioInput:
    what: str
    who: str
    how_soon: str


@dataclass(frozen=True)
class VictimInput:
    relation: str
    description: str
    is_child: bool = False


def assessment_warnings(
    *,
    kind: str,
    serious_violence: str,
    acute_risk: str,
    acute_action_needed: bool,
    answers: dict[str, FactorInput],
    grave_factors: dict[str, str],
) -> list[str]:
    """What looks inconsistent in an assessment about to be saved: the assessor confirms it or
    changes it. `grave_factors` maps the plan's gravest factors' keys to their texts."""
    warnings = []
    if Judgement.HIGH in (serious_violence, acute_risk) and not acute_action_needed:
        warnings.append(
            _(
                "Risikoen er vurderet som høj, men der er ikke angivet behov for en akut indsats. "
                "Bekræft, at det er rigtigt, eller angiv den akutte indsats."
            )
        )
    if kind == AssessmentKind.FULL and serious_violence == Judgement.LOW:
        present = [
            text
            for key, text in grave_factors.items()
            if key in answers and answers[key].now == FactorRating.PRESENT
        ]
        if present:
            warnings.append(
                _(
                    "Risikoen for alvorlig vold er vurderet som lav, selv om disse alvorligste "
                    "faktorer er til stede nu: %s. Bekræft vurderingen, eller skriv i "
                    "begrundelsen, hvorfor de ikke trækker op."
                )
                % "; ".join(present)
            )
    return warnings


@transaction.atomic
def record_risk_assessment(
    case,
    *,
    by,
    acute_action_needed: bool,
    justification: str,
    kind: str = AssessmentKind.FULL,
    answers: dict[str, FactorInput] | None = None,
    serious_violence: str = "",
    acute_risk: str = "",
    family_contact: str = "",
    police_contacted: bool = False,
    safe_house: bool = False,
    social_doegnvagt: bool = False,
    other_action: str = "",
    protective_factors: str = "",
    sources: str = "",
    change_reason: str = "",
    review_on: dt.date | None = None,
    known_travel_on: dt.date | None = None,
    scenarios: list[ScenarioInput] | tuple[ScenarioInput, ...] = (),
    likely_victims: list[VictimInput] | tuple[VictimInput, ...] = (),
    request=None,
) -> RiskAssessment:
    """Record a risk screening or a (revised) full risk assessment. The first of either closes
    the 24-hour deadline; a revision of a full assessment says what changed and why."""
    case = _locked(case)
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er lukket. Genåbn den for at vurdere igen."))
    if not justification.strip():
        raise CaseRuleError(_("Skriv en begrundelse for vurderingen."))
    if kind not in AssessmentKind.values:
        raise CaseRuleError(_("Vælg screening eller risikovurdering."))
    full = kind == AssessmentKind.FULL
    if full and (serious_violence not in Judgement.values or acute_risk not in Judgement.values):
        raise CaseRuleError(
            _("Vurdér både risikoen for alvorlig vold og den akutte risiko (lav, middel, høj).")
        )
    if family_contact and family_contact not in FamilyContact.values:
        raise CaseRuleError(_("Vælg, om forældre/netværk kan inddrages."))
    earlier_full = case.assessments.filter(kind=AssessmentKind.FULL).exists()
    if full and earlier_full and not change_reason.strip():
        raise CaseRuleError(_("Skriv, hvad der er ændret siden sidste vurdering, og hvorfor."))
    now = timezone.now()
    if full and review_on is None:
        review_on = timezone.localdate(now) + dt.timedelta(
            days=current_plan().risk_assessment.review_days
        )
    revision = (case.assessments.aggregate(m=Max("revision"))["m"] or 0) + 1
    assessment = RiskAssessment.objects.create(
        case=case,
        revision=revision,
        kind=kind,
        serious_violence=serious_violence if full else "",
        acute_risk=acute_risk if full else "",
        family_contact=family_contact,
        acute_action_needed=acute_action_needed,
        police_contacted=police_contacted,
        safe_house=safe_house,
        social_doegnvagt=social_doegnvagt,
        other_action=other_action,
        justification=justification,
        protective_factors=protective_factors if full else "",
        sources=sources,
        change_reason=change_reason,
        review_on=review_on,
        known_travel_on=known_travel_on,
        assessed_by=by,
        assessed_at=now,
    )
    if full:
        RiskFactorAnswer.objects.bulk_create(
            RiskFactorAnswer(
                assessment=assessment,
                factor=key,
                now=answer.now,
                earlier=answer.earlier,
                note=answer.note,
            )
            for key, answer in (answers or {}).items()
        )
        RiskScenario.objects.bulk_create(
            RiskScenario(assessment=assessment, what=s.what, who=s.who, how_soon=s.how_soon)
            for s in scenarios
        )
        LikelyVictim.objects.bulk_create(
            LikelyVictim(
                assessment=assessment,
                relation=v.relation,
                description=v.description,
                is_child=v.is_child or v.relation == VictimRelation.OTHER_CHILD,
            )
            for v in likely_victims
        )
    journal(case, JournalKind.ASSESSMENT, assessment_summary(assessment), author=by, at=now)
    notification = case.notification
    if notification.assessed_at is None:
        # Closes the 24-hour deadline as met or missed (shown in the case's timeline).
        assessment_recorded(notification, now)
    if case.state == CaseState.RECEIVED:
        transition(case, CaseState.ASSESSED, by, at=now)
    _audit(
        "case.assessment",
        case,
        by,
        request,
        revision=revision,
        kind=kind,
        serious_violence=serious_violence,
        acute_risk=acute_risk,
    )
    return assessment


def assessment_summary(assessment: RiskAssessment) -> str:
    """The assessment in a few lines: for the journal and the § 12 a action plan's first part."""
    day = format_date(assessment.assessed_at)
    if assessment.kind == AssessmentKind.SCREENING:
        head = _("Indledende risikoscreening %(day)s") % {"day": day}
    else:
        head = _("Risikovurdering %(day)s (version %(revision)d)") % {
            "day": day,
            "revision": assessment.revision,
        }
    lines = [head + ":"]
    if assessment.serious_violence:
        lines.append(
            _("Risiko for alvorlig vold: %(violence)s. Akut risiko: %(acute)s.")
            % {
                "violence": assessment.get_serious_violence_display(),
                "acute": assessment.get_acute_risk_display() or "–",
            }
        )
    elif assessment.level:
        lines.append(_("Samlet risikoniveau: %s.") % assessment.get_level_display())
    lines.append(
        _("Akut indsats nødvendig.")
        if assessment.acute_action_needed
        else _("Akut indsats ikke nødvendig.")
    )
    if assessment.family_contact:
        lines.append(assessment.get_family_contact_display() + ".")
    if assessment.change_reason:
        lines.append(_("Ændret: %s") % assessment.change_reason)
    lines.append(assessment.justification)
    return "\n".join(lines)


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
    check(case, CaseState.ROUTED)
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
    case.review_on = default_review_date()
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
        _("Overdraget til %(unit)s: %(who)s, %(when)s (%(how)s). %(note)s")
        % {
            "unit": t(current_plan().tracks.child.unit),
            "who": received_by_name,
            "when": timezone.localtime(received_at).strftime("%d-%m-%Y %H:%M"),
            "how": handover.get_method_display(),
            "note": note,
        },
        author=by,
    )
    transition(case, CaseState.ROUTED, by)
    _tell_receivers(case, _handover_receivers(received_by), by)
    _audit("case.handover", case, by, request, handover=handover.pk)
    return handover


@transaction.atomic
def assign_coordinator(case, coordinator, *, by, request=None) -> Case:
    """18 and over: the coordinator (tovholder) takes the case to the Indsatsgruppe."""
    case = _locked(case)
    if not coordinator.groups.filter(name=roles.COORDINATOR).exists():
        raise CaseRuleError(_("Den valgte medarbejder er ikke tovholder."))
    if case.state in INTAKE_STATES:
        _require_routable(case, Track.ADULT)
        case.routed_at = timezone.now()
        case.review_on = default_review_date()
        case.coordinator = coordinator
        _end_intake_assignments(case, by, request)
        journal(
            case,
            JournalKind.COORDINATOR,
            _("Tovholder: %s. Sagen går til Indsatsgruppen.") % _name(coordinator),
            author=by,
        )
        transition(case, CaseState.ROUTED, by)
    else:
        case.coordinator = coordinator
        case.save(update_fields=["coordinator"])
        journal(
            case, JournalKind.COORDINATOR, _("Ny tovholder: %s.") % _name(coordinator), author=by
        )
    if coordinator.pk != by.pk:
        _tell_receivers(case, [coordinator], by)
    _audit("case.coordinator", case, by, request, coordinator=coordinator.pk)
    return case


# -- Telling the receivers, and the review date -----------------------------------------------

# A routed case is looked at again this many days later unless someone sets another date.
DEFAULT_REVIEW_DAYS = 30


def default_review_date() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=DEFAULT_REVIEW_DAYS)


def _handover_receivers(received_by) -> list:
    """The employee who took the child's case, or else everyone of the children's unit role."""
    if received_by is not None:
        return [received_by]
    User = get_user_model()
    return list(User.objects.filter(is_active=True, groups__name=roles.CHILDREN_UNIT).distinct())


def _tell_receivers(case, receivers, by) -> None:
    """E-mail whoever now has the case: no reference, no name, nothing of the case; a link."""
    for receiver in receivers:
        if not receiver.is_active or not receiver.email or receiver.pk == by.pk:
            continue
        queue_email(
            kind=EmailKind.OTHER,
            to=receiver.email,
            subject=_("En sag er givet videre til dig"),
            body=_(
                "%(by)s har givet en sag videre til dig i beredskabet mod æresrelaterede "
                "konflikter og negativ social kontrol.\n\nLog ind for at læse den: %(url)s\n"
            )
            % {"by": _name(by), "url": _case_url(case)},
        )


@transaction.atomic
def set_review_date(case, review_on: dt.date, *, by, request=None) -> Case:
    """Move the date the case is looked at again; journaled and audited."""
    case = _locked(case)
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er lukket."))
    if review_on < timezone.localdate():
        raise CaseRuleError(_("Opfølgningsdatoen kan ikke ligge før i dag."))
    case.review_on = review_on
    case.save(update_fields=["review_on"])
    journal(
        case,
        JournalKind.REVIEW,
        _("Opfølgningsdato: %s.") % review_on.strftime("%d-%m-%Y"),
        author=by,
    )
    _audit("case.review_date", case, by, request, review_on=review_on.isoformat())
    return case


# -- Assignment: access beyond the coordinator ------------------------------------------------

CASE_ROLES = frozenset(
    {roles.INTAKE, roles.COORDINATOR, roles.INTERVENTION_GROUP, roles.CHILDREN_UNIT, roles.LEADER}
)


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
        if assignment.assigned_by is not None and roles.LEADER in roles_of(assignment.assigned_by):
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


# -- Life cycle -------------------------------------------------------------------------------


@transaction.atomic
def close_case(case, *, reason, note, by, warnings=(), new_municipality="", request=None) -> Case:
    """Close the case; `warnings` are what the closer was shown as still open (journaled)."""
    case = _locked(case)
    check(case, CaseState.CLOSED)
    if reason not in CloseReason.values:
        raise CaseRuleError(_("Vælg en årsag."))
    if reason == CloseReason.OTHER and not note.strip():
        raise CaseRuleError(_("Skriv en begrundelse, når årsagen er »Andet«."))
    case.close_reason = reason
    case.close_note = note
    text = f"{CloseReason(reason).label}. {note}".strip()
    if warnings:
        text += " " + _("Lukket trods advarsel: %s") % " ".join(warnings)
    transition(case, CaseState.CLOSED, by, note=text)
    _audit("case.close", case, by, request, reason=reason, warnings=len(warnings))
    if reason == CloseReason.MOVED:
        # The new municipality must be told: a task on the closed case until it is done.
        create_move_notice(case, new_municipality=new_municipality, by=by)
    return case


@transaction.atomic
def reopen_case(case, *, reason, by, request=None) -> Case:
    case = _locked(case)
    if case.state != CaseState.CLOSED:
        raise CaseRuleError(_("Kun en lukket sag kan genåbnes."))
    if not reason.strip():
        raise CaseRuleError(_("Skriv hvorfor sagen genåbnes."))
    if case.coordinator_id or case.routed_at:
        state = CaseState.IN_PROGRESS
        case.review_on = default_review_date()
    else:
        state = CaseState.ASSESSED if case.notification.assessed_at else CaseState.RECEIVED
    transition(case, state, by, note=_("Genåbnet: %s") % reason)
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
        User.objects.filter(is_active=True, groups__name=roles.LEADER, email__gt="")
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
