"""Modtagelsen registers notifications that came by phone, e-mail, letter or the police."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest

from beredskab.accounts import roles
from beredskab.intake.models import Notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/medarbejder/underretninger/registrer/"
CPH = ZoneInfo("Europe/Copenhagen")


def phone_call(**changes):
    data = {
        "submission_token": str(uuid.uuid4()),
        "channel_choice": "police",
        "received_date": "27-11-2026",
        "received_time": "19:30",
        "notifier_kind_choice": "authority",
        "notifier_name": "Vagthavende, Nordsjællands Politi",
        "notifier_address": "",
        "receipt_method": "",
        "age_group": "adult",
        "children_in_household": "yes",
        "children_details": "To børn, 3 og 6 år",
        "concern_types": ["honour_abuse"],
        "description": "Anmeldelse om vold i hjemmet begrundet med familiens ære.",
        "immediate_danger": "yes",
        "family_knows": "yes",
    }
    data.update(changes)
    return data


@pytest.fixture
def now(time_machine):
    moment = dt.datetime(2026, 11, 30, 9, 0, tzinfo=CPH)
    time_machine.move_to(moment, tick=False)
    return moment


def test_deadlines_run_from_the_actual_time_of_receipt(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(URL, phone_call())

    notification = Notification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/medarbejder/underretninger/{notification.reference}/"
    assert notification.channel == "police"
    assert notification.received_at == dt.datetime(2026, 11, 27, 19, 30, tzinfo=CPH)
    assert notification.assessment_due_at == dt.datetime(2026, 11, 28, 19, 30, tzinfo=CPH)
    assert notification.registered_by == client.user
    assert notification.receipt_method == "not_possible"  # no e-mail, address or phone given
    assert notification.children_in_household == "yes"


def test_receipt_by_letter_when_there_is_an_address(staff_client, now):
    client = staff_client(roles.INTAKE)

    client.post(URL, phone_call(notifier_address="Politigården, 3400 Hillerød"))

    assert Notification.objects.get().receipt_method == "letter"


def test_future_time_of_receipt_is_refused(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(URL, phone_call(received_date="01-12-2026"))

    assert response.status_code == 400
    assert "ligger i fremtiden" in response.content.decode()
    assert not Notification.objects.exists()


def test_only_modtagelsen_registers(staff_client):
    client = staff_client(roles.LEADER)

    assert client.get(URL).status_code == 403


def test_form_is_prefilled_with_now(staff_client, now):
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()

    assert 'value="30-11-2026"' in page
    assert 'value="09:00"' in page


def test_a_time_of_receipt_long_ago_is_refused_with_a_clear_message(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(URL, phone_call(received_date="01-01-0001"))

    assert response.status_code == 400
    assert "Modtagelsestidspunktet ligger mere end 5 år tilbage" in response.text
    assert not Notification.objects.exists()


def test_a_birth_date_before_anyone_living_is_refused(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(URL, phone_call(person_birth_date="01-01-0001"))

    assert response.status_code == 400
    assert "Fødselsdatoen ligger mere end 120 år tilbage" in response.text
    assert not Notification.objects.exists()


def test_a_5_mib_text_is_refused_and_the_rest_is_kept(staff_client, now):
    client = staff_client(roles.INTAKE)

    response = client.post(URL, phone_call(children_details="x" * 5 * 2**20))

    assert response.status_code == 400
    assert "Teksten må højst være 2000 tegn" in response.text
    assert "Anmeldelse om vold i hjemmet begrundet med familiens ære.</textarea>" in response.text
    assert not Notification.objects.exists()
