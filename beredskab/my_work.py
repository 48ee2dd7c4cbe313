""" "Mit arbejde": the start page's reading of one person's day. Their open cases with the next
deadline and the next step, acute first; the initiatives they are responsible for; their
meetings this week; and, for a leader, the team's load. Need to know holds: only cases the
person has (as coordinator, assigned, or Modtagelsen's own intake cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.cases.access import active_assignments
from beredskab.cases.models import (
    INTAKE_STATES,
    Case,
    CaseAssignment,
    CaseState,
    Judgement,
    RiskAssessment,
    RiskLevel,
    Track,
)
from beredskab.meetings.models import (
    OPEN_INITIATIVE_STATES,
    AgendaItem,
    Initiative,
    Meeting,
    MeetingStatus,
)
from beredskab.meetings.selectors import initiative_label

# Modtagelsen's part of the page: the intake cases nearest their deadline (the queue has all).
INTAKE_ROWS = 15


@dataclass(frozen=True)
class CaseRow:
    case: Case
    acute: bool
    next_step: str
    next_due: dt.datetime | None  # a deadline's moment
    next_due_day: dt.date | None  # or a day (an initiative's or the review date)
    overdue: bool


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _acute_cases():
    return Exists(
        RiskAssessment.objects.filter(case=OuterRef("pk")).filter(
            Q(acute_action_needed=True) | Q(acute_risk=Judgement.HIGH) | Q(level=RiskLevel.ACUTE)
        )
    )


def my_cases(user, now: dt.datetime | None = None) -> list[CaseRow]:
    """The open cases the user has, acute first, then by the next deadline."""
    now = now or timezone.now()
    # Two index lookups (the open cases the user coordinates, the user's active assignments):
    # an OR of the two in one filter makes the database read every case.
    mine = {
        *Case.objects.filter(coordinator=user)
        .exclude(state=CaseState.CLOSED)
        .values_list("pk", flat=True),
        *active_assignments().filter(user=user).values_list("case_id", flat=True),
    }
    cases = _rows_of(Case.objects.filter(pk__in=mine).exclude(state=CaseState.CLOSED), now)
    if r.INTAKE in roles_of(user):
        known = {row.case.pk for row in cases}
        intake = Case.objects.filter(state__in=INTAKE_STATES).exclude(pk__in=known)
        intake = intake.order_by("notification__next_due_at")[:INTAKE_ROWS]
        cases += _rows_of(Case.objects.filter(pk__in=[c.pk for c in intake]), now)
    return sorted(cases, key=_order)


def _order(row: CaseRow):
    due = row.next_due or (_start_of_day(row.next_due_day) if row.next_due_day else None)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (not row.acute, due or far, row.case.pk)


def _rows_of(queryset, now: dt.datetime) -> list[CaseRow]:
    open_initiatives = Initiative.objects.filter(status__in=OPEN_INITIATIVE_STATES).order_by(
        "due_on", "id"
    )
    queryset = (
        queryset.select_related("notification")
        .annotate(is_acute=_acute_cases())
        .annotate(on_agenda=Exists(AgendaItem.objects.filter(case=OuterRef("pk"))))
        .prefetch_related(Prefetch("initiatives", queryset=open_initiatives, to_attr="open"))
    )
    return [_row(case, now) for case in queryset]


def _row(case: Any, now: dt.datetime) -> CaseRow:
    """`case` is a Case annotated by `_rows_of` with is_acute, on_agenda and open."""
    n = case.notification
    acute = bool(case.is_acute or (n.immediate_danger and n.assessed_at is None))
    today = timezone.localtime(now).date()
    first_initiative = case.open[0] if case.open else None
    receipt_owed = n.receipt_needed and n.receipt_sent_at is None
    if case.state == CaseState.RECEIVED:
        step = _("Risikovurdér")
    elif receipt_owed and n.receipt_method != "email":
        step = _("Giv underretter kvittering")
    elif case.state == CaseState.ASSESSED:
        step = _("Vælg spor") if case.track == Track.UNDECIDED else _("Videregiv sagen")
    elif case.track == Track.ADULT and not case.on_agenda and not case.open:
        step = _("Sæt sagen på Indsatsgruppens dagsorden")
    elif first_initiative is not None:
        step = _("Følg op på indsats: %s") % initiative_label(first_initiative.kind)
    else:
        step = _("Følg op på sagen")
    days = [d for d in (case.review_on, first_initiative.due_on if first_initiative else None) if d]
    next_day = min(days) if days else None
    next_due = n.next_due_at
    if next_due is not None and next_day is not None and _start_of_day(next_day) < next_due:
        next_due = None
    elif next_due is not None:
        next_day = None
    overdue = (next_due is not None and next_due < now) or (
        next_day is not None and next_day < today
    )
    return CaseRow(case, acute, step, next_due, next_day, overdue)


def my_initiatives(user, limit: int = 50) -> list:
    """The open initiatives the user is responsible for, by due date, each with its `label`
    from the plan's catalogue."""
    initiatives = list(
        Initiative.objects.filter(responsible=user, status__in=OPEN_INITIATIVE_STATES)
        .select_related("case__notification")
        .order_by("due_on", "id")[:limit]
    )
    for initiative in initiatives:
        initiative.label = initiative_label(initiative.kind)  # type: ignore[attr-defined]  # for the template
    return initiatives


def week_of(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00.00 to the next Monday 00.00, in Copenhagen."""
    today = timezone.localtime(now).date()
    monday = today - dt.timedelta(days=today.weekday())
    return _start_of_day(monday), _start_of_day(monday + dt.timedelta(days=7))


def my_meetings_this_week(user, now: dt.datetime | None = None):
    start, end = week_of(now or timezone.now())
    return (
        Meeting.objects.filter(participants=user, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(cases=Count("agenda", distinct=True))
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class Load:
    user: object
    cases: int
    initiatives: int
    overdue_initiatives: int


def _count_per_user(queryset, user_field: str) -> Coalesce:
    """How many rows of `queryset` each user has in `user_field`: a subquery per user, so that the
    counts of several tables do not multiply each other's rows in one join."""
    counted = (
        queryset.filter(**{user_field: OuterRef("pk")})
        .order_by()
        .values(user_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def team_load(today: dt.date | None = None) -> list[Load]:
    """For the leader: each caseworker's open cases and initiatives (counts only)."""
    today = today or timezone.localdate()
    open_initiatives = Initiative.objects.filter(status__in=OPEN_INITIATIVE_STATES)
    people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[r.INTAKE, r.COORDINATOR, r.CHILDREN_UNIT, r.INTERVENTION_GROUP],
        )
        .distinct()
        .annotate(
            coordinated=_count_per_user(
                Case.objects.exclude(state=CaseState.CLOSED), "coordinator"
            ),
            assigned=_count_per_user(
                CaseAssignment.objects.filter(ended_at__isnull=True).exclude(
                    case__state=CaseState.CLOSED
                ),
                "user",
            ),
            initiatives=_count_per_user(open_initiatives, "responsible"),
            overdue=_count_per_user(open_initiatives.filter(due_on__lt=today), "responsible"),
        )
        .order_by("first_name", "username")
    )
    return [
        Load(person, person.coordinated + person.assigned, person.initiatives, person.overdue)
        for person in people
    ]
