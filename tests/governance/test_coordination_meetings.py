"""Coordination meetings (about twice a year) and their generated status report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from beredskab.governance.models import CoordinationMeeting
from beredskab.governance.reports import status_report
from beredskab.intake.models import Notification, NotificationConcern
from beredskab.meetings.models import Initiative, InitiativeStatus
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.usefixtures("allerod_plan")

CPH = ZoneInfo("Europe/Copenhagen")
PREVIOUS = dt.datetime(2025, 3, 3, 10, 0, tzinfo=CPH)
MEETING = dt.datetime(2025, 9, 1, 10, 0, tzinfo=CPH)


def at(month, day, hour=9):
    return dt.datetime(2025, month, day, hour, 0, tzinfo=CPH)


def meeting(starts_at, user):
    return CoordinationMeeting.objects.create(
        starts_at=starts_at, participants="Borgerservice", created_by=user
    )


def initiative(case, user, *, kind, created, status=InitiativeStatus.PLANNED, updated=None):
    return Initiative.objects.create(
        case=case,
        kind=kind,
        responsible=user,
        due_on=created.date() + dt.timedelta(days=14),
        status=status,
        created_at=created,
        updated_at=updated or created,
    )


@pytest.fixture
def half_year(db):
    """Two meetings and what happened before, between and after them."""
    leader = make_staff("chef", roles.LEADER)
    meeting(PREVIOUS, leader)
    this = meeting(MEETING, leader)

    make_notification(received_at=at(2, 3))  # before the period
    on_time = make_notification(received_at=at(4, 7), age_group="adult")
    late = make_notification(
        received_at=at(5, 5),
        age_group="child",
        channel="email",
        concern_types=["stay_abroad", "forced_marriage"],
    )
    never = make_notification(
        received_at=at(6, 2), age_group="adult", channel="police", concern_types=["honour_abuse"]
    )
    make_notification(received_at=at(9, 1, hour=8))  # just before the meeting: not yet due
    make_notification(received_at=at(9, 2))  # after the meeting

    Notification.objects.filter(pk=on_time.pk).update(
        assessed_at=on_time.assessment_due_at - dt.timedelta(hours=1),
        receipt_sent_at=on_time.received_at + dt.timedelta(days=1),
    )
    Notification.objects.filter(pk=late.pk).update(
        assessed_at=late.assessment_due_at + dt.timedelta(hours=3)
    )
    assert never.assessed_at is None

    initiative(on_time.case, leader, kind="police_report", created=at(4, 10))
    initiative(
        never.case,
        leader,
        kind="red_safehouse",
        created=at(6, 5),
        status=InitiativeStatus.COMPLETED,
        updated=at(8, 1),
    )
    initiative(on_time.case, leader, kind="police_report", created=at(9, 5))  # after
    return this


def direct_counts(start, end):
    """The same numbers, counted one notification at a time."""
    received = list(Notification.objects.filter(received_at__gte=start, received_at__lt=end))
    assessment = {"met": 0, "missed": 0, "pending": 0}
    receipt = {"met": 0, "missed": 0, "pending": 0}
    for n in received:
        for counts, done, due in (
            (assessment, n.assessed_at, n.assessment_due_at),
            (receipt, n.receipt_sent_at, n.receipt_due_at),
        ):
            if due is None:
                continue
            if done is not None and done <= due:
                counts["met"] += 1
            elif done is not None or due <= end:
                counts["missed"] += 1
            else:
                counts["pending"] += 1
    return received, assessment, receipt


def test_the_report_counts_what_happened_since_the_previous_meeting(half_year):
    report = status_report(half_year, now=MEETING + dt.timedelta(days=30))
    received, assessment, receipt = direct_counts(PREVIOUS, MEETING)

    assert report.period_start == PREVIOUS and report.period_end == MEETING
    assert report.since_previous_meeting
    assert report.notifications == len(received) == 4
    concerns = {row.key: row.count for row in report.by_concern}
    for key in ("social_control", "honour_abuse", "forced_marriage", "stay_abroad"):
        expected = NotificationConcern.objects.filter(
            notification__in=received, concern_type=key
        ).count()
        assert concerns[key] == expected
    assert {r.key: r.count for r in report.by_age_group} == {"child": 1, "adult": 3, "unknown": 0}
    tracks = {r.key: r.count for r in report.by_track}
    assert tracks["child"] == Case.objects.filter(notification__in=received, track="child").count()
    channels = {r.key: r.count for r in report.by_channel}
    assert (channels["phone"], channels["email"], channels["police"]) == (2, 1, 1)
    assert report.assessment.met == assessment["met"] == 1
    assert report.assessment.missed == assessment["missed"] == 2
    assert report.assessment.pending == assessment["pending"] == 1
    assert report.assessment.share_met == 33
    assert (report.receipt.met, report.receipt.missed, report.receipt.pending) == (
        receipt["met"],
        receipt["missed"],
        receipt["pending"],
    )
    cases = {r.key: r.count for r in report.cases_by_state}
    assert sum(cases.values()) == 4
    assert {r.key: r.count for r in report.initiatives_created} == {
        "police_report": 1,
        "red_safehouse": 1,
    }
    assert {r.key: r.count for r in report.initiatives_completed} == {"red_safehouse": 1}
    assert report.revision.next_revision == dt.date(2028, 4, 1)


def test_the_first_meeting_counts_from_the_plans_effective_date(half_year):
    first = CoordinationMeeting.objects.order_by("starts_at").first()

    report = status_report(first)

    assert timezone.localtime(report.period_start).date() == dt.date(2024, 4, 1)
    assert not report.since_previous_meeting
    assert report.notifications == 1  # received 3 February 2025


def test_press_inquiries_are_counted_when_the_press_log_exists(half_year):
    report = status_report(half_year)

    try:
        from beredskab.press.models import PressInquiry  # noqa: F401
    except ImportError:
        assert report.press_inquiries is None  # shown as "–"
    else:
        assert report.press_inquiries == 0


def test_the_report_page_shows_the_numbers(staff_client, half_year):
    response = staff_client(roles.LEADER).get(
        reverse("governance:meeting-report", args=[half_year.pk])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Statusrapport til koordineringsmødet 1. september 2025" in page
    assert "Vurdering inden for 24 timer" in page
    assert "33 %" in page
    assert "1. april 2028" in page


def test_the_pdf_is_a_pdf_and_its_printing_is_logged(staff_client, half_year):
    client = staff_client(roles.PLAN_ADMIN)

    response = client.get(reverse("governance:meeting-report-pdf", args=[half_year.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="governance.report_pdf")
    assert event.object_id == str(half_year.pk)
    assert_accessible_pdf(
        response.content,
        title="Statusrapport til koordineringsmødet 1. september 2025",
        lang="da",
        tagged=("/H1", "/H2", "/Table", "/TH", "/TD"),
    )


def test_small_counts_leave_the_system_as_under_five(half_year):
    report = status_report(half_year, now=MEETING)

    printed = render_to_string("governance/_report_body.html", {"report": report, "suppress": True})
    shown = render_to_string("governance/_report_body.html", {"report": report, "suppress": False})

    assert "Modtaget i perioden: <strong>&lt;5</strong>" in " ".join(printed.split())
    assert "Modtaget i perioden: <strong>4</strong>" in " ".join(shown.split())
    assert "Andel overholdt" not in printed


def test_a_hidden_count_cannot_be_worked_out_from_the_total(db):
    leader = make_staff("chef", roles.LEADER)
    this = meeting(MEETING, leader)
    for day in range(1, 7):
        make_notification(received_at=at(5, day), channel="phone")
    make_notification(received_at=at(6, 2), channel="email")

    channels = status_report(this).by_channel
    printed = {row.key: row.printed for row in channels}

    assert channels.total == 7 and channels.printed_total == "7"
    assert printed["email"] == "<5"
    assert printed["phone"] == "x"  # else 7 - 6 would give the hidden 1 back
    assert printed["letter"] == "0"


def test_scheduling_a_meeting(staff_client):
    client = staff_client(roles.LEADER)
    day = timezone.localdate() + dt.timedelta(days=40)

    response = client.post(
        reverse("governance:meetings"),
        {
            "day": day.strftime("%d-%m-%Y"),
            "time": "13:00",
            "participants": "Borgerservice: A\nSkole & Dagtilbud: B\nÆldre & Sundhed: C",
            "notes": "",
        },
    )

    assert response.status_code == 302
    meeting = CoordinationMeeting.objects.get()
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 13, 0)
    assert str(local.tzinfo) == "Europe/Copenhagen"
    assert meeting.created_by == client.user
    assert AuditEvent.objects.filter(action="governance.meeting_schedule").exists()


def test_a_meeting_needs_a_date_and_participants(staff_client):
    response = staff_client(roles.PLAN_ADMIN).post(
        reverse("governance:meetings"), {"day": "", "time": "13:00", "participants": ""}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv mødets dato." in page and "Skriv, hvem der deltager." in page
    assert not CoordinationMeeting.objects.exists()


def test_warns_when_fewer_meetings_are_planned_than_the_plan_says(staff_client):
    client = staff_client(roles.PLAN_ADMIN)
    url = reverse("governance:meetings")
    now = timezone.now()

    assert "færre møder" in client.get(url).content.decode()  # none planned, the plan says 2

    for days in (60, 240):
        meeting(now + dt.timedelta(days=days), client.user)
    page = client.get(url).content.decode()

    assert "færre møder" not in page
    assert "2 møder er planlagt i de kommende 12 måneder" in page
