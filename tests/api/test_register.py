"""Another system registers a notification it received: deadlines from its time of receipt."""

import datetime as dt
import uuid

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.intake.models import Notification
from tests.api.conftest import CPH

pytestmark = pytest.mark.usefixtures("allerod_plan", "now")
URL = "/api/v1/notifications/"


def police_report(**changes):
    body = {
        "channel": "police",
        "received_at": "2026-11-27T19:30:00+01:00",
        "notifier_kind": "authority",
        "notifier_name": "Vagthavende, Nordsjællands Politi",
        "notifier_email": "vagt@politi.example",
        "age_group": "adult",
        "children_in_household": "yes",
        "children_details": "To børn, 3 og 6 år",
        "concern_types": ["honour_abuse"],
        "description": "Anmeldelse om vold i hjemmet begrundet med familiens ære.",
        "immediate_danger": True,
        "family_knows": "yes",
    }
    body.update(changes)
    return body


def test_deadlines_run_from_the_time_of_receipt(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(), format="json")

    assert response.status_code == 201
    body = response.json()
    notification = Notification.objects.get()
    assert body["reference"] == notification.reference
    assert response["Location"].endswith(f"/api/v1/notifications/{notification.reference}/")
    assert body["channel"] == "police"
    assert body["received_at"] == "2026-11-27T19:30:00+01:00"
    assert body["deadlines"] == {
        "assessment_due_at": "2026-11-28T19:30:00+01:00",
        "assessed_at": None,
        "receipt_due_at": "2026-12-08T00:00:00+01:00",  # end of the 6th working day after
        "receipt_sent_at": None,
        "receipt_method": "email",
    }
    assert body["track"] == "adult"
    assert body["state"] == "received"
    assert body["age_group"] == "adult"
    assert body["concern_types"] == ["honour_abuse"]
    assert body["immediate_danger"] is True
    assert notification.registered_by == client.user
    assert notification.received_at == dt.datetime(2026, 11, 27, 19, 30, tzinfo=CPH)
    assert AuditEvent.objects.filter(action="notification.create").count() == 1


def test_cpr_number_decides_the_track_and_is_never_returned(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(
        URL, police_report(person_cpr="241210-4321", age_group=""), format="json"
    )

    assert response.status_code == 201
    assert response.json()["track"] == "child"
    assert response.json()["age_group"] == "child"
    assert "4321" not in response.content.decode()
    assert Notification.objects.get().person_cpr == "2412104321"


def test_the_same_idempotency_key_registers_once(api_client):
    client = api_client(roles.INTAKE)
    key = str(uuid.uuid4())

    first = client.post(URL, police_report(), format="json", headers={"Idempotency-Key": key})
    again = client.post(URL, police_report(), format="json", headers={"Idempotency-Key": key})

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Notification.objects.count() == 1


def test_without_a_key_each_request_registers(api_client):
    client = api_client(roles.INTAKE)

    client.post(URL, police_report(), format="json")
    client.post(URL, police_report(), format="json")

    assert Notification.objects.count() == 2


def test_an_idempotency_key_must_be_a_uuid(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(
        URL, police_report(), format="json", headers={"Idempotency-Key": "attempt-1"}
    )

    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert not Notification.objects.exists()


def test_another_users_key_is_a_conflict(api_client):
    key = str(uuid.uuid4())
    api_client(roles.INTAKE, username="fagsystem").post(
        URL, police_report(), format="json", headers={"Idempotency-Key": key}
    )

    response = api_client(roles.INTAKE, username="andet").post(
        URL, police_report(), format="json", headers={"Idempotency-Key": key}
    )

    assert response.status_code == 409
    assert "reference" not in response.json()


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"concern_types": ["witchcraft"]}, "concern_types", "witchcraft"),
        ({"concern_types": []}, "concern_types", "bekymring"),
        ({"concern_types": ["honour_abuse", ""]}, "concern_types", "Nr. 2: "),
        ({"person_cpr": "310299-1234"}, "person_cpr", "CPR-nummeret er ikke gyldigt"),
        ({"person_cpr": "12345"}, "person_cpr", "10 cifre"),
        ({"description": ""}, "description", "Beskriv hvad der er sket"),
        ({"description": None}, "description", ""),
        ({"received_at": "2026-11-30T12:10:00+01:00"}, "received_at", "fremtiden"),
        ({"received_at": "2026-11-27T19:30:00"}, "received_at", "tidszone"),
        ({"received_at": "i går"}, "received_at", ""),
        ({"channel": "web_citizen"}, "channel", "webformular"),
        ({"age_group": ""}, "age_group", "person_cpr"),
        ({"receipt_method": "email", "notifier_email": ""}, "notifier_email", "e-mail"),
        ({"person_birth_date": "2027-01-01"}, "person_birth_date", "fremtiden"),
    ],
)
def test_validation_errors_name_the_field_and_why(api_client, changes, field, says):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(**changes), format="json")

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert says in errors[field][0]
    assert not Notification.objects.exists()


