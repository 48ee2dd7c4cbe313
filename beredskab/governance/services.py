"""Changing the plan's governance: new versions uploaded as drafts, the council's adoption,
publishing, the coordination meetings (koordineringsmøder) that review the plan about twice a
year, and the reminders that its revision date is near (Barnets Lov § 15, stk. 3).

Every change here is audited in the same transaction as the change.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from pydantic import ValidationError

from beredskab.accounts import roles
from beredskab.audit.services import record
from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.models import Plan, PlanVersion
from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import LoadResult, PlanFileError, document_hash, load_plan, parse_plan

from . import editor
from .models import (
    CoordinationMeeting,
    PlanDraft,
    ReviewDecision,
    RevisionReminder,
    VersionReview,
)
from .revision import revision_status, thresholds_reached
from .selectors import published_version, revision_recipients

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class GovernanceError(Exception):
    """A governance change that is not allowed; `problems` say why, in Danish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# Versions ----------------------------------------------------------------------------------


def upload_plan(content: bytes, *, filename: str, by, request=None) -> LoadResult:
    """Validate an uploaded plan file and store it as a draft; nothing is saved on error.

    Raises PlanFileError (the file's problems, each with its field path) or GovernanceError.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(filename, [_("Filen er ikke UTF-8-tekst. Gem den som UTF-8.")]) from exc
    document = parse_plan(text, filename)
    slug = document.municipality.slug
    if slug != settings.BEREDSKAB_MUNICIPALITY:
        raise GovernanceError(
            [
                _(
                    "municipality.slug: filen er en plan for “%(slug)s”, "
                    "men systemet viser “%(ours)s”."
                )
                % {"slug": slug, "ours": settings.BEREDSKAB_MUNICIPALITY}
            ]
        )
    with transaction.atomic():
        existing = (
            PlanVersion.objects.select_for_update()
            .filter(plan__municipality_slug=slug, version=document.plan.version)
            .first()
        )
        if existing is not None and existing.published_at is not None:
            raise GovernanceError(
                [
                    _(
                        "plan.version: version “%(version)s” er allerede offentliggjort og kan "
                        "ikke ændres. Giv den reviderede plan et nyt versionsnummer (plan.version)."
                    )
                    % {"version": document.plan.version}
                ]
            )
        result = load_plan(document, source_name=filename[:255], publish=False)
        record(
            "plan.upload",
            request=request,
            actor=by,
            obj=result.version,
            detail={
                "version": result.version.version,
                "content_hash": result.version.content_hash,
                "created": result.created,
                "changed": result.changed,
            },
        )
    return result


@transaction.atomic
def record_adoption(
    version: PlanVersion,
    *,
    adopted_on: dt.date,
    next_revision: dt.date,
    note: str = "",
    by,
    request=None,
) -> PlanVersion:
    """Record the council's adoption date (and the revision date it allows) on the version and in
    its document, so the pages, the PDF and the reminders agree."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    data = copy.deepcopy(version.document)
    adopted = data["plan"]["adopted"]
    old_note = adopted.get("note")
    if not note:
        adopted["note"] = None
    elif not (old_note and old_note.get("da") == note):
        adopted["note"] = {"da": note}  # an edited note replaces both languages
    adopted["date"] = adopted_on.isoformat()
    data["plan"]["next_revision"] = next_revision.isoformat()
    try:
        document = PlanDocument.model_validate(data)
    except ValidationError as exc:
        raise GovernanceError([_plain(error) for error in exc.errors()]) from exc
    previous = {"adopted_on": version.adopted_on, "next_revision": version.next_revision}
    version.document = document.model_dump(mode="json")
    version.content_hash = document_hash(document)
    version.adopted_on = adopted_on
    version.next_revision = next_revision
    version.save()
    record(
        "plan.adoption",
        request=request,
        actor=by,
        obj=version,
        detail={
            "version": version.version,
            "adopted_on": adopted_on,
            "next_revision": next_revision,
            "previous": previous,
        },
    )
    return version


def _plain(error) -> str:
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg'].removeprefix('Value error, ')}" if where else error["msg"]


@transaction.atomic
def publish(version: PlanVersion, *, by, request=None) -> PlanVersion:
    """Make `version` the one the public pages, the guide and the PDF show."""
    Plan.objects.select_for_update().get(pk=version.plan_id)  # one publish at a time
    previous = published_version()
    if previous is not None and previous.pk == version.pk:
        raise GovernanceError([_("Versionen er allerede den offentliggjorte.")])
    if not version.reviews.filter(decision=ReviewDecision.APPROVED).exists():
        raise GovernanceError(
            [_("Versionen skal godkendes af en leder, før den kan offentliggøres.")]
        )
    version = PlanVersion.objects.get(pk=version.pk)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at", "updated_at"])
    record(
        "plan.publish",
        request=request,
        actor=by,
        obj=version,
        detail={
            "version": version.version,
            "content_hash": version.content_hash,
            "previous": previous.version if previous else None,
        },
    )
    return version


