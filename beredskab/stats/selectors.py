"""Statistics for leaders and the national documentation effort: notifications per month,
deadline compliance, initiatives and cases, for a period.

Every table is one aggregate query in the database, with months counted in Europe/Copenhagen.
The numbers here are exact; whatever leaves the system goes through
`beredskab.stats.suppression.suppress` first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from beredskab.cases.models import Case as CaseModel
from beredskab.cases.models import CaseState, CloseReason, Track
from beredskab.deadlines.workdays import COPENHAGEN
from beredskab.intake.models import (
    AgeGroup,
    Channel,
    Notification,
    NotificationConcern,
    NotifierKind,
    ReceiptMethod,
)
from beredskab.meetings.models import Initiative, InitiativeStatus
from beredskab.plans.templatetags.plan_text import t

TOTAL = "total"
MAX_YEARS = 10

# How a deadline turned out. "overdue" (still open after the deadline) counts as missed.
MET, LATE, OVERDUE, PENDING, NOT_APPLICABLE = "met", "late", "overdue", "pending", "not_applicable"


# -- The period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From and to (both included) as Copenhagen dates."""

    start: dt.date
    end: dt.date

    @classmethod
    def last_12_months(cls, today: dt.date | None = None) -> Period:
        """This month and the eleven before it, up to and including today."""
        today = today or timezone.localdate()
        months_back = today.year * 12 + today.month - 1 - 11
        return cls(dt.date(months_back // 12, months_back % 12 + 1, 1), today)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), tzinfo=COPENHAGEN)

    @property
    def ends_before(self) -> dt.datetime:
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=COPENHAGEN)

    def months(self) -> list[dt.date]:
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return months


def notifications_in(period: Period) -> QuerySet[Notification]:
    return Notification.objects.filter(
        received_at__gte=period.starts_at, received_at__lt=period.ends_before
    )


# -- Tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    """A share (0–100) or a median (hours) in a row, with the number of cases it rests on."""

    value: float | None
    base: int


@dataclass
class Table:
    """A table of counts: rows × columns, with sums as margins, and optionally shares or medians
    per row (`derived`). Cells are addressed as (row key, column key); TOTAL is the margin."""

    kind: str
    title: str
    row_header: str
    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    counts: dict[tuple[str, str], int]
    row_totals: bool = True  # a "total" column: only when a row's categories exclude each other
    column_totals: bool = True
    derived: list[tuple[str, str, str]] = field(default_factory=list)  # (key, label, unit)
    derived_values: dict[tuple[str, str], Derived] = field(default_factory=dict)
    note: str = ""

    def count(self, row: str, column: str) -> int:
        if row == TOTAL and column == TOTAL:
            return sum(self.counts.values())
        if row == TOTAL:
            return sum(n for (_r, c), n in self.counts.items() if c == column)
        if column == TOTAL:
            return sum(n for (r, _c), n in self.counts.items() if r == row)
        return self.counts.get((row, column), 0)

    def count_columns(self) -> list[str]:
        return [key for key, _label in self.columns] + ([TOTAL] if self.row_totals else [])

    def count_rows(self) -> list[str]:
        return [key for key, _label in self.rows] + ([TOTAL] if self.column_totals else [])

    def header(self) -> list[str]:
        labels = [label for _key, label in self.columns]
        if self.row_totals:
            labels.append(_("I alt"))
        return [self.row_header, *labels, *(label for _k, label, _u in self.derived)]

    def lines(self) -> Iterator[tuple[str, str]]:
        """(row key, label) in display order, the total row last."""
        yield from self.rows
        if self.column_totals:
            yield TOTAL, _("I alt")

    def sums(self) -> Iterator[tuple[list[tuple[str, str]], tuple[str, str] | None]]:
        """Each set of cells whose sum can be known, with the cell that shows it. A row's sum
        counts even when this table does not show it (None): another table may (the concern
        table's months add up to the age table's months when each has one concern)."""
        columns, rows = [k for k, _l in self.columns], [k for k, _l in self.rows]
        for row in self.count_rows():
            yield [(row, c) for c in columns], (row, TOTAL) if self.row_totals else None
        if self.column_totals:
            for column in self.count_columns():
                yield [(r, column) for r in rows], (TOTAL, column)

    def grand_total(self) -> int:
        return self.count(TOTAL, TOTAL)


def _label_map(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _with_unknown(known: list[tuple[str, str]], found) -> list[tuple[str, str]]:
    """The known categories in their order, then any value in the data they do not name."""
    keys = {key for key, _label in known}
    extra = sorted({value for value in found if value not in keys})
    return known + [(value, value or _("(ikke angivet)")) for value in extra]


def month_key(value) -> str:
    if isinstance(value, dt.datetime):
        value = value.astimezone(COPENHAGEN) if timezone.is_aware(value) else value
    return f"{value.year:04d}-{value.month:02d}"


def month_label(month: dt.date) -> str:
    return dateformat.format(month, "F Y")


def _monthly_table(
    kind, title, period, queryset, field_name, received, columns, **options
) -> Table:
    """Counts per (month, value of `field_name`) in one GROUP BY query."""
    grouped = (
        queryset.annotate(month=TruncMonth(received, tzinfo=COPENHAGEN))
        .values("month", field_name)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = {}
    for row in grouped:
        key = (month_key(row["month"]), row[field_name])
        counts[key] = counts.get(key, 0) + row["n"]
    return Table(
        kind=kind,
        title=title,
        row_header=_("Måned"),
        rows=[(month_key(m), month_label(m)) for m in period.months()],
        columns=_with_unknown(columns, (c for _m, c in counts)),
        counts=counts,
        **options,
    )


def by_concern_type(period: Period, plan) -> Table:
    concerns = [(c.key, t(c.short)) for c in plan.procedure.concern_types]
    queryset = NotificationConcern.objects.filter(
        notification__received_at__gte=period.starts_at,
        notification__received_at__lt=period.ends_before,
    )
    return _monthly_table(
        "concern",
        _("Underretninger pr. måned efter bekymring"),
        period,
        queryset,
        "concern_type",
        "notification__received_at",
        concerns,
        row_totals=False,
        note=_(
            "En underretning kan handle om flere bekymringer og tælles da under hver af dem; "
            "derfor er der ingen sum pr. måned."
        ),
    )


def by_age_group(period: Period, plan=None) -> Table:
    return _monthly_table(
        "age",
        _("Underretninger pr. måned efter alder"),
        period,
        notifications_in(period),
        "age_group",
        "received_at",
        list(_label_map(AgeGroup.choices).items()),
    )


def by_channel(period: Period, plan=None) -> Table:
    return _monthly_table(
        "channel",
        _("Underretninger pr. måned efter hvordan de kom ind"),
        period,
        notifications_in(period),
        "channel",
        "received_at",
        list(_label_map(Channel.choices).items()),
    )


def by_notifier_kind(period: Period, plan=None) -> Table:
    return _monthly_table(
        "notifier",
        _("Underretninger pr. måned efter underretter"),
        period,
        notifications_in(period),
        "notifier_kind",
        "received_at",
        list(_label_map(NotifierKind.choices).items()),
    )


# -- Deadlines --------------------------------------------------------------------------------


# Each deadline: the field that closes it, the field with its due time, and where it applies
# (a receipt cannot be given to an anonymous notifier).
DEADLINES = {
    "assessment": ("assessed_at", "assessment_due_at", Q()),
    "receipt": (
        "receipt_sent_at",
        "receipt_due_at",
        Q(receipt_due_at__isnull=False) & ~Q(receipt_method=ReceiptMethod.NOT_POSSIBLE),
    ),
}


def deadline_outcome(done: str, due: str, now: dt.datetime, applies: Q | None = None) -> Case:
    """How a deadline turned out, as an SQL expression: the one place the rule is written.
    Still open after the deadline ("overdue") counts as missed, like a late one."""
    whens = [When(~applies, then=Value(NOT_APPLICABLE))] if applies else []
    whens += [
        When(Q(**{f"{done}__isnull": True, f"{due}__lt": now}), then=Value(OVERDUE)),
        When(Q(**{f"{done}__isnull": True}), then=Value(PENDING)),
        When(Q(**{f"{done}__lte": F(due)}), then=Value(MET)),
    ]
    return Case(*whens, default=Value(LATE), output_field=CharField())


def _outcomes(now: dt.datetime) -> dict[str, Case]:
    return {
        name: deadline_outcome(done, due, now, applies)
        for name, (done, due, applies) in DEADLINES.items()
    }


def median_hours(queryset, done: str, n: int) -> float | None:
    """The median of (done - received) in hours over the `n` rows of `queryset` where `done` is
    set: the middle one or two rows by duration, read with OFFSET, so it works in SQLite and
    PostgreSQL alike without reading every row."""
    if n == 0:
        return None
    durations = list(
        queryset.filter(**{f"{done}__isnull": False})
        .annotate(took=F(done) - F("received_at"))
        .order_by("took", "pk")
        .values_list("took", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    if not durations:
        return None
    seconds = sum(d.total_seconds() for d in durations) / len(durations)
    return seconds / 3600


def deadline_compliance(period: Period, plan, now: dt.datetime | None = None) -> Table:
    """Per deadline: met, missed (late, or still open after the deadline), not yet due; the share
    met among those decided; and the median time it took."""
    now = now or timezone.now()
    queryset = notifications_in(period)
    outcomes = [MET, LATE, OVERDUE, PENDING]
    aggregates = {
        f"{name}_{outcome}": Count("pk", filter=Q(**{name: outcome}))
        for name in DEADLINES
        for outcome in outcomes
    }
    counted = queryset.alias(**_outcomes(now)).aggregate(**aggregates)
    counts = {(name, o): counted[f"{name}_{o}"] for name in DEADLINES for o in outcomes}
    derived_values = {}
    for name, (done, _due, applies) in DEADLINES.items():
        decided = counts[name, MET] + counts[name, LATE] + counts[name, OVERDUE]
        share = 100 * counts[name, MET] / decided if decided else None
        completed = counts[name, MET] + counts[name, LATE]
        derived_values[name, "share"] = Derived(share, decided)
        derived_values[name, "median"] = Derived(
            median_hours(queryset.filter(applies), done, completed), completed
        )
    deadlines = plan.deadlines
    return Table(
        kind="deadlines",
        title=_("Frister overholdt"),
        row_header=_("Frist"),
        rows=[
            (
                "assessment",
                _("Risikovurdering inden for %(hours)s timer")
                % {"hours": deadlines.assessment_hours},
            ),
            (
                "receipt",
                _("Kvittering til underretter inden for %(days)s hverdage")
                % {"days": deadlines.receipt_working_days},
            ),
        ],
        columns=[
            (MET, _("Overholdt")),
            (LATE, _("For sent")),
            (OVERDUE, _("Åben, overskredet")),
            (PENDING, _("Åben, ikke forfalden")),
        ],
        counts=counts,
        column_totals=False,
        derived=[
            ("share", _("Andel overholdt (%)"), "percent"),
            ("median", _("Median (timer)"), "hours"),
        ],
        derived_values=derived_values,
        note=_(
            "Andelen overholdt regnes af de afgjorte: overholdt, for sent og åbne, der har "
            "overskredet fristen. Kvitteringer tæller kun, hvor en kvittering kan gives (ikke "
            "anonyme). Medianen er tiden fra modtagelse til risikovurdering eller kvittering."
        ),
    )


# -- Initiatives and cases --------------------------------------------------------------------


def initiatives_used(period: Period, plan) -> Table:
    """Initiatives and referrals created in the period, by kind (the plan's catalogue) and
    status."""
    grouped = (
        Initiative.objects.filter(
            created_at__gte=period.starts_at, created_at__lt=period.ends_before
        )
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["kind"], row["status"]): row["n"] for row in grouped}
    catalogue = [(item.key, t(item.name)) for item in plan.initiative_types]
    return Table(
        kind="initiatives",
        title=_("Indsatser og henvisninger efter type og status"),
        row_header=_("Indsats"),
        rows=_with_unknown(catalogue, (k for k, _s in counts)),
        columns=_with_unknown(
            list(_label_map(InitiativeStatus.choices).items()), (s for _k, s in counts)
        ),
        counts=counts,
        note=_("Indsatser oprettet i perioden, med den status de har i dag."),
    )


def _cases_in(period: Period):
    return CaseModel.objects.filter(
        notification__received_at__gte=period.starts_at,
        notification__received_at__lt=period.ends_before,
    )


def cases_by_state(period: Period, plan=None) -> Table:
    grouped = _cases_in(period).values("track", "state").annotate(n=Count("pk")).order_by()
    counts = {(row["track"], row["state"]): row["n"] for row in grouped}
    return Table(
        kind="cases",
        title=_("Sager efter spor og status"),
        row_header=_("Spor"),
        rows=_with_unknown(list(_label_map(Track.choices).items()), (k for k, _s in counts)),
        columns=_with_unknown(list(_label_map(CaseState.choices).items()), (s for _k, s in counts)),
        counts=counts,
        note=_(
            "Sager for underretninger modtaget i perioden, med den status de har i dag: "
            "alle andre end lukkede er åbne."
        ),
    )


def closed_by_reason(period: Period, plan=None) -> Table:
    grouped = (
        _cases_in(period)
        .filter(state=CaseState.CLOSED)
        .values("close_reason", "track")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["close_reason"], row["track"]): row["n"] for row in grouped}
    return Table(
        kind="close_reasons",
        title=_("Lukkede sager efter årsag"),
        row_header=_("Afslutningsårsag"),
        rows=_with_unknown(list(_label_map(CloseReason.choices).items()), (r for r, _t in counts)),
        columns=_with_unknown(list(_label_map(Track.choices).items()), (k for _r, k in counts)),
        counts=counts,
    )


# The tables, by the `kind` the export takes, in the order the page shows them.
TABLES = {
    "deadlines": deadline_compliance,
    "concern": by_concern_type,
    "age": by_age_group,
    "channel": by_channel,
    "notifier": by_notifier_kind,
    "initiatives": initiatives_used,
    "cases": cases_by_state,
    "close_reasons": closed_by_reason,
}


def table(kind: str, period: Period, plan, now: dt.datetime | None = None) -> Table:
    if kind == "deadlines":
        return deadline_compliance(period, plan, now)
    return TABLES[kind](period, plan)


def all_tables(period: Period, plan, now: dt.datetime | None = None) -> dict[str, Table]:
    return {kind: table(kind, period, plan, now) for kind in TABLES}


# -- One row per notification -----------------------------------------------------------------

ROW_HEADER = (
    "maaned",
    "bekymringer",
    "aldersgruppe",
    "kanal",
    "underretter",
    "risikovurderet_inden_for_frist",
    "kvitteret_inden_for_frist",
    "spor",
    "status",
)

_ANSWER = {
    MET: "ja",
    LATE: "nej",
    OVERDUE: "nej",
    PENDING: "afventer",
    NOT_APPLICABLE: "ikke relevant",
}


def notification_rows(period: Period, now: dt.datetime | None = None) -> Iterator[tuple]:
    """One row per notification received in the period, with no identifying field: no reference,
    name, date or free text; categories as their codes. A generator over a database cursor read
    2,000 rows at a time, so memory stays flat however many rows there are."""
    now = now or timezone.now()
    concern_keys = (
        NotificationConcern.objects.filter(notification=OuterRef("pk"))
        .order_by()
        .values("notification")
        .annotate(keys=StringAgg("concern_type", delimiter=Value("|")))
        .values("keys")
    )
    queryset = (
        notifications_in(period)
        .annotate(
            month=TruncMonth("received_at", tzinfo=COPENHAGEN),
            concern_keys=Subquery(concern_keys),
            **_outcomes(now),
        )
        .order_by("received_at", "pk")
        .values_list(
            "month",
            "concern_keys",
            "age_group",
            "channel",
            "notifier_kind",
            "assessment",
            "receipt",
            "case__track",
            "case__state",
        )
    )
    for (
        month,
        concerns,
        age,
        channel,
        notifier,
        assessment,
        receipt,
        track,
        state,
    ) in queryset.iterator(chunk_size=2000):
        yield (
            month_key(month),
            "|".join(sorted((concerns or "").split("|"))) if concerns else "",
            age,
            channel,
            notifier,
            _ANSWER[assessment],
            _ANSWER[receipt],
            track or "",
            state or "",
        )
