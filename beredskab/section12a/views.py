"""§ 12 a (Serviceloven) on an adult's case: the offer of free counselling (stk. 1) and the action
plan made together with the person (stk. 2), as a page and as a PDF to give the person.

Reading needs access to the case (access.can_view); recording needs the right to work on it
(access.can_work_on). A case the user may not see gets the one answer of refusals.py, whatever
its track; only then is a case the user may see but not on the adult track a 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beredskab.access import refuse, staff
from beredskab.accounts import roles as r
from beredskab.audit.services import record
from beredskab.cases.access import can_work_on
from beredskab.cases.models import Track
from beredskab.cases.refusals import answers_hidden_cases, visible_case
from beredskab.cases.services import CaseRuleError
from beredskab.guide.pdf import render_pdf
from beredskab.plans.selectors import current_plan

from . import services
from .forms import ActionPlanForm, CounsellingForm, risk_assessment_text
from .models import ActionPlan

ROLES = (r.COORDINATOR, r.INTERVENTION_GROUP, r.LEADER, r.INTAKE, r.CHILDREN_UNIT)


def _adult_case(request, reference, *, detail=None):
    """The adult case, if the user may see it (need to know first: the answer for a case the
    user may not see must not tell its track)."""
    case = visible_case(request, reference, detail=detail)
    if case.track != Track.ADULT:
        raise Http404
    return case


def _action_plan(case, version) -> ActionPlan:
    # Looked up within the case, so a version of another case's plan is never reachable here.
    action_plan = case.action_plans.select_related("created_by").filter(version=version).first()
    if action_plan is None:
        raise Http404
    return action_plan


@staff(*ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def counselling(request, reference):
    case = _adult_case(request, reference)
    if not can_work_on(request.user, case):
        return refuse(request)
    if request.method == "POST":
        form = CounsellingForm(request.POST)
        if form.is_valid():
            try:
                services.record_counselling_offer(
                    case,
                    status=form.cleaned_data["status"],
                    at=form.cleaned_data["at"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    request=request,
                )
            except CaseRuleError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Rådgivningen er registreret."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = CounsellingForm(initial=CounsellingForm.initial_now())
        status = 200
    return render(
        request, "section12a/counselling.html", {"case": case, "form": form}, status=status
    )


@staff(*ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def action_plan_new(request, reference):
    case = _adult_case(request, reference)
    if not can_work_on(request.user, case):
        return refuse(request)
    latest = case.action_plans.order_by("-version").first()
    assessment = case.assessments.order_by("-revision").first()
    if request.method == "POST":
        form = ActionPlanForm(request.POST)
        if form.is_valid():
            try:
                action_plan = services.create_action_plan(
                    case,
                    by=request.user,
                    made_with_person=form.cleaned_data["made_with_person"],
                    agreed_on=form.cleaned_data["agreed_on"],
                    request=request,
                    **form.parts(),
                )
            except CaseRuleError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Handleplanen er gemt som version %d.") % action_plan.version
                )
                return redirect(
                    "section12a:action-plan", reference=reference, version=action_plan.version
                )
        status = 400
    else:
        form = ActionPlanForm(initial=ActionPlanForm.initial_for(latest, assessment))
        # The form shows the latest version (or the risk assessment): a view of personal data.
        record(
            "case.action_plan_form",
            request=request,
            obj=case,
            person_key=reference,
            detail={"prefilled_from": latest.version if latest else None},
        )
        status = 200
    revised_since_latest = (
        latest is not None and assessment is not None and assessment.assessed_at > latest.created_at
    )
    return render(
        request,
        "section12a/action_plan_form.html",
        {
            "case": case,
            "form": form,
            "latest": latest,
            "revised_assessment": (
                risk_assessment_text(assessment) if revised_since_latest else ""
            ),
        },
        status=status,
    )


@staff(*ROLES)
@require_GET
@answers_hidden_cases
def action_plan(request, reference, version):
    case = _adult_case(request, reference, detail={"document": "action_plan", "version": version})
    action_plan = _action_plan(case, version)
    record(
        "case.action_plan_view",
        request=request,
        obj=case,
        person_key=reference,
        detail={"version": version},
    )
    newest = case.action_plans.order_by("-version").values_list("version", flat=True).first()
    return render(
        request,
        "section12a/action_plan.html",
        {
            "case": case,
            "action_plan": action_plan,
            "newest_version": newest,
            "can_work": can_work_on(request.user, case),
        },
    )


@staff(*ROLES)
@require_GET
@answers_hidden_cases
def action_plan_pdf(request, reference, version):
    case = _adult_case(request, reference, detail={"document": "action_plan", "version": version})
    action_plan = _action_plan(case, version)
    # No cache_key: the PDF holds personal data and must never sit in a shared cache.
    pdf = render_pdf(
        "section12a/action_plan_pdf.html",
        {
            "case": case,
            "action_plan": action_plan,
            "municipality": current_plan().municipality,
            "printed_at": timezone.now(),
        },
    )
    record(
        "case.print",
        request=request,
        obj=case,
        person_key=reference,
        detail={"document": "action_plan", "version": version},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # The reference only: a file name ends up in download folders and browser histories.
    response["Content-Disposition"] = (
        f'attachment; filename="handleplan-{reference}-v{version}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
