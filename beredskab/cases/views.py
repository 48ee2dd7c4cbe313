"""The case pages: the list, one case with its journal, and the forms that move a case through
its life cycle. Views check need to know (cases.access) and call the services; nothing else."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab import cpr
from beredskab.access import refuse, staff
from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record
from beredskab.deadlines.rules import deadline_state
from beredskab.persons.panels import history_panel, person_panel
from beredskab.plans.selectors import current_plan

from . import access, selectors, services
from .forms import (
    CASE_ROLES,
    AssignForm,
    BreakGlassForm,
    CloseForm,
    CoordinatorForm,
    CorrectionForm,
    HandoverForm,
    NoteForm,
    ReopenForm,
    RiskAssessmentForm,
    TrackForm,
    staff_with_roles,
)
from .hooks import case_page_parts
from .models import (
    BreakGlassGrant,
    CaseState,
    CloseReason,
    JournalEntry,
    JournalKind,
    Track,
)
from .refusals import BREAK_GLASS_ROLES, answers_hidden_cases, refusal_page, visible_case


def _show_rule_error(form, error):
    """A CaseRuleError from a service, shown at the top of the form that caused it."""
    for message in error.messages:
        form.add_error(None, message)


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


# -- One case --------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_GET
@answers_hidden_cases
def case_detail(request, reference):
    return _render_detail(request, visible_case(request, reference))


def _render_detail(request, case, *, note_form=None, status=200):
    user = request.user
    notification = case.notification
    record("case.view", request=request, obj=case, person_key=notification.reference)
    plan = current_plan()
    now = timezone.now()
    warning = dt.timedelta(hours=plan.deadlines.warning_hours)
    can_work = access.can_work_on(user, case)

    assessments = list(case.assessments.select_related("assessed_by").prefetch_related("answers"))
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
            "n": notification,
            "cpr_masked": cpr.masked(notification.person_cpr),
            "concerns": [
                plan.concern_type(c.concern_type) or c.concern_type
                for c in notification.concerns.all()
            ],
            "attachments": notification.attachments.all(),
            "can_download": True,  # whoever sees the case may download its attachments
            "may_register": r.INTAKE in roles_of(user),
            "now": now,
            "open_deadlines": [
                {"kind": kind, "due_at": due, "state": deadline_state(due, now, warning)}
                for kind, due in notification.open_deadlines()
            ],
            "assessment": assessments[0] if assessments else None,
            "earlier_assessments": assessments[1:],
            "factor_texts": {f.key: f.text for f in plan.risk_factors},
            "handovers": case.handovers.select_related("received_by", "handed_over_by"),
            "assignments": access.active_assignments()
            .filter(case=case)
            .select_related("user")
            .order_by("assigned_at"),
            "close_reason": CloseReason(case.close_reason).label if case.close_reason else "",
            "rows": rows,
            "note_form": note_form or NoteForm(),
            "grant": grant,
            "can_handle": access.can_handle_intake(user, case),
            "can_work": can_work,
            "may_assign_others": access.may_assign_others(user, case),
            # Someone of the stage's own role who reads the case (after breaking the glass).
            "may_take": not can_work and access.may_take(user, case),
            "is_closed": case.state == CaseState.CLOSED,
            "is_adult": case.track == Track.ADULT,
            # What the apps above cases show on the page (meetings, § 12 a: cases.hooks).
            "case_page_parts": case_page_parts(),
            # The person concerned: earlier notifications, possible matches (need to know applies).
            **person_panel(request, notification),
        },
        status=status,
    )


def _case_for_work(request, reference, allowed):
    """The case and None, or the case and a refusal when the user may see the case but not do
    this to it (a case the user may not see is CaseHidden: the views answer it in one way)."""
    case = visible_case(request, reference)
    if not allowed(request.user, case):
        return case, refuse(
            request,
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
    return case, None


# -- Risk assessment -------------------------------------------------------------------------


@staff(r.INTAKE)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def assess(request, reference):
    case, refused = _case_for_work(request, reference, access.can_handle_intake)
    if refused:
        return refused
    plan = current_plan()
    current = case.assessments.prefetch_related("answers").first()
    status = 200
    if request.method == "POST":
        form = RiskAssessmentForm(request.POST, risk_factors=plan.risk_factors)
        if form.is_valid():
            try:
                assessment = services.record_risk_assessment(
                    case, by=request.user, request=request, **form.service_arguments()
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
                messages.success(
                    request,
                    _("Risikovurderingen er gemt (version %d).") % assessment.revision,
                )
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = RiskAssessmentForm(
            initial=RiskAssessmentForm.initial_from(current), risk_factors=plan.risk_factors
        )
    notification = case.notification
    return render(
        request,
        "cases/assess.html",
        {
            # An assessment made without the earlier notifications is made blind.
            **history_panel(request, notification),
            "case": case,
            "n": notification,
            "form": form,
            "current": current,
            "overdue": notification.assessed_at is None
            and notification.assessment_due_at < timezone.now(),
        },
        status=status,
    )


# -- Routing on the two tracks ---------------------------------------------------------------


@staff(r.INTAKE)
@require_POST
@answers_hidden_cases
def set_track(request, reference):
    case, refused = _case_for_work(request, reference, access.can_handle_intake)
    if refused:
        return refused
    form = TrackForm(request.POST)
    if form.is_valid():
        try:
            services.set_track(case, form.cleaned_data["track"], by=request.user, request=request)
        except services.CaseRuleError as error:
            _show_rule_error(form, error)
        else:
            messages.success(request, _("Sporet er gemt."))
            return redirect("cases:route", reference=reference)
    return _render_route(request, case, track_form=form, status=400)


@staff(r.INTAKE)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def route(request, reference):
    case, refused = _case_for_work(request, reference, access.can_handle_intake)
    if refused:
        return refused
    if request.method == "GET":
        return _render_route(request, case)
    if case.track == Track.CHILD:
        form = HandoverForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.hand_over_child_case(
                    case,
                    received_by=c["received_by"],
                    received_by_name=c["received_by_name"],
                    received_at=c["received_at"],
                    method=c["method"],
                    note=c["note"],
                    by=request.user,
                    request=request,
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
                messages.success(request, _("Sagen er overdraget til Børneenheden."))
                return redirect("cases:detail", reference=reference)
    elif case.track == Track.ADULT:
        form = CoordinatorForm(request.POST)
        if form.is_valid():
            try:
                services.assign_coordinator(
                    case, form.cleaned_data["coordinator"], by=request.user, request=request
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
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
            "n": case.notification,
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
ASSIGN_ROLES = (r.INTAKE, r.COORDINATOR, r.CHILDREN_UNIT, r.LEADER)


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
            try:
                services.assign(
                    case,
                    chosen,
                    by=user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
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
    case, refused = _case_for_work(request, reference, access.can_work_on)
    if refused:
        return refused
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                case, text=form.cleaned_data["text"], by=request.user, request=request
            )
        except services.CaseRuleError as error:
            _show_rule_error(form, error)
        else:
            messages.success(request, _("Notatet er gemt i journalen."))
            return redirect("cases:detail", reference=reference)
    return _render_detail(request, case, note_form=form, status=400)


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def correct(request, reference, entry_id):
    case, refused = _case_for_work(request, reference, access.can_work_on)
    if refused:
        return refused
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
            try:
                services.correct_entry(
                    entry, text=form.cleaned_data["text"], by=request.user, request=request
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
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


# -- Life cycle ------------------------------------------------------------------------------


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def close(request, reference):
    case, refused = _case_for_work(request, reference, access.can_work_on)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                services.close_case(
                    case,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    request=request,
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
                messages.success(request, _("Sagen er lukket."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = CloseForm()
    return render(request, "cases/close.html", {"case": case, "form": form}, status=status)


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def reopen(request, reference):
    case, refused = _case_for_work(request, reference, access.can_work_on)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = ReopenForm(request.POST)
        if form.is_valid():
            try:
                services.reopen_case(
                    case, reason=form.cleaned_data["reason"], by=request.user, request=request
                )
            except services.CaseRuleError as error:
                _show_rule_error(form, error)
            else:
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
        try:
            services.break_glass(
                case, user=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except services.CaseRuleError as error:
            _show_rule_error(form, error)
        else:
            return redirect("cases:detail", reference=reference)
    return refusal_page(request, reference, form, status=400)