# The plan editor: drafts, approval --------------------------------------------------------------

STARTER_PLAN = Path(__file__).resolve().parent / "starter_plan.yaml"


class EditConflict(Exception):
    """The page was saved by someone else after this editor opened it."""

    def __init__(self, by: str, at: str):
        self.by, self.at = by, at
        super().__init__(f"saved by {by} at {at}")


def starter_document(*, name: str, version: str) -> dict:
    """The starter plan for this installation's municipality, named `name`."""
    data = yaml.safe_load(STARTER_PLAN.read_text(encoding="utf-8"))
    data["municipality"]["slug"] = settings.BEREDSKAB_MUNICIPALITY
    data["municipality"]["name"] = name
    data["plan"]["version"] = version
    return data


@transaction.atomic
def start_draft(*, by, name: str = "", version: str, request=None, base=None) -> PlanDraft:
    """A new draft: from the starter plan, or (`base`) from a version's content."""
    if base is not None:
        document = copy.deepcopy(base.document)
        document["plan"]["version"] = version
    else:
        document = starter_document(name=name, version=version)
    draft = PlanDraft.objects.create(
        municipality_slug=settings.BEREDSKAB_MUNICIPALITY, document=document, created_by=by
    )
    record(
        "plan.draft_start",
        request=request,
        actor=by,
        obj=draft,
        detail={"from_version": base.pk if base is not None else None, "version": version},
    )
    return draft


@transaction.atomic
def save_draft_page(
    draft: PlanDraft,
    page: str,
    data: dict,
    *,
    revision: int,
    editor_token: str,
    by,
    request=None,
) -> PlanDraft:
    """Save one page of the draft, unless someone else saved it since `revision`
    (EditConflict). `editor_token` names the open page: its own saves, which may overtake each
    other (a save as you type, then the page's button), are never a conflict."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    last = draft.saved_by.get(page, {})
    if draft.revision(page) != revision and last.get("token") != editor_token:
        raise EditConflict(last.get("by", ""), last.get("at", ""))
    revision = draft.revision(page)
    draft.document = data
    draft.revisions = {**draft.revisions, page: revision + 1}
    draft.saved_by = {
        **draft.saved_by,
        page: {"by": _display_name(by), "at": timezone.now().isoformat(), "token": editor_token},
    }
    draft.save()
    record(
        "plan.draft_save",
        request=request,
        actor=by,
        obj=draft,
        detail={"page": page, "revision": revision + 1},
    )
    return draft


def _display_name(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def submit_draft(draft: PlanDraft, *, by, request=None) -> VersionReview:
    """Store the draft as a version (as an uploaded file would be) and send it for approval."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    found = editor.problems(draft.document)
    if found:
        raise GovernanceError([f"{problem.path}: {problem.message}" for problem in found[:20]])
    document = PlanDocument.model_validate(draft.document)
    existing = PlanVersion.objects.filter(
        plan__municipality_slug=document.municipality.slug, version=document.plan.version
    ).first()
    if existing is not None and existing.published_at is not None:
        raise GovernanceError(
            [
                _(
                    "plan.version: version “%(version)s” er allerede offentliggjort. Giv den "
                    "reviderede plan et nyt versionsnummer."
                )
                % {"version": document.plan.version}
            ]
        )
    result = load_plan(document, source_name=f"plan-editor-{draft.pk}", publish=False)
    draft.submitted_version = result.version
    draft.save(update_fields=["submitted_version", "updated_at"])
    return submit_for_approval(result.version, by=by, request=request)


