"""The Indsatsgruppe's pages: meetings (agenda, minutes, decisions, calendar invitation), and the
initiatives and referrals on a case with their follow-up list.

Everyone with a meeting role may read when and where the group meets; the agenda and the minutes
are for the meeting's participants (once the agenda is sent) and for the coordinator (tovholder)
and leaders, who run the meetings (access.can_run_meetings). Every change goes through
meetings.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab.access import refuse, staff
from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record
from beredskab.cases.access import active_assignments, can_view, can_work_on, cases_visible_to
from beredskab.cases.models import INTAKE_STATES, CaseState, Track
from beredskab.cases.refusals import answers_hidden_cases, visible_case
from beredskab.cases.selectors import case_by_reference
from beredskab.cases.services import CaseRuleError
from beredskab.plans.selectors import current_plan
from beredskab.plans.templatetags.plan_text import t

from . import services
from .access import can_run_meetings
from .forms import (
    CASE_ROLES,
    MEETING_ROLES,
    DecisionForm,
    InitiativeForm,
    InitiativeUpdateForm,
    MeetingForm,
    MinutesForm,
)
from .ics import meeting_invitation
from .models import (
    OPEN_INITIATIVE_STATES,
    AgendaItem,
    Decision,
    Initiative,
    Meeting,
    MeetingStatus,
)
from .selectors import follow_up_initiatives

# Scheduling, agendas, minutes and decisions: the coordinator and leaders (can_run_meetings).
MEETING_RUNNERS = (r.COORDINATOR, r.LEADER)
FOLLOW_UP_ROLES = (r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER)
FOLLOW_UP_LIMIT = 500
PAST_MEETINGS_SHOWN = 50


def initiative_names(plan) -> dict[str, str]:
    """Catalogue key -> the initiative's name in the active language."""
    return {item.key: t(item.name) for item in plan.initiative_types}


def is_overdue(initiative, today) -> bool:
    return initiative.status in OPEN_INITIATIVE_STATES and initiative.due_on < today


def may_go_on_agenda(case) -> bool:
    """Only routed adult cases go to the Indsatsgruppe (services.add_to_agenda checks it too)."""
    return case.track == Track.ADULT and case.state in (CaseState.ROUTED, CaseState.IN_PROGRESS)


def _error_text(error: CaseRuleError) -> str:
    return " ".join(error.messages)


def _meeting(meeting_id) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("created_by"), pk=meeting_id)


def _refuse_unless_runner(request):
    if not can_run_meetings(request.user):
        return refuse(
            request,
            reason=_("Kun tovholderen og lederen kan planlægge og føre Indsatsgruppens møder."),
        )
    return None


# -- Meetings ---------------------------------------------------------------------------------


@staff(*MEETING_ROLES)
@require_GET
def meeting_list(request):
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    meetings = Meeting.objects.annotate(agenda_count=Count("agenda"))
    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": meetings.filter(starts_at__gte=today).order_by("starts_at"),
            "past": meetings.filter(starts_at__lt=today).order_by("-starts_at")[
                :PAST_MEETINGS_SHOWN
            ],
            "can_run": can_run_meetings(request.user),
        },
    )


def _meeting_form_page(request, form, meeting=None, status=200):
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "meeting": meeting,
            "members": current_plan().intervention_group.members,
        },
        status=status,
    )


@staff(*MEETING_RUNNERS)
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    if refused := _refuse_unless_runner(request):
        return refused
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            meeting = services.schedule_meeting(
                **form.meeting_data(), by=request.user, request=request
            )
            messages.success(request, _("Mødet er planlagt. Send invitationen til deltagerne."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
        return _meeting_form_page(request, form, status=400)
    return _meeting_form_page(request, MeetingForm(initial=MeetingForm.initial_for_new()))


@staff(*MEETING_RUNNERS)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    if refused := _refuse_unless_runner(request):
        return refused
    meeting = _meeting(meeting_id)
    if request.method == "POST":
        form = MeetingForm(request.POST, meeting=meeting)
        if form.is_valid():
            services.update_meeting(
                meeting, **form.meeting_data(), by=request.user, request=request
            )
            messages.success(
                request, _("Mødet er ændret. Send den opdaterede invitation til deltagerne.")
            )
            return redirect("meetings:detail", meeting_id=meeting.pk)
        return _meeting_form_page(request, form, meeting, status=400)
    form = MeetingForm(initial=MeetingForm.initial_for(meeting), meeting=meeting)
    return _meeting_form_page(request, form, meeting)


def may_read_agenda(user, meeting) -> bool:
    """The agenda and the minutes: those who run meetings, and the invited once it is sent."""
    if can_run_meetings(user):
        return True
    return meeting.agenda_sent_at is not None and meeting.participants.filter(pk=user.pk).exists()


@staff(*MEETING_ROLES)
@require_GET
def meeting_detail(request, meeting_id):
    meeting = _meeting(meeting_id)
    record("meeting.view", request=request, obj=meeting)
    may_read = may_read_agenda(request.user, meeting)
    agenda = meeting.agenda.all() if may_read else meeting.agenda.none()
    items = list(
        agenda.select_related("case__notification").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.order_by("decided_at").prefetch_related(
                    Prefetch(
                        "initiatives", queryset=Initiative.objects.select_related("responsible")
                    )
                ),
            )
        )
    )
    # Need to know: the decisions on a case are shown only to those who may see the case.
    visible = set(
        cases_visible_to(request.user)
        .filter(pk__in=[item.case_id for item in items])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "participants": meeting.participants.order_by("first_name", "last_name", "username"),
            "rows": [{"item": item, "visible": item.case_id in visible} for item in items],
            "may_read_agenda": may_read,
            "agenda_count": meeting.agenda.count() if not may_read else len(items),
            "can_run": can_run_meetings(request.user),
            "members": current_plan().intervention_group.members,
            "initiative_names": initiative_names(current_plan()),
        },
    )


