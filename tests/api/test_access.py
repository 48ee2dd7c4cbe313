"""Who may use the API: a token of an active system account with the endpoint's role."""

import pytest
from django.urls import resolve
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from beredskab.accounts import roles
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
QUEUE = "/api/v1/notifications/queue/"


@pytest.fixture
def endpoints():
    reference = make_notification().reference
    return [
        ("post", "/api/v1/notifications/"),
        ("get", f"/api/v1/notifications/{reference}/"),
        ("get", "/api/v1/notifications/queue/"),
    ]


def test_without_a_token_every_endpoint_answers_401(endpoints):
    client = APIClient()
    for method, path in endpoints:
        response = getattr(client, method)(path, {}, format="json")
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert client.get(QUEUE).status_code == 401


def test_a_signed_in_browser_session_is_not_enough(staff_client):
    # The API takes tokens only: a session cookie would open it to cross-site requests.
    assert staff_client(roles.INTAKE).get(QUEUE).status_code == 401


def test_the_user_must_be_active(api_client):
    assert api_client(roles.INTAKE, is_active=False).get(QUEUE).status_code == 401


def test_a_system_account_without_a_role_is_refused(api_client):
    response = api_client().get(QUEUE)

    assert response.status_code == 403
    assert "detail" in response.json()


def test_requests_are_rate_limited(api_client, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "2/minute")
    client = api_client(roles.INTAKE)

    statuses = [client.get(QUEUE).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_every_view_says_who_may_use_it(endpoints):
    expected = {
        "/api/v1/notifications/": ("staff", frozenset({roles.INTAKE})),
        "/api/v1/notifications/queue/": ("staff", frozenset({roles.INTAKE, roles.LEADER})),
    }
    for _, path in endpoints:
        want = expected.get(path, ("staff", frozenset({roles.INTAKE, roles.LEADER})))
        assert resolve(path).func.access == want, path
    assert resolve("/api/schema/").func.access == "public"
    assert resolve("/api/docs/").func.access == "public"
