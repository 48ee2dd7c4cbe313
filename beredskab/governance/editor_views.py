"""The plan editor's pages: a plan administrator writes the plan as pages of forms, sees the
public page, the guide and the PDF as they will look, and sends the plan for approval; a leader
approves it with the council's adoption date, or sends it back.

Every change goes through governance.services, which audits it.
"""

from __future__ import annotations

import uuid

import yaml
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pydantic import ValidationError

from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.accounts.roles import has_role
from beredskab.audit.services import record
from beredskab.guide.pdf import render_pdf
from beredskab.plans.opening import contact_now, opening_hours_table
from beredskab.plans.schema import PlanDocument

from . import editor, selectors, services
from .diff import diff_documents
from .forms import ReviewForm, StartDraftForm
from .models import PlanDraft, ReviewDecision, VersionReview

EDITORS = (roles.PLAN_ADMIN,)
READERS = (roles.PLAN_ADMIN, roles.LEADER)


def _draft(draft_id) -> PlanDraft:
    return get_object_or_404(PlanDraft, pk=draft_id, municipality_slug=selectors.municipality())


def _page(slug: str) -> tuple[str, str, tuple[str, ...]]:
    for page in editor.SECTIONS:
        if page[0] == slug:
            return page
    raise Http404("No such page in the plan editor.")


def _pages_with_status(draft: PlanDraft) -> list[dict]:
    found = editor.problems(draft.document)
    pages = []
    for slug, title, _parts in editor.SECTIONS:
        here = [p for p in found if editor.section_of(p.path) == slug]
        pages.append(
            {
                "slug": slug,
                "title": title,
                "to_write": sum(p.to_write for p in here),
                "problems": sum(not p.to_write for p in here),
            }
        )
    return pages


@staff(*READERS)
@require_GET
def home(request):
    return render(
        request,
        "governance/editor/home.html",
        {
            "drafts": PlanDraft.objects.filter(
                municipality_slug=selectors.municipality()
            ).select_related("submitted_version"),
            "form": StartDraftForm(),
            "published": selectors.published_version(),
            "can_change": has_role(request.user, roles.PLAN_ADMIN),
        },
    )


@staff(*EDITORS)
@require_POST
def start(request):
    form = StartDraftForm(request.POST)
    published = selectors.published_version()
    from_published = request.POST.get("from") == "published" and published is not None
    if form.is_valid() and not (from_published or form.cleaned_data["name"].strip()):
        form.add_error("name", _("Skriv kommunens navn."))
    if not form.is_valid():
        return render(
            request,
            "governance/editor/home.html",
            {
                "drafts": PlanDraft.objects.filter(municipality_slug=selectors.municipality()),
                "form": form,
                "published": published,
                "can_change": True,
            },
            status=400,
        )
    draft = services.start_draft(
        by=request.user,
        name=form.cleaned_data["name"].strip(),
        version=form.cleaned_data["version"].strip(),
        base=published if from_published else None,
        request=request,
    )
    messages.success(request, _("Kladden er oprettet. Den gemmes, mens du skriver."))
    return redirect("governance:editor-draft", draft_id=draft.pk)


@staff(*READERS)
@require_GET
def draft(request, draft_id):
    plan_draft = _draft(draft_id)
    found = editor.problems(plan_draft.document)
    published = selectors.published_version()
    return render(
        request,
        "governance/editor/draft.html",
        {
            "draft": plan_draft,
            "pages": _pages_with_status(plan_draft),
            "to_write": [p for p in found if p.to_write],
            "general": [p for p in found if editor.section_of(p.path) is None],
            "ready": not found,
            "changes": diff_documents(published.document, plan_draft.document)
            if published is not None and not found
            else [],
            "published": published,
            "can_change": has_role(request.user, roles.PLAN_ADMIN),
        },
    )


@staff(*EDITORS)
@require_http_methods(["GET", "POST"])
def page(request, draft_id, page):
    plan_draft = _draft(draft_id)
    slug, title, parts = _page(page)
    data = plan_draft.document
    revision = plan_draft.revision(slug)
    conflict = None
    saved = False
    editor_token = request.POST.get("editor") or uuid.uuid4().hex
    if request.method == "POST":
        try:
            posted_revision = int(request.POST.get("revision", "-1"))
        except ValueError:
            posted_revision = -1
        data = editor.read_section(plan_draft.document, parts, request.POST)
        action = next((a for a in ("add", "remove") if request.POST.get(f"_{a}")), None)
        if action:
            data = editor.change_structure(data, action, request.POST[f"_{action}"])
        try:
            plan_draft = services.save_draft_page(
                plan_draft,
                slug,
                data,
                revision=posted_revision,
                editor_token=editor_token,
                by=request.user,
                request=request,
            )
        except services.EditConflict as exc:
            conflict = exc
        else:
            saved = True
            revision = plan_draft.revision(slug)
            if not request.headers.get("HX-Request") and not action:
                return redirect("governance:editor-page", draft_id=plan_draft.pk, page=slug)
    nodes = editor.section_nodes(data, parts)
    left = editor.attach(nodes, editor.problems(data))
    context = {
        "draft": plan_draft,
        "page_slug": slug,
        "page_title": title,
        "nodes": nodes,
        "all_nodes": editor.all_paths(nodes),
        "revision": revision,
        "editor_token": editor_token,
        "conflict": conflict,
        "saved": saved,
        "general": [p for p in left if editor.section_of(p.path) == slug],
        "pages": _pages_with_status(plan_draft),
    }
    status = 409 if conflict else 200
    if request.headers.get("HX-Request"):
        return render(request, "governance/editor/_autosave.html", context, status=status)
    return render(request, "governance/editor/page.html", context, status=status)


