"""The protection pages of a case (flags, messages through the gate, § 137, stk. 2 conversations,
§ 133 feedback) and of a person (flags). Need to know as on the case pages; every read and change
audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab.access import refuse, staff
from beredskab.audit.services import record
from beredskab.cases.access import can_handle_intake, can_work_on
from beredskab.cases.forms import CASE_ROLES
from beredskab.cases.refusals import answers_hidden_cases, visible_case
from beredskab.deadlines.rules import deadline_state
from beredskab.outbox import gate
from beredskab.persons.access import can_change_persons, can_view_person
from beredskab.persons.models import Person
from beredskab.persons.services import root
from beredskab.plans.selectors import current_plan

from . import selectors, services
from .forms import ConversationForm, FeedbackForm, FlagsForm, MessageForm
from .ics import invitation
from .models import FeedbackTask, MessageKind, OutgoingMessage, ProtectiveFlags


def _may_change(user, case) -> bool:
    return can_handle_intake(user, case) or can_work_on(user, case)


def _flags_initial(flags: ProtectiveFlags | None) -> dict:
    if flags is None:
        return {}
    return {
        name: getattr(flags, name)
        for name in services.FLAG_FIELDS
        if name != "no_family_contact_assessment"
    } | {"no_family_contact_assessment": flags.no_family_contact_assessment_id}


def _flag_values(form: FlagsForm, assessments) -> dict:
    values = {name: form.cleaned_data.get(name) for name in services.FLAG_FIELDS}
    chosen = values.pop("no_family_contact_assessment", None)
    values["no_family_contact_assessment"] = next((a for a in assessments if a.pk == chosen), None)
    for name in (
        "no_family_contact_reason",
        "safe_means",
        "safe_address",
        "safe_times",
        "language",
    ):
        values[name] = values[name] or ""
    return values


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def case_protection(request, reference):
    case = visible_case(request, reference)
    may_change = _may_change(request.user, case)
    assessments = list(case.assessments.all())
    flags = ProtectiveFlags.objects.filter(case=case).first()
    if request.method == "POST":
        if not may_change:
            return refuse(request)
        form = FlagsForm(request.POST, assessments=assessments)
        if form.is_valid():
            services.set_flags(
                case=case, by=request.user, request=request, **_flag_values(form, assessments)
            )
            messages.success(request, _("Beskyttelsen er gemt."))
            return redirect("safety:case", reference=reference)
        status = 400
    else:
        form = FlagsForm(initial=_flags_initial(flags), assessments=assessments)
        status = 200
    record("safety.view", request=request, obj=case, person_key=case.notification.reference)
    now = timezone.now()
    task = FeedbackTask.objects.filter(case=case).first()
    warning = timezone.timedelta(hours=current_plan().deadlines.warning_hours)
    return render(
        request,
        "safety/case.html",
        {
            "case": case,
            "notification": case.notification,
            "form": form,
            "may_change": may_change,
            "banner": selectors.banner_for_case(case),
            "conversations": case.child_conversations.select_related("recorded_by"),
            "messages_sent": case.messages.select_related("sent_by"),
            "feedback": task,
            "feedback_state": deadline_state(task.due_at, now, warning)
            if task and not task.sent_at
            else "",
            "feedback_form": FeedbackForm(),
        },
        status=status,
    )


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def send_message(request, reference):
    case = visible_case(request, reference)
    if not _may_change(request.user, case):
        return refuse(request)
    blocked = None
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.send_message(
                    case,
                    kind=c["kind"],
                    recipient=c["recipient"],
                    means=c["means"],
                    address=c["address"],
                    subject=c["subject"],
                    body=c["body"],
                    meeting_at=c.get("meeting_at"),
                    meeting_place=c.get("meeting_place", ""),
                    by=request.user,
                    request=request,
                )
            except gate.Blocked as stop:
                blocked = stop.decision
            else:
                messages.success(request, _("Sendt. Det står i journalen."))
                return redirect("safety:case", reference=reference)
        status = 409 if blocked is not None else 400
    else:
        form = MessageForm()
        status = 200
        record(
            "safety.message_form", request=request, obj=case, person_key=case.notification.reference
        )
    return render(
        request,
        "safety/message.html",
        {
            "case": case,
            "notification": case.notification,
            "form": form,
            "blocked": blocked,
            "banner": selectors.banner_for_case(case),
        },
        status=status,
    )


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
@answers_hidden_cases
def child_conversation(request, reference):
    case = visible_case(request, reference)
    if not _may_change(request.user, case):
        return refuse(request)
    if request.method == "POST":
        form = ConversationForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            services.record_child_conversation(
                case,
                held_at=c["held_at"],
                participants=c["participants"],
                place=c["place"],
                why_without_consent=c["why_without_consent"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("Samtalen er registreret i journalen."))
            return redirect("safety:case", reference=reference)
        status = 400
    else:
        form = ConversationForm()
        status = 200
        record(
            "safety.conversation_form",
            request=request,
            obj=case,
            person_key=case.notification.reference,
        )
    return render(
        request,
        "safety/conversation.html",
        {
            "case": case,
            "notification": case.notification,
            "form": form,
            "banner": selectors.banner_for_case(case),
        },
        status=status,
    )


@staff(*CASE_ROLES)
@require_POST
@answers_hidden_cases
def feedback(request, reference):
    case = visible_case(request, reference)
    if not _may_change(request.user, case):
        return refuse(request)
    task = FeedbackTask.objects.filter(case=case).first()
    if task is None:
        raise Http404
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.send_feedback(
                task, outcome=form.cleaned_data["outcome"], by=request.user, request=request
            )
        except gate.Blocked as stop:
            for reason in stop.decision.reasons:
                messages.error(request, reason)
        else:
            messages.success(request, _("Tilbagemeldingen er lagt i udbakken."))
    else:
        messages.error(request, _("Vælg, hvad underretningen har ført til."))
    return redirect("safety:case", reference=reference)


@staff(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def person_protection(request, person_ref):
    person = Person.objects.filter(reference=person_ref).first()
    person = root(person) if person is not None else None
    if person is None or not can_view_person(request.user, person):
        return refuse(request, status=404)
    may_change = can_change_persons(request.user, person)
    flags = ProtectiveFlags.objects.filter(person=person).first()
    if request.method == "POST":
        if not may_change:
            return refuse(request)
        form = FlagsForm(request.POST)
        if form.is_valid():
            services.set_flags(
                person=person, by=request.user, request=request, **_flag_values(form, [])
            )
            messages.success(request, _("Beskyttelsen er gemt."))
            return redirect("safety:person", person_ref=person.reference)
        status = 400
    else:
        form = FlagsForm(initial=_flags_initial(flags))
        status = 200
    record("safety.person_view", request=request, obj=person)
    return render(
        request,
        "safety/person.html",
        {
            "person": person,
            "form": form,
            "may_change": may_change,
            "banner": selectors.banner_for_person(person),
        },
        status=status,
    )


@staff(*CASE_ROLES)
@require_GET
@answers_hidden_cases
def invitation_ics(request, reference, message_id):
    """The calendar file of a meeting invitation that went out, asked of the gate again: what
    was safe then may not be safe now."""
    case = visible_case(request, reference)
    message = OutgoingMessage.objects.filter(
        case=case, pk=message_id, kind=MessageKind.MEETING_INVITATION, meeting_at__isnull=False
    ).first()
    if message is None:
        raise Http404
    decision = gate.check(services.message_communication(message))
    if not decision.allowed:
        for reason in decision.reasons:
            messages.error(request, reason)
        return redirect("safety:case", reference=reference)
    record("safety.invitation_ics", request=request, obj=case, person_key=reference)
    response = HttpResponse(invitation(message), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="moede-{timezone.localtime(message.meeting_at):%Y-%m-%d}.ics"'
    )
    return response