@staff(*MEETING_ROLES)
@require_GET
def meeting_ics(request, meeting_id):
    meeting = _meeting(meeting_id)
    record("meeting.ics", request=request, obj=meeting)
    response = HttpResponse(
        meeting_invitation(meeting).encode("utf-8"), content_type="text/calendar; charset=utf-8"
    )
    day = timezone.localtime(meeting.starts_at).date()
    response["Content-Disposition"] = (
        f'attachment; filename="indsatsgruppemoede-{day:%Y-%m-%d}.ics"'
    )
    return response


@staff(*MEETING_RUNNERS)
@require_POST
def agenda_send(request, meeting_id):
    """Send the agenda: the invited members read its cases from now (meetings.access)."""
    if refused := _refuse_unless_runner(request):
        return refused
    meeting = _meeting(meeting_id)
    try:
        services.send_agenda(meeting, by=request.user, request=request)
    except CaseRuleError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Dagsordenen er sendt. De inviterede kan nu læse sagerne på den."),
        )
    return redirect("meetings:detail", meeting_id=meeting.pk)


def _put_on_agenda(request, meeting, reference) -> bool:
    """Put the case on the meeting's agenda; tell the user what happened."""
    case = case_by_reference(reference.strip()) if reference.strip() else None
    # The same answer for "no such case" and "not yours": references are not to be guessed.
    if case is None or not can_view(request.user, case):
        messages.error(
            request,
            _("Der er ingen sag med referencen »%s«, som du har adgang til.") % reference.strip(),
        )
        return False
    if meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, _("Mødet er aflyst."))
        return False
    try:
        services.add_to_agenda(meeting, case, by=request.user, request=request)
    except CaseRuleError as error:
        messages.error(request, _error_text(error))
        return False
    messages.success(
        request,
        _("Sag %(ref)s er sat på dagsordenen for mødet %(when)s.")
        % {
            "ref": case.notification.reference,
            "when": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M"),
        },
    )
    return True


@staff(*MEETING_RUNNERS)
@require_POST
def agenda_add(request, meeting_id):
    if refused := _refuse_unless_runner(request):
        return refused
    meeting = _meeting(meeting_id)
    _put_on_agenda(request, meeting, request.POST.get("reference", ""))
    return redirect("meetings:detail", meeting_id=meeting.pk)


@staff(*MEETING_RUNNERS)
@require_POST
def case_agenda_add(request, reference):
    """From the case page: put this case on the planned meeting chosen in the form."""
    if refused := _refuse_unless_runner(request):
        return refused
    try:
        meeting = Meeting.objects.get(
            pk=int(request.POST.get("meeting", "")), status=MeetingStatus.PLANNED
        )
    except (ValueError, Meeting.DoesNotExist):
        messages.error(request, _("Vælg et planlagt møde."))
    else:
        _put_on_agenda(request, meeting, reference)
    return redirect("cases:detail", reference=reference)


