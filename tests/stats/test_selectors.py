"""The statistics agree with a direct count of the notifications, months in Copenhagen time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.cases import services
from beredskab.cases.models import Case
from beredskab.intake.models import Notification
from beredskab.meetings import services as meeting_services
from beredskab.plans.selectors import current_plan
from beredskab.stats import selectors
from beredskab.stats.selectors import TOTAL, Period
from tests.factories import make_staff

from .helpers import NOW, assessed, at, receipted, received

pytestmark = pytest.mark.usefixtures("allerod_plan")

YEAR = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 15))


@pytest.fixture
def mixed():
    """Notifications in three months, with different concerns, ages, channels and notifiers."""
    return [
        received(at(2025, 4, 2), concern_types=["social_control"], age_group="child"),
        received(
            at(2025, 4, 20),
            concern_types=["social_control", "forced_marriage"],
            channel="email",
            notifier_kind="citizen",
        ),
        received(
            at(2025, 6, 1),
            concern_types=["stay_abroad"],
            age_group="child",
            channel="police",
            notifier_kind="authority",
        ),
        received(at(2025, 6, 30, 23, 30), concern_types=["honour_abuse"]),
        received(
            at(2026, 3, 10),
            concern_types=["forced_marriage"],
            channel="web_citizen",
            notifier_kind="anonymous",
            age_group="unknown",
        ),
        # Outside the period on both sides.
        received(at(2025, 3, 31, 23, 59), concern_types=["social_control"]),
        received(at(2026, 3, 16, 0, 1), concern_types=["social_control"]),
    ]


def in_month(year, month, **filters):
    start = dt.datetime(year, month, 1, tzinfo=NOW.tzinfo)
    end = min(
        dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=NOW.tzinfo), YEAR.ends_before
    )
    return Notification.objects.filter(received_at__gte=start, received_at__lt=end, **filters)


def test_the_default_period_is_the_last_twelve_months():
    period = Period.last_12_months()

    assert (period.start, period.end) == (dt.date(2025, 4, 1), dt.date(2026, 3, 15))
    assert len(period.months()) == 12


@pytest.mark.parametrize(
    ("kind", "field"),
    [("age", "age_group"), ("channel", "channel"), ("notifier", "notifier_kind")],
)
def test_monthly_tables_agree_with_a_direct_count(mixed, kind, field):
    table = selectors.table(kind, YEAR, current_plan())

    for month in YEAR.months():
        row = f"{month:%Y-%m}"
        for column, _label in table.columns:
            expected = in_month(month.year, month.month, **{field: column}).count()
            assert table.count(row, column) == expected, (row, column)
        assert table.count(row, TOTAL) == in_month(month.year, month.month).count()
    assert table.grand_total() == 5


def test_concerns_count_each_notification_under_each_of_its_concerns(mixed):
    table = selectors.table("concern", YEAR, current_plan())

    for month in YEAR.months():
        for key, _label in table.columns:
            expected = in_month(month.year, month.month, concerns__concern_type=key).count()
            assert table.count(f"{month:%Y-%m}", key) == expected
    assert table.count("2025-04", "social_control") == 2
    assert table.count(TOTAL, "forced_marriage") == 2
    assert not table.row_totals  # a notification may have two concerns: no sum per month


def test_months_are_counted_in_copenhagen_time(mixed):
    # 30 June 23:30 in Copenhagen is 21:30 UTC: June, not July.
    table = selectors.table("age", YEAR, current_plan())

    assert table.count("2025-06", TOTAL) == 2
    assert table.count("2025-07", TOTAL) == 0


def test_the_period_filter_includes_both_days():
    received(at(2025, 5, 1, 0, 0))
    received(at(2025, 5, 31, 23, 59))
    received(at(2025, 6, 1, 0, 0))

    may = selectors.table("age", Period(dt.date(2025, 5, 1), dt.date(2025, 5, 31)), current_plan())

    assert may.grand_total() == 2
    assert [key for key, _label in may.rows] == ["2025-05"]


def test_deadline_compliance_shares_and_medians():
    # Assessment (24 hours): three on time, one late, one still open long after the deadline,
    # one received an hour ago (not yet due).
    on_time = [received(at(2025, 9, d)) for d in (1, 2, 3)]
    for notification, hours in zip(on_time, (2, 4, 10), strict=True):
        assessed(notification, hours)
    assessed(received(at(2025, 9, 4)), 30)
    received(at(2025, 9, 5))
    received(NOW - dt.timedelta(hours=1))
    # Receipts: one on time, one late; an anonymous notifier gets none.
    receipted(on_time[0], 24)
    receipted(on_time[1], 24 * 20)
    received(at(2025, 9, 8), notifier_kind="anonymous")

    table = selectors.deadline_compliance(YEAR, current_plan())

    # The anonymous notification of 8 September was never assessed either: overdue.
    assert [table.count("assessment", c) for c in ("met", "late", "overdue", "pending")] == [
        3,
        1,
        2,
        1,
    ]
    assessment = Notification.objects.filter(assessed_at__isnull=False)
    assert table.count("assessment", "met") + table.count("assessment", "late") == (
        assessment.count()
    )
    # Open and overdue counts as missed: 3 met of 6 decided.
    assert table.derived_values["assessment", "share"].value == pytest.approx(50)
    assert table.derived_values["assessment", "share"].base == 6
    # Durations 2, 4, 10 and 30 hours: the median is (4 + 10) / 2.
    assert table.derived_values["assessment", "median"].value == pytest.approx(7)
    assert table.derived_values["assessment", "median"].base == 4

    assert table.count("receipt", "met") == 1
    assert table.count("receipt", "late") == 1
    assert table.count("receipt", "overdue") == 3
    assert table.derived_values["receipt", "share"].value == pytest.approx(20)
    assert table.count("receipt", TOTAL) == 6  # every notification but the anonymous one
    assert table.derived_values["receipt", "median"].value == pytest.approx((24 + 480) / 2)


def test_an_odd_number_of_durations_has_the_middle_one_as_median():
    for hours in (1, 5, 20):
        assessed(received(at(2025, 10, 1)), hours)

    table = selectors.deadline_compliance(YEAR, current_plan())

    assert table.derived_values["assessment", "median"].value == pytest.approx(5)


def test_no_notifications_no_shares():
    table = selectors.deadline_compliance(YEAR, current_plan())

    assert table.derived_values["assessment", "share"].value is None
    assert table.derived_values["receipt", "median"].value is None


def test_initiatives_cases_and_close_reasons():
    intake = make_staff("modtager", "modtagelsen")
    coordinator = make_staff("tovholder", "tovholder")
    adult = received(at(2026, 1, 5)).case
    child = received(at(2026, 2, 5), age_group="child").case
    received(at(2026, 2, 6), age_group="child")
    for case in (adult, child):
        services.record_risk_assessment(
            case,
            answers={},
            serious_violence="low",
            acute_risk="low",
            acute_action_needed=False,
            justification="Ingen fare.",
            by=intake,
        )
    services.assign_coordinator(adult, coordinator, by=intake)
    meeting_services.create_initiative(
        adult,
        kind="red_counselling",
        responsible=coordinator,
        due_on=dt.date(2026, 4, 1),
        by=coordinator,
    )
    referred = meeting_services.create_initiative(
        adult,
        kind="police_report",
        responsible=coordinator,
        due_on=dt.date(2026, 4, 1),
        by=coordinator,
    )
    meeting_services.update_initiative(referred, status="referred", by=coordinator)
    services.close_case(child, reason="no_grounds", note="", by=intake)
    plan = current_plan()

    initiatives = selectors.initiatives_used(YEAR, plan)
    cases = selectors.cases_by_state(YEAR)
    closed = selectors.closed_by_reason(YEAR)

    assert initiatives.count("red_counselling", "planned") == 1
    assert initiatives.count("police_report", "referred") == 1
    assert dict(initiatives.rows)["police_report"] == "Politianmeldelse"
    assert initiatives.grand_total() == 2
    assert cases.count("child", "closed") == 1
    assert cases.count("child", "received") == 1
    assert cases.count("adult", "in_progress") == 1
    assert cases.grand_total() == Case.objects.count()
    assert closed.count("no_grounds", "child") == 1
    assert closed.grand_total() == 1


def test_one_query_per_table_however_many_notifications():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            selectors.all_tables(YEAR, current_plan())
        return len(captured)

    assessed(received(at(2025, 5, 1)), 2)
    receipted(received(at(2025, 5, 2)), 2)
    few = queries()
    for day in range(1, 20):
        receipted(assessed(received(at(2025, 7, day), channel="email"), 3), 5)

    assert queries() == few


def test_the_row_export_is_a_generator_without_identifying_fields(mixed):
    rows = selectors.notification_rows(YEAR)

    assert iter(rows) is rows  # a generator: rows are read as they are written
    rows = list(rows)
    assert len(rows) == 5
    assert rows[1] == (
        "2025-04",
        "forced_marriage|social_control",
        "adult",
        "email",
        "citizen",
        "nej",
        "ikke relevant",  # a citizen gets a receipt only when asking for one at a safe way
        "adult",
        "received",
    )
    references = {n.reference for n in mixed}
    assert not any(value in references for row in rows for value in row)
    assert rows[-1][6] == "ikke relevant"  # anonymous: no receipt
    assert rows[-1][5] == "nej"  # not assessed, long after the deadline
