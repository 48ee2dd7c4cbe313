"""Routing a case on its track: the track when the age was unknown, a child's case handed to the
children's unit, an adult's case to the coordinator; assigning more staff."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import CaseAssignment, Handover
from beredskab.dates import format_datetime
from tests.factories import make_staff
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
CPH = ZoneInfo("Europe/Copenhagen")


def url(case, rest=""):
    return f"/medarbejder/sager/{case.notification.reference}/{rest}"


def assess(case, by):
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="Ingen trusler.",
        by=by,
    )
    case.refresh_from_db()
    return case


def test_modtagelsen_decides_the_track_when_the_age_was_unknown(staff_client):
    case = make_notification(age_group="unknown").case
    client = staff_client(roles.INTAKE)
    assert "Vælg spor" in client.get(url(case)).content.decode()

    missing = client.post(url(case, "spor/"), {})
    response = client.post(url(case, "spor/"), {"track": "adult"})

    assert missing.status_code == 400
    assert "Vælg, om personen er under eller over 18 år." in missing.content.decode()
    assert response.status_code == 302 and response["Location"] == url(case, "videregiv/")
    case.refresh_from_db()
    assert case.track == "adult"
    assert case.journal.filter(kind="routing", text__contains="Voksen").exists()


def test_a_child_case_is_handed_over_to_the_childrens_unit(staff_client):
    case = make_notification(age_group="child").case
    child_unit = make_staff("boern", roles.CHILDREN_UNIT, first_name="Bo", last_name="Berg")
    client = staff_client(roles.INTAKE)
    assess(case, client.user)
    form = client.get(url(case, "videregiv/")).content.decode()
    assert "Bo Berg" in form

    response = client.post(
        url(case, "videregiv/"),
        {
            "received_by": child_unit.pk,
            "received_by_name": "Bo Berg",
            "received_date": "02-01-2026",
            "received_time": "10:15",
            "method": "meeting",
            "note": "Gennemgået på møde.",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "routed"
    handover = Handover.objects.get(case=case)
    assert handover.received_by == child_unit and handover.method == "meeting"
    assert timezone.localtime(handover.received_at) == dt.datetime(2026, 1, 2, 10, 15, tzinfo=CPH)
    assert CaseAssignment.objects.filter(case=case, user=child_unit).exists()
    page = client.get(url(case)).content.decode()  # Modtagelsen can still read it
    assert "Overdraget til børneområdet" in page
    assert format_datetime(handover.received_at) in page  # "fre. 2. jan. 2026 kl. 10.15"


def test_a_handover_without_a_name_keeps_the_input(staff_client):
    case = make_notification(age_group="child").case
    client = staff_client(roles.INTAKE)
    assess(case, client.user)

    response = client.post(
        url(case, "videregiv/"),
        {
            "received_by_name": "",
            "received_date": "02-01-2026",
            "received_time": "10:15",
            "method": "phone",
            "note": "Ringet op",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg medarbejderen, eller skriv navnet på den, der tog imod sagen." in page
    assert "Ringet op" in page and 'value="02-01-2026"' in page
    assert not Handover.objects.exists()


def test_an_adult_case_goes_to_a_coordinator(staff_client):
    case = make_notification(age_group="adult").case
    coordinator = make_staff("tovholder", roles.COORDINATOR, first_name="Karin", last_name="Holm")
    not_a_coordinator = make_staff("anden", roles.CHILDREN_UNIT)
    client = staff_client(roles.INTAKE)
    assess(case, client.user)

    wrong = client.post(url(case, "videregiv/"), {"coordinator": not_a_coordinator.pk})
    response = client.post(url(case, "videregiv/"), {"coordinator": coordinator.pk})

    assert wrong.status_code == 400
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "routed" and case.coordinator == coordinator
    assert case.journal.filter(kind="coordinator", text__contains="Karin Holm").exists()


def test_routing_before_the_assessment_is_refused_with_the_rule(staff_client):
    case = make_notification(age_group="adult").case
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    client = staff_client(roles.INTAKE)

    response = client.post(url(case, "videregiv/"), {"coordinator": coordinator.pk})

    assert response.status_code == 400
    assert "Sagen skal være risikovurderet, før den videregives." in response.content.decode()
    case.refresh_from_db()
    assert case.state == "received" and case.coordinator is None


def test_staff_can_be_assigned_to_a_case(staff_client):
    case = make_notification().case
    colleague = make_staff("kollega", roles.CHILDREN_UNIT, first_name="Sara", last_name="Lund")
    press = make_staff("presse", roles.PRESS)
    client = staff_client(roles.INTAKE)

    reason = "Sara kender familien fra en tidligere sag."

    form = client.get(url(case, "tildel/")).content.decode()
    refused = client.post(url(case, "tildel/"), {"user": press.pk, "reason": reason})
    response = client.post(url(case, "tildel/"), {"user": colleague.pk, "reason": reason})

    assert "Sara Lund" in form and "Presse" not in form
    assert refused.status_code == 400
    assert response.status_code == 302
    assignment = CaseAssignment.objects.get(case=case, user=colleague)
    assert (assignment.assigned_by, assignment.reason) == (client.user, reason)
    assert case.journal.filter(text__contains="Tildelt: Sara Lund").exists()


def test_an_undecided_case_asks_for_the_track_before_routing(staff_client):
    case = make_notification(age_group="unknown").case
    client = staff_client(roles.INTAKE)
    assess(case, client.user)

    response = client.post(url(case, "videregiv/"), {"coordinator": "1"})

    assert response.status_code == 400
    assert "Vælg, om personen er under eller over 18 år." in response.content.decode()
    case.refresh_from_db()
    assert case.state == "assessed"


def test_a_handover_to_a_chosen_employee_needs_no_typed_name(staff_client):
    case = make_notification(age_group="child").case
    receiver = make_staff("bo", roles.CHILDREN_UNIT, first_name="Bo", last_name="Berg")
    client = staff_client(roles.INTAKE)
    assess(case, client.user)

    client.post(
        url(case, "videregiv/"),
        {
            "received_by": receiver.pk,
            "received_by_name": "",
            "received_date": "02-01-2026",
            "received_time": "10:15",
            "method": "meeting",
        },
    )

    assert Handover.objects.get().received_by_name == "Bo Berg"
