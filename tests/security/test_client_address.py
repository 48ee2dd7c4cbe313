"""Behind the municipality's proxy every request comes from the proxy's address: rate limits, the
sign-in lockout and the audit trail must see the client behind it (BEREDSKAB_TRUSTED_PROXIES), and
must not believe an X-Forwarded-For header that someone else wrote."""

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.intake.models import Notification
from tests.factories import make_staff
from tests.intake.helpers import VALID_PROFESSIONAL, form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")

PROXY = "10.0.0.2"
CITIZEN_FORM = "/underret/borger/"
PROFESSIONAL_FORM = "/underret/fagperson/"
LOGIN = "/medarbejder/konto/log-ind/"


@pytest.fixture
def behind_proxy(settings):
    settings.BEREDSKAB_TRUSTED_PROXIES = ["10.0.0.0/24"]


def via_proxy(client_address, forwarded=None):
    """What the proxy sends us for a client: it appends the address it was connected from."""
    chain = f"{forwarded}, {client_address}" if forwarded else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def test_a_flood_from_one_citizen_does_not_block_another_behind_the_same_proxy(
    client, behind_proxy
):
    for _ in range(30):
        client.post(CITIZEN_FORM, {"description": "junk"}, **via_proxy("198.51.100.7"))
    assert client.post(CITIZEN_FORM, {}, **via_proxy("198.51.100.7")).status_code == 429

    response = client.post(CITIZEN_FORM, {}, **via_proxy("203.0.113.50"))

    assert response.status_code == 400  # the form's own errors: not refused


def test_a_client_cannot_escape_its_bucket_by_writing_x_forwarded_for(client, behind_proxy):
    for n in range(30):
        client.post(CITIZEN_FORM, {}, **via_proxy("198.51.100.7", forwarded=f"192.0.2.{n}"))

    response = client.post(CITIZEN_FORM, {}, **via_proxy("198.51.100.7", forwarded="192.0.2.99"))

    assert response.status_code == 429


def test_x_forwarded_for_from_an_untrusted_address_is_ignored(client, behind_proxy):
    for n in range(30):
        client.post(
            CITIZEN_FORM, {}, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )

    response = client.post(
        CITIZEN_FORM, {}, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.200"
    )

    assert response.status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client):
    for n in range(30):
        client.post(CITIZEN_FORM, {}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    assert client.post(CITIZEN_FORM, {}, HTTP_X_FORWARDED_FOR="192.0.2.201").status_code == 429


def test_each_form_has_its_own_bucket(client):
    for _ in range(31):
        client.post(CITIZEN_FORM, {})

    response = client.post(PROFESSIONAL_FORM, form_data(VALID_PROFESSIONAL))

    assert response.status_code == 200
    assert Notification.objects.count() == 1


def test_the_audit_trail_records_the_client_not_the_proxy(client, behind_proxy):
    client.post(PROFESSIONAL_FORM, form_data(VALID_PROFESSIONAL), **via_proxy("198.51.100.7"))

    event = AuditEvent.objects.get(action="notification.create")
    assert event.ip == "198.51.100.7"


def test_sign_in_flood_from_one_employee_does_not_block_a_colleague(client, behind_proxy):
    make_staff("anne", "modtagelsen")
    for n in range(31):
        client.post(LOGIN, {"username": f"u{n}", "password": "x"}, **via_proxy("10.20.0.5"))

    response = client.post(
        LOGIN,
        {"username": "anne", "password": "correct-horse-battery-staple"},
        **via_proxy("10.20.0.6"),
    )

    assert response.status_code == 302


def test_sign_in_lockout_is_for_the_client_not_for_everyone_behind_the_proxy(client, behind_proxy):
    make_staff("anne", "modtagelsen")
    for _ in range(5):
        client.post(LOGIN, {"username": "anne", "password": "wrong"}, **via_proxy("10.20.0.5"))
    locked = client.post(
        LOGIN,
        {"username": "anne", "password": "correct-horse-battery-staple"},
        **via_proxy("10.20.0.5"),
    )
    assert locked.status_code != 302

    response = client.post(
        LOGIN,
        {"username": "anne", "password": "correct-horse-battery-staple"},
        **via_proxy("10.20.0.6"),
    )

    assert response.status_code == 302


def test_sign_in_has_a_bucket_per_user_name_from_any_address(client):
    for n in range(20):
        client.post(
            LOGIN, {"username": "Anne", "password": f"guess{n}"}, REMOTE_ADDR=f"192.0.2.{n}"
        )

    response = client.post(
        LOGIN, {"username": "anne", "password": "guess"}, REMOTE_ADDR="192.0.2.250"
    )
    other = client.post(LOGIN, {"username": "bo", "password": "x"}, REMOTE_ADDR="192.0.2.251")

    assert response.status_code == 429
    assert other.status_code == 200