PREVIEWS = {"offentlig": "public/home.html", "vejledning": "guide/plan.html", "pdf": None}


@staff(*READERS)
@require_GET
def preview(request, draft_id, kind):
    plan_draft = _draft(draft_id)
    if kind not in PREVIEWS:
        raise Http404("No such preview.")
    try:
        document = PlanDocument.model_validate(plan_draft.document)
    except ValidationError:
        return render(
            request,
            "governance/editor/preview_blocked.html",
            {"draft": plan_draft, "problems": editor.problems(plan_draft.document)},
            status=409,
        )
    record("plan.draft_preview", request=request, obj=plan_draft, detail={"kind": kind})
    context = {
        "plan": document,
        "draft_preview": plan_draft,
        "now": contact_now(document, timezone.now()),
        "opening_hours": opening_hours_table(document),
        "anonymous_partners": [p for p in document.partners if p.anonymous],
    }
    if kind == "pdf":
        pdf = render_pdf("guide/plan_pdf.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="kladde.pdf"'
        return response
    return render(request, PREVIEWS[kind], context)


@staff(*EDITORS)
@require_POST
def submit(request, draft_id):
    plan_draft = _draft(draft_id)
    try:
        review = services.submit_draft(plan_draft, by=request.user, request=request)
    except services.GovernanceError as error:
        for problem in error.problems:
            messages.error(request, problem)
        return redirect("governance:editor-draft", draft_id=plan_draft.pk)
    messages.success(
        request,
        _("Version %(version)s er sendt til godkendelse hos en leder.")
        % {"version": review.plan_version.version},
    )
    return redirect("governance:version", version_id=review.plan_version.pk)


@staff(*READERS)
@require_GET
def export_draft(request, draft_id):
    plan_draft = _draft(draft_id)
    record("plan.draft_export", request=request, obj=plan_draft)
    return _yaml_response(plan_draft.document, f"kladde-{plan_draft.pk}.yaml")


@staff(*READERS)
@require_GET
def export_version(request, version_id):
    version = get_object_or_404(selectors.plan_versions(), pk=version_id)
    record("plan.export", request=request, obj=version)
    slug = version.plan.municipality_slug
    return _yaml_response(version.document, f"{slug}-{version.version}.yaml")


def _yaml_response(data: dict, filename: str) -> HttpResponse:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff(*EDITORS)
@require_POST
def submit_version(request, version_id):
    """Send an uploaded version for approval."""
    version = get_object_or_404(selectors.plan_versions(), pk=version_id)
    try:
        services.submit_for_approval(version, by=request.user, request=request)
    except services.GovernanceError as error:
        for problem in error.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Versionen er sendt til godkendelse hos en leder."))
    return redirect("governance:version", version_id=version.pk)


@staff(roles.LEADER)
@require_http_methods(["GET", "POST"])
def review(request, version_id):
    version = get_object_or_404(selectors.plan_versions(), pk=version_id)
    pending = version.reviews.filter(decision=ReviewDecision.PENDING).first()
    if pending is None:
        messages.error(request, _("Versionen venter ikke på godkendelse."))
        return redirect("governance:version", version_id=version.pk)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
            try:
                services.decide_review(
                    pending,
                    approve=approve,
                    adopted_on=form.cleaned_data.get("adopted_on"),
                    next_revision=form.cleaned_data.get("next_revision"),
                    note=form.cleaned_data["note"],
                    by=request.user,
                    request=request,
                )
            except services.GovernanceError as error:
                for problem in error.problems:
                    form.add_error(None, problem)
            else:
                text = (
                    _(
                        "Version %(version)s er godkendt. Planadministratoren kan nu "
                        "offentliggøre den."
                    )
                    if approve
                    else _("Version %(version)s er sendt tilbage til planadministratoren.")
                )
                messages.success(request, text % {"version": version.version})
                return redirect("governance:version", version_id=version.pk)
        status = 400
    else:
        form = ReviewForm()
        status = 200
    current = selectors.published_version()
    base = selectors.base_for_comparison(version, current)
    return render(
        request,
        "governance/editor/review.html",
        {
            "plan_version": version,
            "pending": pending,
            "form": form,
            "changes": diff_documents(base.document, version.document) if base else [],
        },
        status=status,
    )


def latest_review(version) -> VersionReview | None:
    return version.reviews.select_related("submitted_by", "decided_by").first()
