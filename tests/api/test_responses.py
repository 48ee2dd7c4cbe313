"""Every answer the API gives is in its schema: the status for that operation, the body's shape
(a named component), and the headers a client needs (`Retry-After`, `WWW-Authenticate`). A
client generated from the schema can then read errors as well as successes."""

import uuid

import pytest
from openapi_schema_validator import OAS30Validator
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from beredskab.accounts import roles
from beredskab.intake.models import Channel
from tests.api.test_register import police_report
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan", "now")

REGISTER = ("post", "/api/v1/notifications/")
READ = ("get", "/api/v1/notifications/{reference}/")
QUEUE = ("get", "/api/v1/notifications/queue/")


def documented(schema, operation, response):
    """Assert that the answer is documented for the operation and its body fits; return the
    documented response (to look at its headers)."""
    method, path = operation
    responses = schema["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} does not document {status}"
    documented_response = responses[status]
    body_schema = documented_response["content"]["application/json"]["schema"]
    # The body's schema with the components beside it, so that its $refs resolve.
    validator = OAS30Validator({**body_schema, "components": schema["components"]})
    errors = [error.message for error in validator.iter_errors(response.json())]
    assert errors == [], f"{method.upper()} {path} {status}: {errors}"
    return documented_response


def component(schema, documented_response):
    """The name of the component schema a documented body refers to."""
    ref = documented_response["content"]["application/json"]["schema"]["$ref"]
    return ref.removeprefix("#/components/schemas/")


def test_no_token_or_a_wrong_one_is_a_documented_401_that_names_the_scheme(schema):
    reference = make_notification().reference
    anonymous, wrong = APIClient(), APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token bk_" + "0" * 40)

    for client in (anonymous, wrong):
        for operation, response in [
            (REGISTER, client.post(REGISTER[1], police_report(), format="json")),
            (READ, client.get(f"/api/v1/notifications/{reference}/")),
            (QUEUE, client.get(QUEUE[1])),
        ]:
            assert response.status_code == 401
            answer = documented(schema, operation, response)
            assert component(schema, answer) == "Error"
            assert response["WWW-Authenticate"] == "Token"
            assert "WWW-Authenticate" in answer["headers"]


def test_an_account_without_the_role_gets_a_documented_403(schema, api_client):
    reference = make_notification().reference
    press = api_client(roles.PRESS)

    for operation, response in [
        (REGISTER, press.post(REGISTER[1], police_report(), format="json")),
        (READ, press.get(f"/api/v1/notifications/{reference}/")),
        (QUEUE, press.get(QUEUE[1])),
    ]:
        assert response.status_code == 403
        assert component(schema, documented(schema, operation, response)) == "Error"


def test_a_notification_out_of_sight_is_a_documented_404(schema, api_client):
    response = api_client(roles.INTAKE).get("/api/v1/notifications/U-0000-0000/")

    assert response.status_code == 404
    assert component(schema, documented(schema, READ, response)) == "Error"


def test_a_key_another_account_used_is_a_documented_409(schema, api_client):
    key = str(uuid.uuid4())
    api_client(roles.INTAKE, username="sbsys").post(
        REGISTER[1], police_report(), format="json", headers={"Idempotency-Key": key}
    )

    response = api_client(roles.INTAKE, username="politi").post(
        REGISTER[1], police_report(), format="json", headers={"Idempotency-Key": key}
    )

    assert response.status_code == 409
    assert component(schema, documented(schema, REGISTER, response)) == "Error"


def test_a_body_that_is_not_json_is_a_documented_415(schema, api_client):
    response = api_client(roles.INTAKE).post(REGISTER[1], {"channel": "police"}, format="multipart")

    assert response.status_code == 415
    assert component(schema, documented(schema, REGISTER, response)) == "Error"


def test_too_many_requests_is_a_documented_429_that_says_when_to_retry(
    schema, api_client, monkeypatch
):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "1/minute")
    client = api_client(roles.INTAKE)
    client.get(QUEUE[1])

    response = client.get(QUEUE[1])

    assert response.status_code == 429
    answer = documented(schema, QUEUE, response)
    assert component(schema, answer) == "Error"
    assert int(response["Retry-After"]) > 0
    assert answer["headers"]["Retry-After"]["schema"]["type"] == "integer"
    for method, path in (REGISTER, READ):
        assert "429" in schema["paths"][path][method]["responses"]


def test_field_errors_and_errors_of_the_whole_body_are_a_documented_400(schema, api_client):
    client = api_client(roles.INTAKE)

    fields = client.post(REGISTER[1], police_report(concern_types=["witchcraft"]), format="json")
    item = client.post(REGISTER[1], police_report(concern_types=["x" * 51]), format="json")
    whole = client.post(REGISTER[1], [police_report()], format="json")
    header = client.post(
        REGISTER[1], police_report(), format="json", headers={"Idempotency-Key": "attempt-1"}
    )
    broken = client.post(REGISTER[1], "{channel: police", content_type="application/json")
    filters = client.get(QUEUE[1], {"state": "late"})

    assert list(fields.json()) == ["concern_types"]
    assert item.json() == {"concern_types": ["Nr. 1: Teksten må højst være 50 tegn."]}
    assert list(whole.json()) == ["non_field_errors"]
    assert list(header.json()) == ["Idempotency-Key"]
    assert list(broken.json()) == ["detail"]
    for operation, response in [
        (REGISTER, fields),
        (REGISTER, item),
        (REGISTER, whole),
        (REGISTER, header),
        (REGISTER, broken),
        (QUEUE, filters),
    ]:
        assert response.status_code == 400
        documented(schema, operation, response)
    errors = schema["components"]["schemas"]["ValidationErrors"]
    assert errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    assert "non_field_errors" in errors["properties"]


def test_every_channel_reads_back_as_one_of_the_channel_enum(schema, api_client):
    client = api_client(roles.INTAKE)

    for channel in Channel:
        notification = make_notification(channel=channel)
        response = client.get(f"/api/v1/notifications/{notification.reference}/")
        assert response.json()["channel"] == channel
        documented(schema, READ, response)


def test_the_registrations_channels_are_an_enum_of_their_own(schema):
    components = schema["components"]["schemas"]
    read_back = {"$ref": "#/components/schemas/ChannelEnum"}

    assert components["ChannelEnum"]["enum"] == [channel.value for channel in Channel]
    assert components["RegistrationChannelEnum"]["enum"] == [
        "phone",
        "email",
        "letter",
        "police",
        "social_doegnvagt",
        "api",
    ]
    assert components["NotificationRegistration"]["properties"]["channel"]["allOf"] == [
        {"$ref": "#/components/schemas/RegistrationChannelEnum"}
    ]
    for name in ("NotificationSummary", "NotificationDetail", "QueueRow"):
        assert components[name]["properties"]["channel"]["allOf"] == [read_back], name
