"""Modtagelsen's pages: the queue, a notification's detail, registering what came by phone."""

import datetime as dt
import uuid

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beredskab import cpr
from beredskab.access import refuse, staff
from beredskab.accounts import roles
from beredskab.audit.services import record
from beredskab.cases.access import can_handle_intake, can_view, may_mark_receipt
from beredskab.deadlines.rules import deadline_state
from beredskab.outbox import gate
from beredskab.plans.selectors import current_plan

from .acute import acknowledge, mark_acute
from .forms import StaffRegistrationForm
from .models import AcuteAlert, AgeGroup, Channel, Notification, ReceiptMethod
from .selectors import (
    QueueFilters,
    intake_queue,
    open_alerts,
    queue_counts,
    queue_marks,
    queue_page,
)
from .services import receipt_communication, receipt_sent, register_notification

QUEUE_ROLES = (roles.INTAKE, roles.LEADER)
# Whoever may read the case may read its notification (cases.access decides who that is).
CASE_ROLES = (
    roles.INTAKE,
    roles.COORDINATOR,
    roles.INTERVENTION_GROUP,
    roles.CHILDREN_UNIT,
    roles.LEADER,
)


def _queue_context(request):
    plan = current_plan()
    now = timezone.now()
    warning = dt.timedelta(hours=plan.deadlines.warning_hours)
    filters = QueueFilters(
        concern_type=request.GET.get("concern", ""),
        age_group=request.GET.get("age", ""),
        channel=request.GET.get("channel", ""),
        state=request.GET.get("state", ""),
        acute=request.GET.get("akut") == "1",
    )
    page = queue_page(
        intake_queue(filters, now=now, warning=warning, limit=None), request.GET.get("side")
    )
    rows = []
    for notification in page.object_list:
        deadlines = [
            {"kind": kind, "due_at": due, "state": deadline_state(due, now, warning)}
            for kind, due in notification.open_deadlines()
        ]
        rows.append(
            {
                "notification": notification,
                "deadlines": deadlines,
                "state": deadline_state(notification.next_due_at, now, warning),
                "concerns": [c.concern_type for c in notification.concerns.all()],
            }
        )
    return {
        "rows": rows,
        "page": page,
        "pages": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filter_query": _filter_query(request),
        "counts": queue_counts(now=now, warning=warning),
        "open_alerts": list(open_alerts()),
        "filters": filters,
        "now": now,
        "concern_titles": {c.key: c.title for c in plan.procedure.concern_types},
        "queue_mark_templates": [mark.template for mark in queue_marks()],
        "concern_types": plan.procedure.concern_types,
        "age_groups": AgeGroup.choices,
        "channels": Channel.choices,
    }


def _filter_query(request: HttpRequest) -> str:
    """The queue's filters as a query string for the pager's links (without the page and the
    filters left at "Alle")."""
    query = request.GET.copy()
    for name in list(query):
        if name == "side" or not any(query.getlist(name)):
            del query[name]
    return query.urlencode()


@staff(*QUEUE_ROLES)
@require_GET
def queue(request):
    record("intake.queue_view", request=request)
    return render(request, "intake/queue.html", _queue_context(request))


@staff(*QUEUE_ROLES)
@require_GET
def queue_table(request):
    """The queue's table alone, which the page fetches again every minute (HTMX)."""
    return render(request, "intake/includes/queue_table.html", _queue_context(request))


@staff(roles.INTAKE)
@require_http_methods(["GET", "POST"])
def register(request):
    plan = current_plan()
    if request.method == "POST":
        form = StaffRegistrationForm(request.POST, request.FILES, plan=plan)
        if form.is_valid():
            notification, _ = register_notification(
                form.notification_data(),
                submission_token=form.cleaned_data["submission_token"],
                registered_by=request.user,
                request=request,
            )
            return redirect("intake:detail", reference=notification.reference)
        status = 400
    else:
        local_now = timezone.localtime()
        form = StaffRegistrationForm(
            initial={
                "submission_token": uuid.uuid4(),
                "received_date": local_now.date(),
                "received_time": local_now.time().replace(second=0, microsecond=0),
                "channel_choice": Channel.PHONE,
                "notifier_kind_choice": "professional",
            },
            plan=plan,
        )
        status = 200
    return render(
        request, "intake/register.html", {"form": form, "has_file_fields": True}, status=status
    )


