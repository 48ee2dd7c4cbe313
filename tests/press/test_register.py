"""Anyone on the staff who gets a press call registers it in a minute, with the plan's guidance
beside the form."""

import datetime as dt

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.press.models import PressInquiry
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.press.helpers import CPH, NOW, URL, phone_call

pytestmark = pytest.mark.usefixtures("allerod_plan")
NEW = f"{URL}ny/"
CASE_HIDDEN = "Sagen findes ikke, eller du har ikke adgang til den."


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def test_an_intake_employee_registers_a_press_call_in_one_post(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(NEW, phone_call())

    inquiry = PressInquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}{inquiry.pk}/"
    assert inquiry.medium == "TV 2 Lorry"
    assert inquiry.journalist_name == "Journalist Jensen"
    assert inquiry.journalist_phone == "33 33 33 33"
    assert inquiry.journalist_email == "jensen@lorry.example"
    assert inquiry.deadline == dt.datetime(2026, 11, 30, 14, 0, tzinfo=CPH)
    assert inquiry.received_at == dt.datetime(2026, 11, 30, 9, 55, tzinfo=CPH)
    assert inquiry.received_by == client.user
    assert inquiry.created_by == client.user
    assert inquiry.status == "new"
    assert inquiry.case is None
    assert AuditEvent.objects.filter(action="press.register", object_id=str(inquiry.pk)).exists()

    page = client.get(response["Location"]).content.decode()
    assert f"Pressehenvendelsen er registreret som #{inquiry.pk}" in page
    assert "TV 2 Lorry" in page


@pytest.mark.parametrize("role", sorted(roles.ROLES))
def test_every_staff_role_may_register_a_press_call(staff_client, role, now):
    client = staff_client(role)

    assert client.get(NEW).status_code == 200
    assert client.post(NEW, phone_call()).status_code == 302


def test_signing_in_is_required(client):
    response = client.get(NEW)

    assert response.status_code == 302
    assert response["Location"].startswith("/medarbejder/konto/")


def test_the_form_shows_the_plans_press_guidance(staff_client, now):
    page = staff_client(roles.INTAKE).get(NEW).content.decode()

    assert "Kontakt din leder." in page
    assert "skal du ikke udtale dig" in page
    assert "direktøren på området eller socialchefen" in page
    assert "Oplys om tavshedspligt i konkrete personsager" in page
    assert "Jeg har tavshedspligt og kan ikke udtale mig om konkrete personsager" in page
    assert 'value="30-11-2026"' in page  # today's date is filled in
    assert 'value="10:00"' in page  # and the time the call came


def test_someone_without_an_account_can_be_named_as_the_receiver(staff_client, now):
    client = staff_client(roles.INTAKE)

    client.post(NEW, phone_call(received_by_name="  Lærer   Hansen, Lillerød Skole "))

    inquiry = PressInquiry.objects.get()
    assert inquiry.received_by is None
    assert inquiry.received_by_name == "Lærer Hansen, Lillerød Skole"
    assert inquiry.created_by == client.user


def test_the_form_keeps_what_was_typed_and_says_what_to_do(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(
        NEW, phone_call(journalist_name="", deadline_time="9.30", deadline_date="aften")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert PressInquiry.objects.count() == 0
    assert "Skriv journalistens navn." in page
    assert "Skriv datoen som dag-måned-år, fx 24-11-2026." in page
    assert 'value="TV 2 Lorry"' in page
    assert "Spørger til en elev" in page
    assert 'value="aften"' in page


def test_the_deadline_must_lie_in_the_future(staff_client, now):
    response = staff_client(roles.INTAKE).post(NEW, phone_call(deadline_time="09:30"))

    assert response.status_code == 400
    assert "Skriv journalistens frist, som ligger i fremtiden." in response.content.decode()
    assert PressInquiry.objects.count() == 0


def test_the_time_of_the_call_cannot_lie_in_the_future(staff_client, now):
    response = staff_client(roles.INTAKE).post(NEW, phone_call(received_time="11:00"))

    assert response.status_code == 400
    assert "Tidspunktet ligger i fremtiden." in response.content.decode()


def test_a_case_the_user_may_see_can_be_linked(staff_client, now):
    case = make_notification().case  # new cases are Modtagelsen's
    client = staff_client(roles.INTAKE)

    response = client.post(NEW, phone_call(case_reference=case.notification.reference.lower()))

    assert response.status_code == 302
    inquiry = PressInquiry.objects.get()
    assert inquiry.case == case
    event = AuditEvent.objects.get(action="press.register")
    assert event.detail == {"case": case.pk}


def test_a_hidden_case_and_a_missing_case_get_the_same_answer(staff_client, now):
    case = make_notification().case
    client = staff_client(roles.PRESS)  # the press contact has no access to cases

    hidden = client.post(NEW, phone_call(case_reference=case.notification.reference))
    missing = client.post(NEW, phone_call(case_reference="U-0000-0000"))

    assert hidden.status_code == missing.status_code == 400
    assert CASE_HIDDEN in hidden.content.decode()
    assert CASE_HIDDEN in missing.content.decode()
    assert PressInquiry.objects.count() == 0


def test_a_coordinator_cannot_link_someone_elses_case(client, now):
    from tests.factories import sign_in

    case = make_notification().case
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    sign_in(client, coordinator)

    response = client.post(NEW, phone_call(case_reference=case.notification.reference))

    assert response.status_code == 400
    assert CASE_HIDDEN in response.content.decode()


def test_the_press_team_is_told_at_once_without_names(staff_client, now):
    from beredskab.outbox.models import OutboundEmail

    make_staff("presse", roles.PRESS, email="presse@kommune.example")
    client = staff_client(roles.INTAKE)

    client.post(NEW, phone_call())

    email = OutboundEmail.objects.get(to="presse@kommune.example")
    inquiry = PressInquiry.objects.get()
    assert email.subject == f"Ny pressehenvendelse #{inquiry.pk}: svarfrist 30-11 14.00"
    assert "Jensen" not in email.subject + email.body
    assert "Lorry" not in email.subject + email.body