@transaction.atomic
def submit_for_approval(version: PlanVersion, *, by, request=None) -> VersionReview:
    """Ask a leader to approve `version`; the leaders are e-mailed a link (no plan text)."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise GovernanceError([_("Versionen er allerede offentliggjort.")])
    if version.reviews.filter(decision=ReviewDecision.PENDING).exists():
        raise GovernanceError([_("Versionen venter allerede på godkendelse.")])
    review = VersionReview.objects.create(
        plan_version=version, submitted_by=by, submitted_at=timezone.now()
    )
    record(
        "plan.submit",
        request=request,
        actor=by,
        obj=version,
        detail={"version": version.version, "review": review.pk},
    )
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse("governance:version", args=[version.pk])
    with translation.override("da"):
        for address in _leader_addresses():
            queue_email(
                kind=EmailKind.OTHER,
                to=address,
                subject=f"Beredskabsplanen version {version.version} venter på godkendelse",
                body=f"En ny version af beredskabsplanen venter på din godkendelse:\n{url}\n",
            )
    return review


def _leader_addresses() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name=roles.LEADER, email__gt=""
            ).values_list("email", flat=True)
        )
    )


@transaction.atomic
def decide_review(
    review: VersionReview,
    *,
    approve: bool,
    by,
    adopted_on: dt.date | None = None,
    next_revision: dt.date | None = None,
    note: str = "",
    request=None,
) -> VersionReview:
    """The named leader approves the version with the council's adoption date (the revision
    date follows the four-year rule), or sends it back with a remark."""
    review = VersionReview.objects.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.PENDING:
        raise GovernanceError([_("Versionen er allerede afgjort.")])
    if approve:
        if adopted_on is None or next_revision is None:
            raise GovernanceError([_("Skriv datoen for vedtagelsen og for næste revision.")])
        record_adoption(
            review.plan_version,
            adopted_on=adopted_on,
            next_revision=next_revision,
            note=note,
            by=by,
            request=request,
        )
    review.decision = ReviewDecision.APPROVED if approve else ReviewDecision.RETURNED
    review.decided_by = by
    review.decided_at = timezone.now()
    review.note = note
    review.save()
    record(
        "plan.approve" if approve else "plan.return",
        request=request,
        actor=by,
        obj=review.plan_version,
        detail={"version": review.plan_version.version, "review": review.pk},
    )
    return review


# Coordination meetings ---------------------------------------------------------------------


@transaction.atomic
def schedule_coordination_meeting(
    *, starts_at: dt.datetime, participants: str, notes: str = "", by, request=None
) -> CoordinationMeeting:
    meeting = CoordinationMeeting.objects.create(
        starts_at=starts_at, participants=participants, notes=notes, created_by=by
    )
    record(
        "governance.meeting_schedule",
        request=request,
        actor=by,
        obj=meeting,
        detail={"starts_at": starts_at},
    )
    return meeting


# Revision reminders ------------------------------------------------------------------------


@dataclass
class ReminderReport:
    version: str | None = None
    next_revision: dt.date | None = None
    reminded: list[str] = field(default_factory=list)  # thresholds e-mailed by this run
    emails_queued: int = 0


def remind_revision(now: dt.datetime | None = None) -> ReminderReport:
    """E-mail the plan administrators and leaders when the published plan's revision date is
    within six months, and again within three months: once each, however often this runs.

    When both thresholds are reached at once (a late start), only the three-month reminder is
    sent; the six-month one is recorded without e-mail so it never comes after it.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    version = published_version()
    if version is None:
        return ReminderReport()
    report = ReminderReport(version=version.version, next_revision=version.next_revision)
    reached = thresholds_reached(version, today)
    this_version = PlanVersion.objects.filter(pk=version.pk)
    for threshold in reached:
        not_reminded = not_recorded(
            this_version,
            RevisionReminder.objects,
            to="plan_version",
            threshold=threshold,
            next_revision=OuterRef("next_revision"),
        )
        if not not_reminded.exists():
            continue
        most_urgent = threshold == reached[-1]
        recorded = _remind_once(version, threshold, now, today, send=most_urgent, report=report)
        if recorded and most_urgent:
            report.reminded.append(threshold)
    return report


def _remind_once(version, threshold, now, today, *, send, report) -> bool:
    """Record the threshold and, when `send`, e-mail about it; False when another run recorded
    it first."""

    def e_mail(reminder):
        if send:
            reminder.emails_queued = _queue_reminder(version, today)
            reminder.save(update_fields=["emails_queued"])
            report.emails_queued += reminder.emails_queued

    return record_once(
        RevisionReminder,
        then=e_mail,
        plan_version=version,
        threshold=threshold,
        next_revision=version.next_revision,
        sent_at=now,
    )


def _queue_reminder(version: PlanVersion, today: dt.date) -> int:
    recipients = revision_recipients()
    status = revision_status(version, today=today)
    url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse("governance:overview")
    with translation.override("da"):
        when = dateformat.format(version.next_revision, "j. F Y")
        if status.is_overdue:
            subject = f"Beredskabsplanen skulle have været revideret senest {when}"
        else:
            subject = f"Beredskabsplanen skal revideres senest {when}"
        body = render_to_string(
            "governance/email/revision_reminder.txt",
            {
                "municipality": version.plan.municipality_name,
                "version": version.version,
                "revision": status,
                "url": url,
            },
        )
    for address in recipients:
        queue_email(kind=EmailKind.OTHER, to=address, subject=subject, body=body)
    logger.info(
        "plan %s: revision reminder to %d recipients (revision %s)",
        version.version,
        len(recipients),
        version.next_revision,
    )
    return len(recipients)
