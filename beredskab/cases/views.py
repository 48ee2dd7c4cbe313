"""The case pages: the list, one case with its journal, and the forms that move a case through
its life cycle. Views check need to know (cases.access) and call the services; nothing else."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab import cpr
from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.accounts.roles import roles_of
from beredskab.audit import keys
from beredskab.audit.services import record
from beredskab.audit.subjects import cpr_subject
from beredskab.deadlines.rules import deadline_state
from beredskab.guide.pdf import render_pdf
from beredskab.plans.selectors import current_plan
from beredskab.plans.templatetags.plan_text import t

from . import access, life_course, selectors, services
from .forms import (
    CASE_ROLES,
    AdultTrackForm,
    AssignForm,
    BreakGlassForm,
    CloseForm,
    CoordinatorForm,
    CorrectionForm,
    HandoverForm,
    MoveInformedForm,
    NoteForm,
    ReceivingStatusForm,
    ReopenForm,
    ReviewDateForm,
    RiskAssessmentForm,
    RiskScreeningForm,
    SearchForm,
    TrackForm,
    staff_with_roles,
)
from .hooks import case_page_parts, context_for
from .models import (
    AssessmentKind,
    BreakGlassGrant,
    CaseState,
    CloseReason,
    JournalEntry,
    JournalKind,
    ReceivingStatus,
    Track,
)
from .refusals import (
    BREAK_GLASS_ROLES,
    answers_hidden_cases,
    case_for,
    make_change,
    refusal_page,
    visible_case,
)

# -- The list --------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_GET
def case_list(request):
    state = request.GET.get("state", "")
    track = request.GET.get("track", "")
    state = state if state in CaseState.values else ""
    track = track if track in Track.values else ""
    record("case.list_view", request=request)
    return render(
        request,
        "cases/list.html",
        {
            "cases": selectors.case_list(request.user, state=state, track=track),
            "state": state,
            "track": track,
            "states": CaseState.choices,
            "tracks": Track.choices,
            "now": timezone.now(),
        },
    )


# -- Search ----------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def search(request):
    """Find a case by reference, name, CPR number or date, among the cases the user may see.
    The criterion comes by POST (never in a URL or a log line) and every search is audited
    with it: the reference or date as typed, a name or CPR number as a keyed hash (and the CPR
    number as a subject, so the auditor finds the search under the person)."""
    results = None
    status = 200
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid():
            by, value = form.cleaned_data["by"], form.cleaned_data["value"]
            results = list(selectors.search_cases(request.user, by=by, value=value))
            record(
                "case.search",
                request=request,
                detail={
                    "by": by,
                    "criterion": _audited_criterion(by, value),
                    "found": [case.notification.reference for case in results],
                },
                about=[*results, *([cpr_subject(value)] if by == "cpr" else [])],
            )
        else:
            status = 400
    else:
        form = SearchForm()
    return render(
        request,
        "cases/search.html",
        {"form": form, "results": results, "now": timezone.now()},
        status=status,
    )


def _audited_criterion(by: str, value) -> str:
    if by == "cpr":
        return cpr_subject(value)
    if by == "name":
        return "NAME:" + keys.mac("search", value.strip().casefold().encode())
    return str(value)


@staff(roles.INTAKE, roles.LEADER)
@require_GET
def handed_over(request):
    """The cases Modtagelsen has let go of and the receiving unit's status: a reference and a
    status each, nothing about the person."""
    record("case.handed_over_view", request=request)
    return render(
        request,
        "cases/handed_over.html",
        {
            "cases": life_course.handed_over_cases(),
            "statuses": dict(ReceivingStatus.choices),
            "now": timezone.now(),
        },
    )


# -- One case --------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_GET
@answers_hidden_cases
def case_detail(request, reference):
    return _render_detail(request, visible_case(request, reference))


def _render_detail(request, case, *, note_form=None, review_form=None, status=200):
    user = request.user
    notification = case.notification
    record("case.view", request=request, obj=case, person_key=notification.reference)
    plan = current_plan()
    now = timezone.now()
    warning = dt.timedelta(hours=plan.deadlines.warning_hours)
    can_work = access.can_work_on(user, case)

    assessments = list(
        case.assessments.select_related("assessed_by").prefetch_related(
            "answers", "scenarios", "likely_victims"
        )
    )
    for a in assessments:
        a.has_previous = any(b.kind == a.kind and b.revision < a.revision for b in assessments)
    latest_full = next((a for a in assessments if a.kind == AssessmentKind.FULL), None)
    timeline = selectors.case_timeline(case)
    corrections = defaultdict(list)
    for item in timeline:
        if item.entry is not None and item.entry.corrects_id:
            corrections[item.entry.corrects_id].append(item)
    rows = [
        {"item": item, "corrections": corrections.get(item.entry.pk, []) if item.entry else []}
        for item in timeline
        if item.entry is None or not item.entry.corrects_id
    ]
    grant = (
        BreakGlassGrant.objects.filter(case=case, user=user, expires_at__gt=now)
        .order_by("-expires_at")
        .first()
    )
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "notification": notification,
            "cpr_masked": cpr.masked(notification.person_cpr),
            "concerns": [
                plan.concern_type(c.concern_type) or c.concern_type
                for c in notification.concerns.all()
            ],
            "attachments": notification.attachments.all(),
            "can_download": True,  # whoever sees the case may download its attachments
            "may_register": roles.INTAKE in roles_of(user),
            "now": now,
            "open_deadlines": [
                {"kind": kind, "due_at": due, "state": deadline_state(due, now, warning)}
                for kind, due in notification.open_deadlines()
            ],
            "assessment": assessments[0] if assessments else None,
            "earlier_assessments": assessments[1:],
            "latest_full": latest_full,
            "reassessment_prompts": selectors.reassessment_prompts(case, plan, now),
            # A high judgement offers the § 12 c referral to the national security consultants.
            "referral_12c": (
                selectors.security_consultants_initiative(plan)
                if latest_full is not None
                and latest_full.is_high
                and case.state != CaseState.CLOSED
                else None
            ),
            "children_to_notify": (
                [v for v in latest_full.likely_victims.all() if v.needs_notification]
                if latest_full
                else []
            ),
            "may_assess": _may_assess(user, case),
            "factor_texts": {f.key: f.text for f in plan.risk_factors},
            "handovers": case.handovers.select_related("received_by", "handed_over_by"),
            "assignments": access.active_assignments()
            .filter(case=case)
            .select_related("user")
            .order_by("assigned_at"),
            "close_reason": CloseReason(case.close_reason).label if case.close_reason else "",
            "rows": rows,
            "note_form": note_form or NoteForm(),
            "review_form": review_form or ReviewDateForm(initial={"review_on": case.review_on}),
            "grant": grant,
            "can_handle": access.can_handle_intake(user, case),
            "may_mark_receipt": access.may_mark_receipt(user, case),
            "can_work": can_work,
            "may_assign_others": access.may_assign_others(user, case),
            # Someone of the stage's own role who reads the case (after breaking the glass).
            "may_take": not can_work and access.may_take(user, case),
            "is_closed": case.state == CaseState.CLOSED,
            "is_adult": case.track == Track.ADULT,
            # The life course: the plan's adult age, the receiving unit's status, a move.
            "becomes_adult_on": life_course.becomes_adult_on(case),
            "adult_from_age": plan.tracks.adult_from_age,
            "age_limit_prompt": life_course.age_limit_prompt(case),
            "adult_track_form": AdultTrackForm() if can_work else None,
            "receiving_status": life_course.receiving_status(case),
            "receiving_status_form": ReceivingStatusForm() if can_work else None,
            "move_notice": getattr(case, "move_notice", None),
            "move_informed_form": MoveInformedForm() if can_work else None,
            # What the apps above cases show on the page (meetings, § 12 a: cases.hooks).
            "case_page_parts": case_page_parts(),
            # The person concerned: earlier notifications, possible matches (need to know applies).
            **context_for("case", request, notification),
        },
        status=status,
    )


def _case_for_work(request, reference, may):
    """The case, if the user may see it and do this to it now (refusals.case_for: a case the
    user may not see is CaseHidden, work the user may not do is CaseRefused; the views'
    decorator answers both)."""
    case = case_for(
        request,
        reference,
        may=may,
        reason=_("Du kan ikke foretage denne handling på sagen i dens nuværende status."),
    )
    if request.method == "GET":
        # The forms show parts of the case (the assessment, a journal entry): a look, logged.
        record(
            "case.view",
            request=request,
            obj=case,
            person_key=case.audit_key,
            detail={"page": request.resolver_match.url_name},
        )
    return case


# -- Risk screening and assessment -----------------------------------------------------------

# Who may make the full risk assessment: Modtagelsen while it owns the case, then those who
# work on it (the coordinator, the children's unit, an assigned colleague, a leader).
ASSESSMENT_ROLES = (
    roles.INTAKE,
    roles.COORDINATOR,
    roles.CHILDREN_UNIT,
    roles.INTERVENTION_GROUP,
    roles.LEADER,
)


def _may_assess(user, case) -> bool:
    return access.can_handle_intake(user, case) or (
        case.state != CaseState.CLOSED and access.can_work_on(user, case)
    )


@staff(roles.INTAKE)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def screen(request, reference):
    """The indledende risikoscreening within 24 hours: is acute action needed, what was done."""
    case = _case_for_work(request, reference, access.can_handle_intake)
    status = 200
    if request.method == "POST":
        form = RiskScreeningForm(request.POST)
        if form.is_valid():
            screened = make_change(
                form,
                services.record_risk_assessment,
                case,
                by=request.user,
                request=request,
                **form.service_arguments(),
            )
            if screened is not None:
                messages.success(request, _("Den indledende risikoscreening er gemt."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = RiskScreeningForm()
    return render(
        request,
        "cases/screen.html",
        {**_assessment_context(request, case), "form": form},
        status=status,
    )


def _assessment_context(request, case) -> dict:
    notification = case.notification
    return {
        # An assessment made without the earlier notifications is made blind.
        **context_for("assess", request, notification),
        "case": case,
        "n": notification,
        "notification": notification,
        "overdue": notification.assessed_at is None
        and notification.assessment_due_at < timezone.now(),
    }


@staff(*ASSESSMENT_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def assess(request, reference):
    """The full risk assessment (and its revisions). Inconsistencies are shown before saving;
    the assessor confirms them or changes the assessment, and nothing typed is lost."""
    case = _case_for_work(request, reference, _may_assess)
    plan = current_plan()
    current = (
        case.assessments.prefetch_related("answers", "scenarios", "likely_victims")
        .order_by("-revision")
        .first()
    )
    full = selectors.latest_full_assessment(case)
    is_revision = full is not None
    warnings: list[str] = []
    status = 200
    if request.method == "POST":
        form = RiskAssessmentForm(
            request.POST, risk_factors=plan.risk_factors, revision=is_revision
        )
        if form.is_valid():
            arguments = form.service_arguments()
            warnings = services.assessment_warnings(
                kind=arguments["kind"],
                serious_violence=arguments["serious_violence"],
                acute_risk=arguments["acute_risk"],
                acute_action_needed=arguments["acute_action_needed"],
                answers=arguments["answers"],
                grave_factors={f.key: t(f.text) for f in plan.risk_factors if f.grave},
            )
            if warnings and not form.cleaned_data["confirmed"]:
                status = 200  # asked to confirm: not an error, and everything typed is kept
            else:
                assessment = make_change(
                    form,
                    services.record_risk_assessment,
                    case,
                    by=request.user,
                    request=request,
                    **arguments,
                )
                if assessment is None:
                    status = 400
                else:
                    messages.success(
                        request,
                        _("Risikovurderingen er gemt (version %d).") % assessment.revision,
                    )
                    return redirect("cases:detail", reference=reference)
        else:
            status = 400
    else:
        form = RiskAssessmentForm(
            initial=RiskAssessmentForm.initial_from(full or current, plan),
            risk_factors=plan.risk_factors,
            revision=is_revision,
        )
    return render(
        request,
        "cases/assess.html",
        {
            **_assessment_context(request, case),
            "form": form,
            "current": full,
            "domains": form.domain_rows(selectors.factors_by_domain(plan)),
            "warnings": warnings,
        },
        status=status,
    )


def _assessment_of(case, revision):
    assessment = (
        case.assessments.select_related("assessed_by")
        .prefetch_related("answers", "scenarios", "likely_victims")
        .filter(revision=revision)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


@staff(*CASE_ROLES)
@require_GET
@answers_hidden_cases
def assessment_compare(request, reference, revision):
    """A full assessment beside the one before it: what changed, and the reason given."""
    case = visible_case(request, reference)
    assessment = _assessment_of(case, revision)
    previous = (
        case.assessments.filter(kind=assessment.kind, revision__lt=revision)
        .select_related("assessed_by")
        .prefetch_related("answers", "scenarios", "likely_victims")
        .order_by("-revision")
        .first()
    )
    record(
        "case.view",
        request=request,
        obj=case,
        person_key=case.audit_key,
        detail={"page": "assessment_compare", "revision": revision},
    )
    plan = current_plan()
    return render(
        request,
        "cases/assessment_compare.html",
        {
            "case": case,
            "n": case.notification,
            "new": assessment,
            "old": previous,
            "changes": selectors.comparison_rows(previous, assessment, plan) if previous else [],
            "factor_texts": {f.key: f.text for f in plan.risk_factors},
        },
    )


@staff(*CASE_ROLES)
@require_GET
@answers_hidden_cases
def assessment_pdf(request, reference, revision):
    """The assessment as a tagged, accessible PDF for the case file; printing is audited."""
    case = visible_case(request, reference, detail={"document": "risk_assessment"})
    assessment = _assessment_of(case, revision)
    plan = current_plan()
    # No cache_key: the PDF holds personal data and must never sit in a shared cache.
    pdf = render_pdf(
        "cases/assessment_pdf.html",
        {
            "case": case,
            "n": case.notification,
            "a": assessment,
            "municipality": plan.municipality,
            "factor_texts": {f.key: f.text for f in plan.risk_factors},
            "domains": selectors.assessment_domains(assessment, plan),
            "printed_at": timezone.now(),
        },
    )
    record(
        "case.print",
        request=request,
        obj=case,
        person_key=case.audit_key,
        detail={"document": "risk_assessment", "revision": revision},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # The reference only: a file name ends up in download folders and browser histories.
    response["Content-Disposition"] = (
        f'attachment; filename="risikovurdering-{reference}-v{revision}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


# -- Routing on the two tracks ---------------------------------------------------------------


@staff(roles.INTAKE)
@require_POST
@answers_hidden_cases
def set_track(request, reference):
    case = _case_for_work(request, reference, access.can_handle_intake)
    form = TrackForm(request.POST)
    if form.is_valid():
        track = form.cleaned_data["track"]
        if make_change(form, services.set_track, case, track, by=request.user, request=request):
            messages.success(request, _("Sporet er gemt."))
            return redirect("cases:route", reference=reference)
    return _render_route(request, case, track_form=form, status=400)


@staff(roles.INTAKE)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def route(request, reference):
    case = _case_for_work(request, reference, access.can_handle_intake)
    if request.method == "GET":
        return _render_route(request, case)
    if case.track == Track.CHILD:
        form = HandoverForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if make_change(
                form,
                services.hand_over_child_case,
                case,
                received_by=data["received_by"],
                received_by_name=data["received_by_name"],
                received_at=data["received_at"],
                method=data["method"],
                note=data["note"],
                by=request.user,
                request=request,
            ):
                messages.success(
                    request,
                    _("Sagen er overdraget til %(unit)s.")
                    % {"unit": t(current_plan().tracks.child.unit)},
                )
                return redirect("cases:detail", reference=reference)
    elif case.track == Track.ADULT:
        form = CoordinatorForm(request.POST)
        if form.is_valid():
            coordinator = form.cleaned_data["coordinator"]
            if make_change(
                form,
                services.assign_coordinator,
                case,
                coordinator,
                by=request.user,
                request=request,
            ):
                messages.success(request, _("Sagen er videregivet til tovholderen."))
                if not access.can_view(request.user, case):
                    return redirect("intake:queue")  # Modtagelsen lets go of adult cases
                return redirect("cases:detail", reference=reference)
    else:
        # The track is still undecided: ask for it (a bound, empty form says what is missing).
        track_form = TrackForm(data={})
        return _render_route(request, case, track_form=track_form, status=400)
    return _render_route(request, case, route_form=form, status=400)


def _render_route(request, case, *, track_form=None, route_form=None, status=200):
    if route_form is None:
        if case.track == Track.CHILD:
            route_form = HandoverForm(initial=HandoverForm.initial_now())
        elif case.track == Track.ADULT:
            route_form = CoordinatorForm()
    if track_form is None:
        initial = {"track": case.track} if case.track != Track.UNDECIDED else {}
        track_form = TrackForm(initial=initial)
    return render(
        request,
        "cases/route.html",
        {
            "case": case,
            "notification": case.notification,
            "track_form": track_form,
            "form": route_form,
            "assessed": case.state == CaseState.ASSESSED,
        },
        status=status,
    )


# -- Assign ----------------------------------------------------------------------------------


def _take_refused(request, case):
    """Refuse a user whose role does not own the case's stage, and say who may assign them.
    (They may read the case for now; a user who may not is answered by refusals.py, with the
    glass to break.)"""
    return render(
        request,
        "cases/take_refused.html",
        {"case": case, "why": services.take_refusal(case)},
        status=403,
    )


# The Indsatsgruppe owns no stage of a case, so its members never assign anyone (access.py).
ASSIGN_ROLES = (roles.INTAKE, roles.COORDINATOR, roles.CHILDREN_UNIT, roles.LEADER)


@staff(*ASSIGN_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def assign(request, reference):
    """Assign someone to the case with a reason, or take it: see access.may_take and
    access.may_assign_others; services.assign checks the same."""
    case = visible_case(request, reference)
    user = request.user
    assignments = (
        access.active_assignments()
        .filter(case=case)
        .select_related("user", "assigned_by")
        .order_by("assigned_at")
    )
    has_access = {a.user_id for a in assignments} | {case.coordinator_id}
    may_take = access.may_take(user, case) and user.pk not in has_access
    if access.may_assign_others(user, case):
        candidates = staff_with_roles(*CASE_ROLES).exclude(pk__in=has_access)
        if not may_take:
            candidates = candidates.exclude(pk=user.pk)
    elif may_take:
        candidates = get_user_model().objects.filter(pk=user.pk)
    else:
        return _take_refused(request, case)
    status = 200
    if request.method == "POST":
        form = AssignForm(request.POST, candidates=candidates)
        if form.is_valid():
            chosen = form.cleaned_data["user"]
            reason = form.cleaned_data["reason"]
            if make_change(
                form, services.assign, case, chosen, by=user, reason=reason, request=request
            ):
                messages.success(
                    request,
                    _("%s har fået adgang til sagen.")
                    % (chosen.get_full_name() or chosen.username),
                )
                return redirect("cases:detail", reference=reference)
        elif "user" in form.errors and request.POST.get("user") == str(user.pk):
            return _take_refused(request, case)
        status = 400
    else:
        form = AssignForm(candidates=candidates, initial={"user": user.pk} if may_take else {})
    return render(
        request,
        "cases/assign.html",
        {
            "case": case,
            "form": form,
            "assignments": assignments,
            "owner": access.STAGE_OWNER_NAME[access.stage_of(case)],
            "only_me": not access.may_assign_others(user, case),
        },
        status=status,
    )


# -- The journal -----------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_POST
@answers_hidden_cases
def add_note(request, reference):
    case = _case_for_work(request, reference, access.can_work_on)
    form = NoteForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        if make_change(form, services.add_note, case, text=text, by=request.user, request=request):
            messages.success(request, _("Notatet er gemt i journalen."))
            return redirect("cases:detail", reference=reference)
    return _render_detail(request, case, note_form=form, status=400)


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def correct(request, reference, entry_id):
    case = _case_for_work(request, reference, access.can_work_on)
    # Only an entry in this case's own journal; an id from another case is simply not found.
    entry = get_object_or_404(
        JournalEntry.objects.select_related("author", "corrects"), pk=entry_id, case=case
    )
    if entry.kind == JournalKind.CORRECTION and entry.corrects is not None:
        # A correction of a correction corrects the original entry, where both are shown.
        return redirect("cases:correct", reference=reference, entry_id=entry.corrects_id)
    status = 200
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["text"]
            if make_change(
                form, services.correct_entry, entry, text=text, by=request.user, request=request
            ):
                messages.success(request, _("Rettelsen er gemt i journalen."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = CorrectionForm()
    return render(
        request,
        "cases/correct.html",
        {
            "case": case,
            "entry": entry,
            "earlier_corrections": entry.corrections.select_related("author").order_by("at"),
            "form": form,
        },
        status=status,
    )


# -- Review date -----------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_POST
@answers_hidden_cases
def review_date(request, reference):
    case = _case_for_work(request, reference, access.can_work_on)
    form = ReviewDateForm(request.POST)
    if form.is_valid() and make_change(
        form,
        services.set_review_date,
        case,
        form.cleaned_data["review_on"],
        by=request.user,
        request=request,
    ):
        messages.success(request, _("Opfølgningsdatoen er gemt."))
        return redirect("cases:detail", reference=reference)
    return _render_detail(request, case, review_form=form, status=400)


# -- Life cycle ------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def close(request, reference):
    case = _case_for_work(request, reference, access.can_work_on)
    status = 200
    warnings = selectors.closing_warnings(case)
    if request.method == "POST":
        form = CloseForm(request.POST, warnings=warnings)
        if form.is_valid() and make_change(
            form,
            services.close_case,
            case,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            warnings=warnings,
            new_municipality=form.cleaned_data["new_municipality"],
            by=request.user,
            request=request,
        ):
            messages.success(request, _("Sagen er lukket."))
            return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = CloseForm(warnings=warnings)
    return render(
        request,
        "cases/close.html",
        {"case": case, "form": form, "warnings": warnings},
        status=status,
    )


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def reopen(request, reference):
    case = _case_for_work(request, reference, access.can_work_on)
    status = 200
    if request.method == "POST":
        form = ReopenForm(request.POST)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            if make_change(
                form, services.reopen_case, case, reason=reason, by=request.user, request=request
            ):
                messages.success(request, _("Sagen er genåbnet."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = ReopenForm()
    return render(request, "cases/reopen.html", {"case": case, "form": form}, status=status)


# -- Break the glass -------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def break_glass(request, reference):
    """The same page as any refusal until a reason is given; only then does the user learn
    whether there is such a case (the attempt is audited either way)."""
    case = selectors.case_by_reference(reference)
    if case is not None and access.can_view(request.user, case):
        return redirect("cases:detail", reference=reference)
    if not roles_of(request.user) & BREAK_GLASS_ROLES:
        return refusal_page(request, reference)
    if request.method == "GET":
        return refusal_page(request, reference)
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        if case is None:
            record("case.break_glass_not_found", request=request)
            form.add_error(None, _("Der er ingen sag med referencen »%s«.") % reference)
            return refusal_page(request, reference, form, status=404)
        reason = form.cleaned_data["reason"]
        if make_change(
            form, services.break_glass, case, user=request.user, reason=reason, request=request
        ):
            return redirect("cases:detail", reference=reference)
    return refusal_page(request, reference, form, status=400)


# -- The life course: the adult age, the receiving unit's status, a move ------------------------


def _life_course_step(request, reference, form_class, step, done_message):
    """A small form on the case page that the case's own people post: on bad input the case
    page is shown again with the message and what was typed."""
    case = _case_for_work(request, reference, access.can_work_on)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            step(case, form.cleaned_data)
        except life_course.LifeCourseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done_message)
            return redirect("cases:detail", reference=reference)
    messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("cases:detail", reference=reference)


@staff(roles.CHILDREN_UNIT, roles.COORDINATOR, roles.INTAKE, roles.LEADER)
@require_POST
@answers_hidden_cases
def adult_track(request, reference):
    return _life_course_step(
        request,
        reference,
        AdultTrackForm,
        lambda case, data: life_course.move_to_adult_track(
            case, coordinator=data["coordinator"], by=request.user, request=request
        ),
        _("Sagen er flyttet til voksensporet. Tilbyd rådgivning efter § 12 a."),
    )


@staff(roles.CHILDREN_UNIT, roles.COORDINATOR, roles.LEADER)
@require_POST
@answers_hidden_cases
def receiving_status(request, reference):
    return _life_course_step(
        request,
        reference,
        ReceivingStatusForm,
        lambda case, data: life_course.record_receiving_status(
            case, status=data["status"], note=data["note"], by=request.user, request=request
        ),
        _("Status er gemt."),
    )


@staff(*CASE_ROLES)
@require_POST
@answers_hidden_cases
def move_informed(request, reference):
    return _life_course_step(
        request,
        reference,
        MoveInformedForm,
        lambda case, data: life_course.record_new_municipality_informed(
            case, how=data["how"], by=request.user, request=request
        ),
        _("Det er noteret, at den nye kommune er orienteret."),
    )
