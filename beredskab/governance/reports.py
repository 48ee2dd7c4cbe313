"""The status report for a coordination meeting: what happened since the previous meeting.

Counts only, no personal data: notifications (by concern type, age group, track, channel),
deadline compliance, cases by state, initiatives, press inquiries and the plan's revision status.
The PDF leaves the system, so it shows each count as the statistics' suppression rule allows
(beredskab.stats.suppression: 1–4 as "<5", and a second cell hidden as "x" where a total would
give a hidden one back); every count carries both its value and that printed text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from beredskab.cases.models import Case, CaseState, Track
from beredskab.intake.models import AgeGroup, Channel, Notification, NotificationConcern
from beredskab.meetings.models import Initiative, InitiativeStatus
from beredskab.plans.models import PlanVersion
from beredskab.plans.selectors import NoPublishedPlan, current_plan
from beredskab.plans.templatetags.plan_text import t
from beredskab.press.models import InquiryStatus, PressInquiry
from beredskab.stats.selectors import TOTAL, Table
from beredskab.stats.suppression import suppress as suppress_table

from .models import CoordinationMeeting
from .revision import RevisionStatus, revision_status

COUNT = "count"
COMPLIANCE_OUTCOMES = ("met", "missed", "pending")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    printed: str = ""  # the count as the PDF shows it


@dataclass(frozen=True)
class Counts:
    """Counts per category. `total` is None when the categories overlap (a notification may
    concern more than one type), so the rows do not add up to a whole."""

    rows: list[Row]
    total: int | None
    printed_total: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


@dataclass(frozen=True)
class Compliance:
    """A deadline's outcome for the period's notifications: met, missed (late or still open
    after the deadline) and pending (open, deadline not yet reached)."""

    met: int
    missed: int
    pending: int
    printed: dict = field(default_factory=dict)  # outcome -> text in the PDF

    @property
    def total(self) -> int:
        return self.met + self.missed + self.pending

    @property
    def share_met(self) -> int | None:
        """Per cent met of those decided, or None when none is decided yet."""
        decided = self.met + self.missed
        return round(100 * self.met / decided) if decided else None


@dataclass
class StatusReport:
    meeting: CoordinationMeeting
    period_start: dt.datetime
    period_end: dt.datetime
    as_of: dt.datetime
    since_previous_meeting: bool
    by_concern: Counts | None = None
    by_age_group: Counts | None = None
    by_track: Counts | None = None
    by_channel: Counts | None = None
    assessment: Compliance | None = None
    receipt: Compliance | None = None
    cases_by_state: Counts | None = None
    initiatives_created: Counts | None = None
    initiatives_completed: Counts | None = None
    press: Counts | None = None
    revision: RevisionStatus | None = None
    assessment_hours: int | None = None
    receipt_working_days: int | None = None

    @property
    def notifications(self) -> int:
        return self.by_age_group.total  # every notification has exactly one age group

    @property
    def press_inquiries(self) -> int:
        return self.press.total


def previous_meeting(meeting: CoordinationMeeting) -> CoordinationMeeting | None:
    return (
        CoordinationMeeting.objects.filter(
            Q(starts_at__lt=meeting.starts_at) | Q(starts_at=meeting.starts_at, id__lt=meeting.id)
        )
        .order_by("-starts_at", "-id")
        .first()
    )


def plan_start() -> dt.datetime | None:
    """The start of the day the first published version of the plan took effect."""
    first = PlanVersion.objects.filter(
        plan__municipality_slug=settings.BEREDSKAB_MUNICIPALITY, published_at__isnull=False
    ).aggregate(first=Min("effective_from"))["first"]
    if first is None:
        return None
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min))


def status_report(meeting: CoordinationMeeting, *, now: dt.datetime | None = None) -> StatusReport:
    now = now or timezone.now()
    previous = previous_meeting(meeting)
    start = previous.starts_at if previous else plan_start()
    end = meeting.starts_at
    if start is None or start > end:
        start = end
    report = StatusReport(
        meeting=meeting,
        period_start=start,
        period_end=end,
        as_of=min(now, end),
        since_previous_meeting=previous is not None,
    )
    try:
        plan = current_plan()
    except NoPublishedPlan:
        plan = None

    received = Notification.objects.filter(received_at__gte=start, received_at__lt=end)
    report.by_concern = _concern_counts(received, plan)
    report.by_age_group = _counts(received, "age_group", AgeGroup.choices)
    report.by_channel = _counts(received, "channel", Channel.choices)
    cases = Case.objects.filter(notification__in=received)
    report.by_track = _counts(cases, "track", Track.choices)
    report.cases_by_state = _counts(cases, "state", CaseState.choices)
    with_receipt = received.filter(receipt_due_at__isnull=False)
    report.assessment, report.receipt = _with_printed(
        _compliance(received, "assessed_at", "assessment_due_at", report.as_of),
        _compliance(with_receipt, "receipt_sent_at", "receipt_due_at", report.as_of),
    )

    kinds = [(item.key, t(item.name)) for item in plan.initiative_types] if plan else []
    created = Initiative.objects.filter(created_at__gte=start, created_at__lt=end)
    report.initiatives_created = _counts(created, "kind", kinds, only_used=True)
    # An initiative has no completion time of its own; its last change is when it was completed.
    completed = Initiative.objects.filter(
        status=InitiativeStatus.COMPLETED, updated_at__gte=start, updated_at__lt=end
    )
    report.initiatives_completed = _counts(completed, "kind", kinds, only_used=True)

    report.press = _press(start, end)
    report.revision = revision_status(today=timezone.localdate(now))
    if plan is not None:
        report.assessment_hours = plan.deadlines.assessment_hours
        report.receipt_working_days = plan.deadlines.receipt_working_days
    return report


def _counts(queryset, field_name, choices, *, only_used=False, overlapping=False) -> Counts:
    """Counts per value of `field_name`, in the order of `choices`; values not among the choices
    (e.g. a key the plan no longer has) come last under their own name."""
    found = {
        row[field_name]: row["n"]
        for row in queryset.order_by().values(field_name).annotate(n=Count("id"))
    }
    categories = [
        (str(value), str(label), found.pop(value, 0))
        for value, label in choices
        if not only_used or found.get(value)
    ]
    categories += [(str(value), str(value), n) for value, n in sorted(found.items())]
    printed = _printed(
        {key: n for key, _label, n in categories}, [COUNT], with_total=not overlapping
    )
    rows = [Row(key, label, n, printed[key, COUNT]) for key, label, n in categories]
    if overlapping:
        return Counts(rows, None)
    return Counts(rows, sum(row.count for row in rows), printed[TOTAL, COUNT])


def _printed(counts: dict, columns: list[str], *, with_total: bool) -> dict[tuple[str, str], str]:
    """Each cell's text in the PDF, by the statistics' suppression rule. `counts` maps a row to
    its count (one column) or a row to {column: count}."""
    cells = {
        (row, column): (value if isinstance(value, int) else value[column])
        for row, value in counts.items()
        for column in columns
    }
    table = Table(
        kind="status_report",
        title="",
        row_header="",
        rows=[(row, row) for row in counts],
        columns=[(column, column) for column in columns],
        counts=cells,
        row_totals=len(columns) > 1,  # the outcomes of one deadline add up to its whole
        column_totals=with_total,
    )
    return {cell: shown.text for cell, shown in suppress_table(table).items()}


def _concern_counts(received, plan) -> Counts:
    concerns = NotificationConcern.objects.filter(notification__in=received)
    choices = [(c.key, t(c.title)) for c in plan.procedure.concern_types] if plan else []
    return _counts(concerns, "concern_type", choices, overlapping=True)


def _compliance(queryset, done_field, due_field, as_of) -> Compliance:
    met = Q(**{f"{done_field}__isnull": False, f"{done_field}__lte": F(due_field)})
    late = Q(**{f"{done_field}__gt": F(due_field)})
    open_overdue = Q(**{f"{done_field}__isnull": True, f"{due_field}__lte": as_of})
    pending = Q(**{f"{done_field}__isnull": True, f"{due_field}__gt": as_of})
    return queryset.aggregate(
        met=Count("id", filter=met),
        missed=Count("id", filter=late | open_overdue),
        pending=Count("id", filter=pending),
    )


def _with_printed(assessment: dict, receipt: dict) -> tuple[Compliance, Compliance]:
    """Both deadlines' outcomes, suppressed as one table (they are shown as one)."""
    printed = _printed(
        {"assessment": assessment, "receipt": receipt}, list(COMPLIANCE_OUTCOMES), with_total=False
    )
    return tuple(
        Compliance(**counts, printed={o: printed[row, o] for o in COMPLIANCE_OUTCOMES})
        for row, counts in (("assessment", assessment), ("receipt", receipt))
    )


def _press(start, end) -> Counts:
    """Press inquiries received in the period, by status."""
    inquiries = PressInquiry.objects.filter(received_at__gte=start, received_at__lt=end)
    return _counts(inquiries, "status", InquiryStatus.choices)
