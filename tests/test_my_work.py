""" "Mit arbejde": each person's start page shows their own open cases with the next deadline and
the next step (acute first), the initiatives they are responsible for and their meetings this
week; the leader also sees the team's load. Only cases the person has."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.meetings import services as meetings
from beredskab.meetings.selectors import initiative_label
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/medarbejder/"


def routed(intake, coordinator, **fields):
    case = make_notification(age_group="adult", **fields).case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    return case


@pytest.fixture
def day(db):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR, first_name="Karin")
    other = make_staff("tovholder2", roles.COORDINATOR, first_name="Ole")
    calm = routed(intake, coordinator, receipt_method="not_possible")
    acute = make_notification(age_group="adult", receipt_method="not_possible").case
    services.record_risk_assessment(
        acute,
        answers={},
        serious_violence="high",
        acute_risk="high",
        acute_action_needed=True,
        justification="x",
        by=intake,
    )
    services.assign_coordinator(acute, coordinator, by=intake)
    meetings.create_initiative(
        calm,
        kind="counselling",
        responsible=coordinator,
        due_on=timezone.localdate() - dt.timedelta(days=1),
        by=coordinator,
    )
    not_mine = routed(intake, other, receipt_method="not_possible")
    meeting = meetings.schedule_meeting(
        starts_at=timezone.now() + dt.timedelta(hours=1),
        location="Rådhuset, mødelokale 2",
        participants=[coordinator],
        by=coordinator,
    )
    meetings.add_to_agenda(meeting, calm, by=coordinator)
    return intake, coordinator, calm, acute, not_mine


def test_the_coordinator_sees_their_cases_acute_first_with_next_steps(client, day):
    _intake, coordinator, calm, acute, not_mine = day
    sign_in(client, coordinator)

    page = client.get(URL).content.decode()

    assert "<h1>Mit arbejde</h1>" in page
    assert page.index(acute.notification.reference) < page.index(calm.notification.reference)
    assert not_mine.notification.reference not in page
    assert "Sæt sagen på Indsatsgruppens dagsorden" in page  # the acute case, not yet on one
    assert f"Følg op på indsats: {initiative_label('counselling')}" in page
    assert "Overskredet" in page  # the initiative due yesterday
    assert "Rådhuset, mødelokale 2" in page and "1 sag på dagsordenen" in page
    event = AuditEvent.objects.get(action="staff.my_work_view")
    assert sorted(event.detail["cases"]) == sorted(
        [calm.notification.reference, acute.notification.reference]
    )


def test_modtagelsen_sees_what_is_to_be_assessed(client, day):
    intake = day[0]
    waiting = make_notification(age_group="child")
    sign_in(client, intake)

    page = client.get(URL).content.decode()

    assert waiting.reference in page and "Risikovurdér" in page


def test_the_leader_sees_the_teams_load(client, day):
    sign_in(client, make_staff("leder", roles.LEADER))

    page = client.get(URL).content.decode()

    assert "Teamets belastning" in page
    karin = page[page.index("Karin") :]
    assert "<td>2</td><td>1</td><td><strong>1</strong></td>" in karin.replace("\n", "")


def test_staff_without_cases_get_no_case_lists(client, day):
    sign_in(client, make_staff("presse", roles.PRESS))

    page = client.get(URL).content.decode()

    assert "Mine sager" not in page and "Teamets belastning" not in page
