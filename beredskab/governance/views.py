"""The plan's governance pages: versions (upload, compare, adoption, publish), the revision date,
and the coordination meetings with their status reports.

Plan administrators change; leaders read. Every change goes through governance.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.accounts.roles import has_role
from beredskab.audit.services import record
from beredskab.guide.pdf import render_pdf
from beredskab.plans.selectors import current_plan
from beredskab.plans.services import PlanFileError

from . import selectors, services
from .diff import diff_documents
from .forms import DEFAULT_PARTICIPANTS, AdoptionForm, CoordinationMeetingForm, PlanUploadForm
from .models import CoordinationMeeting
from .reports import status_report
from .revision import revision_status

READERS = (roles.PLAN_ADMIN, roles.LEADER)
PAST_MEETINGS_SHOWN = 20


def _version(version_id):
    return get_object_or_404(selectors.plan_versions().select_related("plan"), pk=version_id)


def _meetings_per_year() -> int | None:
    current = selectors.published_version()
    if current is None:
        return None
    return current.document["organisation"].get("meetings_per_year", 2)


@staff(*READERS)
@require_GET
def overview(request):
    current = selectors.published_version()
    versions = [
        {"version": plan_version, "status": selectors.version_status(plan_version, current)}
        for plan_version in selectors.plan_versions().defer("document")
    ]
    return render(
        request,
        "governance/overview.html",
        {
            "current": current,
            "revision": revision_status(current) if current else None,
            "versions": versions,
            "can_change": has_role(request.user, roles.PLAN_ADMIN),
        },
    )


@staff(roles.PLAN_ADMIN)
@require_http_methods(["GET", "POST"])
def upload(request):
    problems = []
    if request.method == "POST":
        form = PlanUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = services.upload_plan(
                    form.cleaned_data["file"].read(),
                    filename=form.filename,
                    by=request.user,
                    request=request,
                )
            except (PlanFileError, services.GovernanceError) as error:
                problems = error.problems
            else:
                if result.created:
                    text = _("Version %(version)s er gemt som kladde.")
                elif result.changed:
                    text = _("Kladden til version %(version)s er opdateret.")
                else:
                    text = _("Version %(version)s findes allerede med præcis samme indhold.")
                messages.success(request, text % {"version": result.version.version})
                return redirect("governance:version", version_id=result.version.pk)
        status = 400
    else:
        form = PlanUploadForm()
        status = 200
    return render(
        request,
        "governance/upload.html",
        {"form": form, "problems": problems},
        status=status,
    )


@staff(*READERS)
@require_GET
def version(request, version_id):
    plan_version = _version(version_id)
    current = selectors.published_version()
    base = selectors.base_for_comparison(plan_version, current)
    return render(
        request,
        "governance/version.html",
        {
            "plan_version": plan_version,
            "status": selectors.version_status(plan_version, current),
            "base": base,
            "changes": diff_documents(base.document, plan_version.document) if base else [],
            "revision": revision_status(plan_version),
            "adoption_note": plan_version.document["plan"]["adopted"].get("note"),
            "can_change": has_role(request.user, roles.PLAN_ADMIN),
            "review": plan_version.reviews.select_related("submitted_by", "decided_by").first(),
            "can_review": has_role(request.user, roles.LEADER),
        },
    )


@staff(roles.PLAN_ADMIN)
@require_http_methods(["GET", "POST"])
def adoption(request, version_id):
    plan_version = _version(version_id)
    if request.method == "POST":
        form = AdoptionForm(request.POST)
        if form.is_valid():
            try:
                services.record_adoption(
                    plan_version,
                    adopted_on=form.cleaned_data["adopted_on"],
                    next_revision=form.cleaned_data["next_revision"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    request=request,
                )
            except services.GovernanceError as error:
                for problem in error.problems:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("Vedtagelsen er registreret."))
                return redirect("governance:version", version_id=plan_version.pk)
        status = 400
    else:
        form = AdoptionForm(initial=AdoptionForm.initial_for(plan_version))
        status = 200
    return render(
        request,
        "governance/adoption.html",
        {"plan_version": plan_version, "form": form},
        status=status,
    )


@staff(roles.PLAN_ADMIN)
@require_http_methods(["GET", "POST"])
def publish(request, version_id):
    plan_version = _version(version_id)
    current = selectors.published_version()
    if request.method == "POST":
        try:
            services.publish(plan_version, by=request.user, request=request)
        except services.GovernanceError as error:
            for problem in error.problems:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _(
                    "Version %(version)s er offentliggjort. "
                    "Den offentlige side og PDF'en viser den nu."
                )
                % {"version": plan_version.version},
            )
        return redirect("governance:version", version_id=plan_version.pk)
    base = selectors.base_for_comparison(plan_version, current)
    return render(
        request,
        "governance/publish.html",
        {
            "plan_version": plan_version,
            "current": current,
            "is_current": current is not None and current.pk == plan_version.pk,
            "changes": diff_documents(base.document, plan_version.document) if base else [],
            "revision": revision_status(plan_version),
        },
    )


@staff(*READERS)
@require_http_methods(["GET", "POST"])
def meetings(request):
    if request.method == "POST":
        form = CoordinationMeetingForm(request.POST)
        if form.is_valid():
            meeting = services.schedule_coordination_meeting(
                starts_at=form.cleaned_data["starts_at"],
                participants=form.cleaned_data["participants"],
                notes=form.cleaned_data["notes"],
                by=request.user,
                request=request,
            )
            messages.success(
                request,
                _("Koordineringsmødet %(when)s er planlagt.")
                % {"when": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M")},
            )
            return redirect("governance:meetings")
        status = 400
    else:
        form = CoordinationMeetingForm(initial={"participants": DEFAULT_PARTICIPANTS})
        status = 200
    now = timezone.now()
    per_year = _meetings_per_year()
    coming = selectors.meetings_in_coming_year(now)
    return render(
        request,
        "governance/meetings.html",
        {
            "form": form,
            "upcoming": CoordinationMeeting.objects.filter(starts_at__gte=now).order_by(
                "starts_at", "id"
            ),
            "past": CoordinationMeeting.objects.filter(starts_at__lt=now).order_by(
                "-starts_at", "-id"
            )[:PAST_MEETINGS_SHOWN],
            "meetings_per_year": per_year,
            "coming_year": coming,
            "too_few": per_year is not None and coming < per_year,
        },
        status=status,
    )


def _report_context(meeting_id):
    meeting = get_object_or_404(CoordinationMeeting, pk=meeting_id)
    return {"report": status_report(meeting), "meeting": meeting}


@staff(*READERS)
@require_GET
def meeting_report(request, meeting_id):
    return render(request, "governance/meeting_report.html", {**_report_context(meeting_id)})


@staff(*READERS)
@require_GET
def meeting_report_pdf(request, meeting_id):
    context = _report_context(meeting_id)
    meeting = context["meeting"]
    pdf = render_pdf(
        "governance/meeting_report_pdf.html",
        {**context, "suppress": True, "plan": current_plan(), "printed_at": timezone.now()},
    )
    record(
        "governance.report_pdf",
        request=request,
        obj=meeting,
        detail={
            "period_start": context["report"].period_start,
            "period_end": context["report"].period_end,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"statusrapport-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