def _notification_for(request, reference):
    notification = get_object_or_404(
        Notification.objects.select_related("case", "registered_by", "plan_version"),
        reference=reference,
    )
    return notification


@staff(*CASE_ROLES)
@require_GET
def detail(request, reference):
    notification = _notification_for(request, reference)
    if not can_view(request.user, notification.case):
        record("notification.view_refused", request=request, obj=notification)
        return refuse(request)
    record("notification.view", request=request, obj=notification, person_key=reference)
    plan = current_plan()
    now = timezone.now()
    warning = dt.timedelta(hours=plan.deadlines.warning_hours)
    return render(
        request,
        "intake/detail.html",
        {
            "notification": notification,
            "now": now,
            "concerns": [
                plan.concern_type(c.concern_type) or c.concern_type
                for c in notification.concerns.all()
            ],
            "deadline_events": notification.deadline_events.all(),
            "attachments": notification.attachments.all(),
            "can_download": True,
            "emails": notification.emails.order_by("created_at"),
            "cpr_masked": cpr.masked(notification.person_cpr),
            "open_deadlines": [
                {"kind": kind, "due_at": due, "state": deadline_state(due, now, warning)}
                for kind, due in notification.open_deadlines()
            ],
            "can_handle": may_mark_receipt(request.user, notification.case),
            "receipt_gate": (
                gate.check(receipt_communication(notification, notification.receipt_method))
                if notification.receipt_needed and not notification.receipt_sent_at
                else None
            ),
            "alert": AcuteAlert.objects.filter(notification=notification)
            .select_related("acknowledged_by", "raised_by", "escalation")
            .first(),
            "receipt_methods": [
                (v, label) for v, label in ReceiptMethod.choices if v != "not_possible"
            ],
        },
    )


@staff(*CASE_ROLES)
@require_POST
def mark_receipt_sent(request, reference):
    notification = _notification_for(request, reference)
    if not may_mark_receipt(request.user, notification.case):
        return refuse(request)
    method = request.POST.get("method", "")
    if method not in {"letter", "phone", "email"}:
        method = notification.receipt_method
    decision = gate.check(receipt_communication(notification, method))
    if not decision.allowed:
        for reason in decision.reasons:
            messages.error(request, reason)
        return redirect("intake:detail", reference=reference)
    receipt_sent(
        notification.pk, at=timezone.now(), method=method, actor=request.user, request=request
    )
    if request.POST.get("back") == "case":
        return redirect("cases:detail", reference=reference)
    return redirect("intake:detail", reference=reference)


@staff(roles.INTAKE, roles.COORDINATOR, roles.INTERVENTION_GROUP, roles.CHILDREN_UNIT, roles.LEADER)
@require_GET
def attachment(request, reference, attachment_id):
    notification = _notification_for(request, reference)
    if not can_view(request.user, notification.case):
        return refuse(request)
    item = notification.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    record(
        "notification.attachment_download",
        request=request,
        obj=notification,
        person_key=reference,
        detail={"attachment": item.pk},
    )
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"{reference}-bilag-{item.pk}",
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff(roles.INTAKE, roles.LEADER)
@require_POST
def mark_as_acute(request, reference):
    """Staff mark a notification acute: to the top of the queue, and an alert goes at once."""
    notification = _notification_for(request, reference)
    if not can_handle_intake(request.user, notification.case):
        return refuse(request)
    mark_acute(notification, by=request.user, request=request)
    return redirect(reverse("intake:detail", kwargs={"reference": reference}) + "#akut")


@staff(*QUEUE_ROLES)
@require_POST
def acknowledge_alert(request, reference):
    """Whoever reads an alert about acute danger acknowledges it: who and when are recorded."""
    notification = _notification_for(request, reference)
    alert = AcuteAlert.objects.filter(notification=notification).first()
    if alert is None:
        raise Http404
    if not can_view(request.user, notification.case):
        record("notification.acute_acknowledge_refused", request=request, obj=notification)
        return refuse(request)
    acknowledge(alert, by=request.user, request=request)
    return redirect(reverse("intake:detail", kwargs={"reference": reference}) + "#akut")
