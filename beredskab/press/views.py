"""The press log's pages. Anyone on the staff may register a press call; the spokesperson and the
leader keep the list and answer; the one who registered an inquiry may look at it afterwards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beredskab.access import refuse, staff
from beredskab.accounts.roles import ROLES
from beredskab.audit.services import record
from beredskab.cases.access import can_view
from beredskab.plans.selectors import current_plan

from . import selectors, services
from .forms import PressInquiryEditForm, PressInquiryForm
from .selectors import PRESS_TEAM


@staff(*PRESS_TEAM)
@require_GET
def inquiry_list(request):
    now = timezone.now()
    window = selectors.reminder_window()
    rows = [
        {"inquiry": inquiry, "state": selectors.deadline_state(inquiry.deadline, now, window)}
        for inquiry in selectors.open_inquiries()
    ]
    record("press.list", request=request)
    return render(
        request,
        "press/list.html",
        {
            "rows": rows,
            "finished": selectors.finished_inquiries(),
            "counts": selectors.press_counts(now, window),
            "now": now,
            "window_hours": int(window.total_seconds() // 3600),
        },
    )


@staff(*ROLES)
@require_http_methods(["GET", "POST"])
def new(request):
    if request.method == "POST":
        form = PressInquiryForm(request.POST, user=request.user)
        if form.is_valid():
            inquiry = services.register_inquiry(
                **form.inquiry_data(), by=request.user, request=request
            )
            messages.success(
                request,
                _(
                    "Pressehenvendelsen er registreret som #%(id)s. Pressekontakten og lederen "
                    "kan se den i presseloggen."
                )
                % {"id": inquiry.pk},
            )
            return redirect("press:detail", inquiry_id=inquiry.pk)
        status = 400
    else:
        local_now = timezone.localtime()
        form = PressInquiryForm(
            user=request.user,
            initial={
                "deadline_date": local_now.date(),
                "received_date": local_now.date(),
                "received_time": local_now.time().replace(second=0, microsecond=0),
            },
        )
        status = 200
    return render(
        request, "press/new.html", {"form": form, "press": current_plan().press}, status=status
    )


def _inquiry_or_404(inquiry_id):
    inquiry = selectors.inquiry_by_id(inquiry_id)
    if inquiry is None:
        raise Http404
    return inquiry


def _shown(request, inquiry) -> dict:
    """Audit the look at an inquiry about a case; show the case only to those who may see it."""
    if inquiry.case_id is None:
        return {"case_visible": False}
    visible = can_view(request.user, inquiry.case)
    record(
        "press.view",
        request=request,
        obj=inquiry,
        detail={"case_shown": visible},
        about=[inquiry.case],
    )
    return {"case_visible": visible}


@staff(*ROLES)
@require_GET
def detail(request, inquiry_id):
    inquiry = _inquiry_or_404(inquiry_id)
    if not selectors.can_view_inquiry(request.user, inquiry):
        return refuse(request)
    now = timezone.now()
    return render(
        request,
        "press/detail.html",
        {
            "inquiry": inquiry,
            # An answered or closed inquiry has no deadline left to warn about.
            "state": (
                selectors.deadline_state(inquiry.deadline, now, selectors.reminder_window())
                if inquiry.is_open
                else "done"
            ),
            "now": now,
            "can_manage": selectors.can_manage_press(request.user),
            "press": current_plan().press,
            **_shown(request, inquiry),
        },
    )


@staff(*PRESS_TEAM)
@require_http_methods(["GET", "POST"])
def edit(request, inquiry_id):
    inquiry = _inquiry_or_404(inquiry_id)
    if request.method == "POST":
        form = PressInquiryEditForm(request.POST, inquiry=inquiry)
        if form.is_valid():
            c = form.cleaned_data
            services.update_inquiry(
                inquiry,
                spokesperson=c["spokesperson"],
                status=c["status"],
                answered_at=c["answered_at"],
                answer_summary=c["answer_summary"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("Pressehenvendelsen er opdateret."))
            return redirect("press:detail", inquiry_id=inquiry.pk)
        status = 400
    else:
        form = PressInquiryEditForm(inquiry=inquiry)
        status = 200
    return render(
        request,
        "press/edit.html",
        {"inquiry": inquiry, "form": form, **_shown(request, inquiry)},
        status=status,
    )
