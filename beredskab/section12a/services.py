"""§ 12 a on an adult's case: every change goes through one of these functions, which also writes
the case's journal and the audit trail, in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.cases.models import CaseState, JournalKind, Track
from beredskab.cases.services import (
    CaseRuleError,
    audit_case,
    journal,
    locked_case,
    start_progress,
)

from .models import ActionPlan, CounsellingOffer


def _require_adult_open(case):
    if case.track != Track.ADULT:
        raise CaseRuleError(_("§ 12 a gælder borgere over 18 år."))
    if case.state == CaseState.CLOSED:
        raise CaseRuleError(_("Sagen er lukket."))


@transaction.atomic
def record_counselling_offer(case, *, status, at, by, note="", request=None) -> CounsellingOffer:
    """The offer of free counselling (Serviceloven § 12 a, stk. 1): offered, accepted, declined."""
    case = locked_case(case)
    _require_adult_open(case)
    offer = CounsellingOffer.objects.create(
        case=case, status=status, at=at, note=note, recorded_by=by
    )
    journal(
        case,
        JournalKind.COUNSELLING,
        _("Gratis rådgivning efter § 12 a: %(status)s %(when)s. %(note)s")
        % {
            "status": offer.get_status_display().lower(),
            "when": timezone.localtime(at).strftime("%d-%m-%Y"),
            "note": note,
        },
        author=by,
    )
    start_progress(case, by)
    audit_case("case.counselling", case, by, request, status=status)
    return offer


ACTION_PLAN_FIELDS = (
    "risk_assessment",
    "situation_housing",
    "situation_work",
    "situation_education",
    "situation_relatives",
    "support_housing_work_education",
    "support_housing_work_education_purpose",
    "support_other_law",
    "support_other_law_purpose",
)


@transaction.atomic
def create_action_plan(case, *, by, made_with_person, agreed_on, request=None, **parts):
    """A § 12 a action plan with the law's four parts, made together with the person."""
    case = locked_case(case)
    _require_adult_open(case)
    missing = [name for name in ACTION_PLAN_FIELDS if not str(parts.get(name, "")).strip()]
    if missing:
        raise CaseRuleError(_("Alle handleplanens fire dele skal udfyldes."))
    if not made_with_person:
        raise CaseRuleError(_("Handleplanen skal udarbejdes sammen med borgeren (§ 12 a, stk. 4)."))
    version = (case.action_plans.aggregate(m=Max("version"))["m"] or 0) + 1
    plan = ActionPlan.objects.create(
        case=case,
        version=version,
        made_with_person=True,
        agreed_on=agreed_on,
        created_by=by,
        created_at=timezone.now(),
        **{name: parts[name] for name in ACTION_PLAN_FIELDS},
    )
    journal(
        case,
        JournalKind.ACTION_PLAN,
        _("Handleplan efter § 12 a, version %(v)d, aftalt med borgeren %(d)s.")
        % {"v": version, "d": agreed_on.strftime("%d-%m-%Y")},
        author=by,
    )
    start_progress(case, by)
    audit_case("case.action_plan", case, by, request, version=version)
    return plan
