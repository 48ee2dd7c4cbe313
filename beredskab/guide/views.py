"""The professional's guide: the plan's steps for a concern type and age group, and the whole
plan as a page and a PDF (the law requires the plan to be published)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from beredskab.access import public
from beredskab.plans.opening import contact_now, opening_hours_table
from beredskab.plans.selectors import current_plan, current_version

from .pdf import render_pdf

# Age groups as they appear in URLs, and the plan's keys for them.
AGE_SLUGS = {"under-18": "child", "over-18": "adult"}


@public
@require_safe
def choose(request):
    plan = current_plan()
    concern = request.GET.get("concern")
    age = request.GET.get("age")
    errors = {}
    if "concern" in request.GET or "age" in request.GET:
        if not plan.concern_type(concern or ""):
            errors["concern"] = True
        if age not in AGE_SLUGS:
            errors["age"] = True
        if not errors:
            return redirect("guide:path", concern=concern, age=age)
    return render(
        request,
        "guide/choose.html",
        {"errors": errors, "selected_concern": concern, "selected_age": age},
        status=400 if errors else 200,
    )


def warnings_for(plan, concern_type, age_group: str) -> list:
    """The path's own warnings; on a child path of an honour-related concern, also every child
    warning the plan gives elsewhere (Allerød words "do not contact the parents" under the stay
    abroad, but it holds on every child path where honour is suspected: Barnets Lov § 18,
    stk. 3)."""
    own = [s for s in concern_type.steps[age_group] if s.kind == "warning"]
    if age_group != "child" or not concern_type.honour_related:
        return own
    found = {str(s.text): s for s in own}
    for other in plan.procedure.concern_types:
        for step in other.steps["child"]:
            if step.kind == "warning":
                found.setdefault(str(step.text), step)
    return list(found.values())


@public
@require_safe
def path_steps(request, concern, age):
    plan = current_plan()
    concern_type = plan.concern_type(concern)
    if concern_type is None or age not in AGE_SLUGS:
        raise Http404
    age_group = AGE_SLUGS[age]
    steps = concern_type.steps[age_group]
    return render(
        request,
        "guide/path.html",
        {
            "concern": concern_type,
            "age": age,
            "age_group": age_group,
            "warnings": warnings_for(plan, concern_type, age_group),
            "family_warning": age_group == "child" and concern_type.honour_related,
            "steps": [s for s in steps if s.kind != "warning"],
            "notify_required": age_group == "child" or any(s.kind == "notify" for s in steps),
            "now": contact_now(plan, timezone.now()),
            "other_concerns": [c for c in plan.procedure.concern_types if c.key != concern],
            "protective_measures": [i for i in plan.initiative_types if i.protective],
        },
    )


@public
@require_safe
def how_to_notify(request):
    plan = current_plan()
    concern = plan.concern_type(request.GET.get("concern", ""))
    age = request.GET.get("age") if request.GET.get("age") in AGE_SLUGS else None
    return render(
        request,
        "guide/notify.html",
        {"concern": concern, "age": age, "now": contact_now(plan, timezone.now())},
    )


def _plan_context(plan):
    return {"opening_hours": opening_hours_table(plan), "version": current_version()}


@public
@require_safe
def whole_plan(request):
    return render(request, "guide/plan.html", _plan_context(current_plan()))


@public
@require_safe
def plan_pdf(request):
    plan = current_plan()
    version = current_version()
    language = get_language() or "da"
    pdf = render_pdf(
        "guide/plan_pdf.html",
        {**_plan_context(plan), "plan": plan},
        cache_key=f"plan-pdf:{version.content_hash}:{language}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"beredskabsplan-{plan.municipality.slug}-{plan.plan.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
