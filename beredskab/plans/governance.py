"""The plan's governance: new versions uploaded as drafts, the council's adoption, publishing, the
revision date (Barnets Lov § 15, stk. 3: revise at least every fourth year) and its reminders, and
the coordination meetings (koordineringsmøder) that review the plan about twice a year.

Every change here is audited in the same transaction as the change.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from pydantic import ValidationError

from beredskab.accounts import roles as r
from beredskab.audit.services import record

from .models import CoordinationMeeting, Plan, PlanVersion, RevisionReminder, RevisionThreshold
from .schema import PlanDocument, _add_years
from .selectors import NoPublishedPlan, current_version
from .services import LoadResult, PlanFileError, document_hash, load_plan, parse_plan

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Reminders, least urgent first; the revision counts as "soon" from the first of them.
REVISION_THRESHOLDS = ((RevisionThreshold.SIX_MONTHS, 6), (RevisionThreshold.THREE_MONTHS, 3))
DUE_SOON_MONTHS = REVISION_THRESHOLDS[0][1]
REVISION_YEARS = 4

DRAFT, PUBLISHED, SUPERSEDED = "draft", "published", "superseded"


class GovernanceError(Exception):
    """A governance change that is not allowed; `problems` say why, in Danish."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


# Dates -------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end`; negative when `end` is before `start`."""
    if end < start:
        return -whole_months(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def latest_revision(start: dt.date) -> dt.date:
    """The latest revision date the law allows for a plan adopted (or in force) on `start`."""
    return _add_years(start, REVISION_YEARS)


# Reading -----------------------------------------------------------------------------------


def plan_versions():
    """This installation's plan versions, newest first."""
    return PlanVersion.objects.filter(
        plan__municipality_slug=settings.BEREDSKAB_MUNICIPALITY
    ).order_by("-loaded_at", "-id")


def published_version() -> PlanVersion | None:
    """The version the public pages show (all fields), or None before the first is published."""
    try:
        return PlanVersion.objects.get(pk=current_version().pk)
    except NoPublishedPlan:
        return None


def version_status(version: PlanVersion, current: PlanVersion | None) -> str:
    if current is not None and version.pk == current.pk:
        return PUBLISHED
    return SUPERSEDED if version.published_at else DRAFT


def base_for_comparison(version: PlanVersion, current: PlanVersion | None) -> PlanVersion | None:
    """What a version is compared with: the published version, or for the published version
    itself, the one published before it."""
    if current is None:
        return None
    if version.pk != current.pk:
        return current
    return (
        plan_versions()
        .filter(published_at__lt=current.published_at)
        .order_by("-published_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class RevisionStatus:
    """When the published plan must be revised at the latest, and how soon that is.

    `state` is "on_time", "due_soon" (within six months) or "overdue"; `months_left` is whole
    months (negative when overdue).
    """

    version: str
    next_revision: dt.date
    adopted_on: dt.date | None
    effective_from: dt.date
    months_left: int
    days_left: int
    state: str

    @property
    def months_overdue(self) -> int:
        return max(0, -self.months_left)

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def is_due_soon(self) -> bool:
        return self.state == "due_soon"

    @property
    def in_words(self) -> str:
        if self.state == "overdue":
            return _("Revisionen er overskredet")
        if self.state == "due_soon":
            return _("Revisionen nærmer sig")
        return _("I god tid")


def revision_status(version: PlanVersion | None = None, *, today=None) -> RevisionStatus | None:
    """The revision status of `version` (default: the published one); None without a plan."""
    version = version or published_version()
    if version is None:
        return None
    today = today or timezone.localdate()
    due = version.next_revision
    if due < today:
        state = "overdue"
    elif due <= add_months(today, DUE_SOON_MONTHS):
        state = "due_soon"
    else:
        state = "on_time"
    return RevisionStatus(
        version=version.version,
        next_revision=due,
        adopted_on=version.adopted_on,
        effective_from=version.effective_from,
        months_left=whole_months(today, due),
        days_left=(due - today).days,
        state=state,
    )


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


def meetings_in_coming_year(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return CoordinationMeeting.objects.filter(
        starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=365)
    ).count()


# Revision reminders ------------------------------------------------------------------------


@dataclass
class ReminderReport:
    version: str | None = None
    next_revision: dt.date | None = None
    reminded: list[str] = field(default_factory=list)  # thresholds e-mailed by this run
    emails_queued: int = 0


def revision_recipients() -> list[str]:
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name__in=[r.PLAN_ADMIN, r.LEADER], email__gt=""
            ).values_list("email", flat=True)
        )
    )


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
    reached = [
        threshold
        for threshold, months in REVISION_THRESHOLDS
        if version.next_revision <= add_months(today, months)
    ]
    already = set(
        RevisionReminder.objects.filter(
            plan_version=version, next_revision=version.next_revision
        ).values_list("threshold", flat=True)
    )
    for threshold in reached:
        if threshold in already:
            continue
        most_urgent = threshold == reached[-1]
        recorded = _remind_once(version, threshold, now, today, send=most_urgent, report=report)
        if recorded and most_urgent:
            report.reminded.append(threshold)
    return report


def _remind_once(version, threshold, now, today, *, send, report) -> bool:
    try:
        with transaction.atomic():
            reminder = RevisionReminder.objects.create(
                plan_version=version,
                threshold=threshold,
                next_revision=version.next_revision,
                sent_at=now,
            )
            if send:
                reminder.emails_queued = _queue_reminder(version, today)
                reminder.save(update_fields=["emails_queued"])
                report.emails_queued += reminder.emails_queued
    except IntegrityError:
        return False  # another run recorded this threshold first
    return True


def _queue_reminder(version: PlanVersion, today: dt.date) -> int:
    from beredskab.outbox.models import EmailKind
    from beredskab.outbox.services import queue_email

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
            "plans/governance/email/revision_reminder.txt",
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
