"""A meeting is held before its minutes and decisions are written; a case is put on an agenda by
its reference in any letter case, and the case page says so when it is on a coming meeting; an
initiative's responsible person can see the case."""

import datetime as dt

import pytest

from beredskab.accounts import roles
from beredskab.cases.services import CaseRuleError
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import AgendaItem, MeetingStatus
from tests.factories import make_staff, sign_in
from tests.meetings.helpers import BEFORE_THE_MEETINGS, CPH, meeting, routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")
BASE = "/medarbejder/indsatsgruppen/"
STARTS = dt.datetime(2030, 12, 3, 13, 0, tzinfo=CPH)


@pytest.fixture
def coordinator(time_machine):
    time_machine.move_to(dt.datetime(2030, 12, 1, 9, 0, tzinfo=CPH), tick=False)
    return make_staff("tovholder", roles.COORDINATOR)


def test_minutes_and_decisions_wait_for_the_meeting(client, coordinator, time_machine):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator, starts_at=STARTS, participants=[coordinator])
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    sign_in(client, coordinator)

    early = client.post(f"{BASE}{planned.pk}/referat/", {"minutes": "Drøftet."})
    with pytest.raises(CaseRuleError, match="Mødet begynder først"):
        meeting_services.record_decision(item, text="Tilbyd rådgivning", by=coordinator)

    assert early.status_code == 400
    assert "Mødet begynder først tirs. 3. dec. kl. 13.00" in early.content.decode()
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.PLANNED and planned.minutes == ""

    time_machine.move_to(STARTS + dt.timedelta(hours=1), tick=False)
    meeting_services.record_minutes(planned, minutes="Drøftet.", by=coordinator)
    meeting_services.record_decision(item, text="Tilbyd rådgivning", by=coordinator)
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.HELD


def test_a_reference_in_small_letters_finds_the_case(client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator, starts_at=STARTS, participants=[coordinator])
    sign_in(client, coordinator)

    client.post(
        f"{BASE}{planned.pk}/dagsorden/",
        {"reference": f" {case.notification.reference.lower()} "},
        follow=True,
    )

    assert AgendaItem.objects.filter(meeting=planned, case=case).exists()


def test_the_case_page_says_the_case_is_on_a_coming_meeting(client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator, starts_at=STARTS, participants=[coordinator])
    meeting_services.add_to_agenda(planned, case, by=coordinator)
    sign_in(client, coordinator)

    page = client.get(f"/medarbejder/sager/{case.notification.reference}/").content.decode()

    assert "Sagen er på dagsordenen for det planlagte møde tirs. 3. dec. kl. 13.00" in page
    assert "Der er ingen planlagte møder, sagen kan komme på." not in page


def test_an_initiative_goes_only_to_someone_who_can_see_the_case(client, coordinator):
    case = routed_adult_case(coordinator)
    stranger = make_staff("fremmed", roles.CHILDREN_UNIT, first_name="Frida")
    sign_in(client, coordinator)
    due = (BEFORE_THE_MEETINGS.date() + dt.timedelta(days=60)).strftime("%d-%m-%Y")

    with pytest.raises(CaseRuleError, match="har ikke adgang til sagen"):
        meeting_services.create_initiative(
            case,
            kind="counselling",
            responsible=stranger,
            due_on=STARTS.date(),
            by=coordinator,
        )
    response = client.post(
        f"{BASE}sag/{case.notification.reference}/indsats/ny/",
        {"kind": "counselling", "responsible": stranger.pk, "due_on": due},
    )

    assert response.status_code == 400
    assert not case.initiatives.exists()