@staff(*MEETING_RUNNERS)
@require_http_methods(["GET", "POST"])
def minutes(request, meeting_id):
    if refused := _refuse_unless_runner(request):
        return refused
    meeting = _meeting(meeting_id)
    if request.method == "POST":
        form = MinutesForm(request.POST)
        if form.is_valid():
            services.record_minutes(
                meeting, minutes=form.cleaned_data["minutes"], by=request.user, request=request
            )
            messages.success(request, _("Referatet er gemt, og mødet er markeret som afholdt."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
        status = 400
    else:
        form = MinutesForm(initial={"minutes": meeting.minutes})
        status = 200
    return render(
        request, "meetings/minutes.html", {"form": form, "meeting": meeting}, status=status
    )


@staff(*MEETING_RUNNERS)
@require_http_methods(["GET", "POST"])
def decision(request, meeting_id, item_id):
    if refused := _refuse_unless_runner(request):
        return refused
    meeting = _meeting(meeting_id)
    item = get_object_or_404(
        AgendaItem.objects.select_related("case__notification"), pk=item_id, meeting=meeting
    )
    if not can_view(request.user, item.case):
        raise Http404  # the same answer as for an item that does not exist
    plan = current_plan()
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                services.record_decision(
                    item,
                    text=form.cleaned_data["text"],
                    initiatives=form.initiatives,
                    by=request.user,
                    request=request,
                )
            except CaseRuleError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Beslutningen er registreret."))
                return redirect("meetings:detail", meeting_id=meeting.pk)
        status = 400
    else:
        form = DecisionForm(plan=plan)
    record("case.decision_view", request=request, obj=item.case, person_key=item.case.audit_key)
    decisions = item.decisions.order_by("decided_at").prefetch_related(
        Prefetch("initiatives", queryset=Initiative.objects.select_related("responsible"))
    )
    return render(
        request,
        "meetings/decision.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "decisions": decisions,
            "initiative_names": initiative_names(plan),
        },
        status=status,
    )


# -- Initiatives and referrals ----------------------------------------------------------------


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def initiative_new(request, reference):
    case = visible_case(request, reference)
    if not can_work_on(request.user, case):
        return refuse(request)
    plan = current_plan()
    status = 200
    if request.method == "POST":
        form = InitiativeForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                services.create_initiative(
                    case, **form.initiative_data(), by=request.user, request=request
                )
            except CaseRuleError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Indsatsen er oprettet."))
                return redirect("cases:detail", reference=reference)
        status = 400
    else:
        form = InitiativeForm(plan=plan)
    return render(
        request, "meetings/initiative_new.html", {"form": form, "case": case}, status=status
    )


def _may_update(user, initiative) -> bool:
    return initiative.responsible_id == user.pk or can_work_on(user, initiative.case)


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def initiative_update(request, initiative_id):
    initiative = get_object_or_404(
        Initiative.objects.select_related("case__notification", "responsible", "decision"),
        pk=initiative_id,
    )
    if not _may_update(request.user, initiative):
        if not can_view(request.user, initiative.case):
            raise Http404  # the same answer as for an initiative that does not exist
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = InitiativeUpdateForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            services.update_initiative(
                initiative,
                status=c["status"],
                referred_on=c["referred_on"],
                # Only a changed outcome goes to the journal again.
                outcome=c["outcome"] if c["outcome"] != initiative.outcome else "",
                by=request.user,
                request=request,
            )
            messages.success(request, _("Indsatsen er opdateret."))
            if can_view(request.user, initiative.case):
                return redirect("cases:detail", reference=initiative.case.notification.reference)
            return redirect("meetings:follow-up")
        status = 400
    else:
        form = InitiativeUpdateForm(
            initial={
                "status": initiative.status,
                "referred_on": initiative.referred_on,
                "outcome": initiative.outcome,
            }
        )
    case = initiative.case
    record("case.initiative_view", request=request, obj=case, person_key=case.audit_key)
    return render(
        request,
        "meetings/initiative_update.html",
        {
            "form": form,
            "initiative": initiative,
            "kind_name": initiative_names(current_plan()).get(initiative.kind, initiative.kind),
            "overdue": is_overdue(initiative, timezone.localdate()),
        },
        status=status,
    )


def _updatable_case_ids(user, case_states: dict[int, str], coordinators: dict[int, int]):
    """The cases among these that the user may work on: access.can_work_on, in one query
    instead of one per row."""
    mine = roles_of(user)
    if r.LEADER in mine:
        return set(case_states)
    assigned = set(
        active_assignments()
        .filter(user=user, case_id__in=list(case_states))
        .values_list("case_id", flat=True)
    )
    allowed = set()
    for case_id, state in case_states.items():
        if state in INTAKE_STATES:
            if r.INTAKE in mine:
                allowed.add(case_id)
        elif coordinators.get(case_id) == user.pk or case_id in assigned:
            allowed.add(case_id)
    return allowed


@staff(*FOLLOW_UP_ROLES)
@require_GET
def follow_up(request):
    include_done = request.GET.get("afsluttede") == "1"
    initiatives = list(
        follow_up_initiatives(request.user, include_done=include_done)[:FOLLOW_UP_LIMIT]
    )
    today = timezone.localdate()
    cases = {i.case_id: i.case for i in initiatives}
    updatable = _updatable_case_ids(
        request.user,
        {pk: case.state for pk, case in cases.items()},
        {pk: case.coordinator_id for pk, case in cases.items()},
    )
    # The person responsible sees their initiative even when they may not open the case.
    may_open = set(
        cases_visible_to(request.user).filter(pk__in=list(cases)).values_list("pk", flat=True)
    )
    names = initiative_names(current_plan())
    rows = [
        {
            "initiative": i,
            "kind_name": names.get(i.kind, i.kind),
            "overdue": is_overdue(i, today),
            "may_open": i.case_id in may_open,
            "may_update": i.responsible_id == request.user.pk or i.case_id in updatable,
        }
        for i in initiatives
    ]
    rows.sort(key=lambda row: not row["overdue"])  # stable: by due date within each group
    # The page shows the initiatives' descriptions: filed under each case's reference.
    references = {row["initiative"].case.notification.reference for row in rows}
    record("initiative.follow_up_view", request=request, about=sorted(references))
    return render(
        request,
        "meetings/follow_up.html",
        {
            "rows": rows,
            "include_done": include_done,
            "overdue_count": sum(row["overdue"] for row in rows),
            "limit": FOLLOW_UP_LIMIT,
        },
    )
