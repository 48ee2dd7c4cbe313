"""An inquiry's page: the press team and the one who registered it may see it; the case it is
about is shown only to those who may see the case, and every look at it is audited."""

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services as case_services
from beredskab.cases.services import FactorInput
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification
from tests.press.helpers import make_inquiry, url

pytestmark = pytest.mark.usefixtures("allerod_plan")
HIDDEN = "Knyttet til en sag, du ikke har adgang til"


@pytest.fixture
def intake(db):
    return make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtager")


@pytest.fixture
def case(db):
    return make_notification().case


def views_of(inquiry):
    return AuditEvent.objects.filter(action="press.view", object_id=str(inquiry.pk))


@pytest.mark.parametrize("role", [roles.PRESS, roles.LEADER])
def test_the_press_team_sees_any_inquiry(staff_client, intake, role):
    inquiry = make_inquiry(intake, medium="Frederiksborg Amts Avis")

    page = staff_client(role).get(url(inquiry)).content.decode()

    assert "Frederiksborg Amts Avis" in page
    assert "Journalist Jensen" in page and "33 33 33 33" in page
    assert "Mette Modtager" in page
    assert f'href="{url(inquiry, "rediger/")}"' in page


def test_the_one_who_registered_it_sees_it_without_the_edit_link(client, intake):
    inquiry = make_inquiry(intake)
    sign_in(client, intake)

    page = client.get(url(inquiry)).content.decode()

    assert "Journalist Jensen" in page
    assert "rediger/" not in page
    assert "Kontakt din leder." in page  # the guidance, again


def test_other_staff_are_refused(staff_client, intake):
    inquiry = make_inquiry(intake)

    response = staff_client(roles.INTAKE, username="kollega").get(url(inquiry))

    assert response.status_code == 403
    assert "Journalist Jensen" not in response.content.decode()


def test_a_missing_inquiry_is_not_found(staff_client):
    assert staff_client(roles.PRESS).get("/medarbejder/presse/999/").status_code == 404


def test_the_case_is_shown_to_those_who_may_see_it(staff_client, intake, case):
    inquiry = make_inquiry(intake, case=case)
    reference = case.notification.reference

    page = staff_client(roles.LEADER).get(url(inquiry)).content.decode()

    assert f'href="/medarbejder/sager/{reference}/"' in page
    assert HIDDEN not in page


def test_the_case_is_hidden_from_the_press_contact_without_access(staff_client, intake, case):
    inquiry = make_inquiry(intake, case=case)
    reference = case.notification.reference
    client = staff_client(roles.PRESS)

    detail = client.get(url(inquiry)).content.decode()
    edit = client.get(url(inquiry, "rediger/")).content.decode()

    for page in (detail, edit):
        assert HIDDEN in page
        assert reference not in page


def test_the_registering_user_loses_sight_of_the_case_when_it_moves_on(client, intake, case):
    inquiry = make_inquiry(intake, case=case)
    reference = case.notification.reference
    sign_in(client, intake)
    assert f'href="/medarbejder/sager/{reference}/"' in client.get(url(inquiry)).content.decode()

    case_services.record_risk_assessment(
        case,
        answers={"own_fear": FactorInput("present", note="")},
        serious_violence="medium",
        acute_risk="low",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=intake,
    )
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case_services.assign_coordinator(case, coordinator, by=intake)  # the adult case leaves intake

    page = client.get(url(inquiry)).content.decode()

    assert HIDDEN in page
    assert reference not in page


def test_every_look_at_an_inquiry_about_a_case_is_audited(staff_client, intake, case):
    about_case = make_inquiry(intake, case=case)
    general = make_inquiry(intake)
    client = staff_client(roles.PRESS)

    client.get(url(about_case))
    client.get(url(about_case, "rediger/"))
    client.get(url(general))

    events = views_of(about_case)
    assert events.count() == 2
    assert {e.actor_id for e in events} == {client.user.pk}
    assert events.first().object_type == "press.pressinquiry"
    assert events.first().detail == {"case_shown": False}
    assert not views_of(general).exists()
