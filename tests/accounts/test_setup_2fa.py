"""Setting up an authenticator app right after the password step, for users who have none."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import code_for, post_password, wrong_code_for
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

SETUP = "/medarbejder/konto/totp/opret/"


@pytest.fixture
def bo(client):
    """Bo has no second factor yet and has just typed his password."""
    user = make_staff("bo", "leder", with_device=False)
    post_password(client, "bo")
    return user


def shown_secret(response) -> str:
    match = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', response.text)
    assert match is not None
    return match.group(1)


def test_set_up_page_shows_the_key_in_groups_of_four_and_a_qr_code(client, bo):
    response = client.get(SETUP)

    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=bo, confirmed=False)
    secret = shown_secret(response)
    assert all(len(group) == 4 for group in secret.split(" "))
    assert b32decode(secret.replace(" ", "")) == device.bin_key
    svg = response.text[response.text.index("<svg") : response.text.index("</svg>")]
    assert "<path" in svg
    assert "style=" not in svg  # the CSP allows no inline styles
    assert "<script" not in response.text.split("</main>")[0]


def test_reloading_the_page_keeps_the_same_key(client, bo):
    first = shown_secret(client.get(SETUP))
    second = shown_secret(client.get(SETUP))

    assert first == second
    assert TOTPDevice.objects.filter(user=bo).count() == 1


def test_right_code_confirms_the_app_and_signs_in(client, bo):
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=bo)

    response = client.post(
        SETUP + "?next=/medarbejder/", {"code": code_for(device), "next": "/medarbejder/"}
    )

    assert response["Location"] == "/medarbejder/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("staff-home")).status_code == 200


def test_wrong_code_leaves_the_app_unconfirmed(client, bo):
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=bo)

    response = client.post(SETUP, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert "Koden er forkert" in response.text
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("staff-home"))["Location"].startswith(reverse("accounts:verify"))


def test_code_must_be_six_digits(client, bo):
    response = client.post(SETUP, {"code": "12345"})

    assert "Koden skal være 6 cifre" in response.text


def test_user_with_an_app_cannot_add_another_with_the_password_alone(client):
    # Otherwise a stolen password would be enough to set up the thief's own phone.
    make_staff("anne", "modtagelsen")
    post_password(client, "anne")

    response = client.get(SETUP)

    assert response["Location"] == reverse("accounts:verify")
    assert TOTPDevice.objects.filter(user__username="anne").count() == 1


def test_set_up_needs_the_password_step_first(client):
    response = client.get(SETUP)

    assert response["Location"].startswith(reverse("accounts:login"))