def test_missing_fields_are_each_named(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {
        "channel",
        "received_at",
        "notifier_kind",
        "concern_types",
        "description",
        "immediate_danger",
    }


def test_received_a_few_minutes_ahead_of_our_clock_is_accepted(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(
        URL, police_report(received_at="2026-11-30T12:04:00+01:00"), format="json"
    )

    assert response.status_code == 201


def test_a_body_that_is_not_json_is_a_json_error(api_client):
    client = api_client(roles.INTAKE)

    broken = client.post(URL, "{channel: police", content_type="application/json")
    form = client.post(URL, {"channel": "police"}, format="multipart")

    assert broken.status_code == 400
    assert broken["Content-Type"] == "application/json"
    assert "detail" in broken.json()
    assert form.status_code == 415
    assert "detail" in form.json()


def test_only_modtagelsen_registers(api_client):
    response = api_client(roles.LEADER).post(URL, police_report(), format="json")

    assert response.status_code == 403
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "field", ["children_details", "notifier_actions", "description", "person_name"]
)
def test_a_5_mib_text_is_a_clear_400_and_nothing_is_saved(api_client, field):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(**{field: "x" * 5 * 2**20}), format="json")

    assert response.status_code == 400
    [message] = response.json()[field]
    assert message.startswith("Teksten må højst være") and message.endswith("tegn.")
    assert not Notification.objects.exists()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+00:00", "2021-11-01T12:00:00+01:00"])
def test_a_time_of_receipt_long_ago_is_a_clear_400(api_client, moment):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(received_at=moment), format="json")

    assert response.status_code == 400
    assert response.json()["received_at"] == [
        "Modtagelsestidspunktet ligger mere end 5 år tilbage. Tjek året."
    ]
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("moment", "says"),
    [
        ("2999-01-01T00:00:00+01:00", "Modtagelsestidspunktet ligger i fremtiden."),
        ("9999-12-31T23:59:59-12:00", "Tidspunktet findes ikke i kalenderen. Tjek året."),
        ("0001-01-01T00:00:00+14:00", "Tidspunktet findes ikke i kalenderen. Tjek året."),
    ],
)
def test_a_time_of_receipt_far_in_the_future_or_off_the_calendar_is_a_clear_400(
    api_client, moment, says
):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(received_at=moment), format="json")

    assert response.status_code == 400
    assert response.json()["received_at"] == [says]


def test_a_birth_date_before_anyone_living_is_a_clear_400(api_client):
    client = api_client(roles.INTAKE)

    response = client.post(URL, police_report(person_birth_date="0001-01-01"), format="json")

    assert response.status_code == 400
    assert response.json()["person_birth_date"] == [
        "Fødselsdatoen ligger mere end 120 år tilbage. Tjek året."
    ]
