"""The code step of staff sign-in: a code from the authenticator app, or a backup code."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import code_for, post_password, wait_out_throttling, wrong_code_for
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

VERIFY = "/medarbejder/konto/totp/"


@pytest.fixture
def anne(client):
    """Anne has typed her password and is at the code step."""
    user = make_staff("anne", "modtagelsen")
    post_password(client, "anne")
    return user


def give_backup_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="reservekoder")
    for code in codes:
        device.token_set.create(token=code)
    return device


def test_code_step_needs_the_password_step_first(client):
    response = client.get(VERIFY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_code_page_asks_for_the_code(client, anne):
    response = client.get(VERIFY)

    assert response.status_code == 200
    assert "Tast koden fra din godkendelses-app" in response.text
    assert 'autocomplete="one-time-code"' in response.text


def test_right_code_verifies_the_session(client, anne):
    device = TOTPDevice.objects.get(user=anne)

    response = client.post(VERIFY, {"code": code_for(device)})

    assert response["Location"] == reverse("staff-home")
    assert client.get(reverse("staff-home")).status_code == 200


def test_code_may_be_typed_with_a_space(client, anne):
    code = code_for(TOTPDevice.objects.get(user=anne))

    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"})

    assert response["Location"] == reverse("staff-home")


def test_wrong_code_is_refused_and_says_how_many_tries_are_left(client, anne):
    device = TOTPDevice.objects.get(user=anne)

    response = client.post(VERIFY, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert "Koden er forkert" in response.text
    assert "Du har 4 forsøg tilbage" in response.text
    assert client.get(reverse("staff-home"))["Location"].startswith(VERIFY)


def test_a_code_cannot_be_used_twice(client, anne):
    code = code_for(TOTPDevice.objects.get(user=anne))
    client.post(VERIFY, {"code": code})
    client.post(reverse("accounts:logout"))
    post_password(client, "anne")

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert "Koden er forkert" in response.text


def test_five_wrong_codes_in_a_row_end_the_sign_in(client, anne):
    device = TOTPDevice.objects.get(user=anne)
    for _ in range(4):
        wait_out_throttling(anne)
        assert client.post(VERIFY, {"code": wrong_code_for(device)}).status_code == 200
    wait_out_throttling(anne)

    response = client.post(VERIFY, {"code": wrong_code_for(device)}, follow=True)

    assert response.redirect_chain[0][0] == reverse("accounts:login")
    assert "forkert kode for mange gange" in response.text
    assert "_auth_user_id" not in client.session
    # Starting again means the password again, and the device still holds back further guesses.
    assert client.get(VERIFY)["Location"].startswith(reverse("accounts:login"))
    device.refresh_from_db()
    assert device.throttling_failure_count == 5


def test_codes_are_throttled_after_a_wrong_one(client, anne, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = (
        60  # a minute instead of a second, so the test is not racing
    )
    device = TOTPDevice.objects.get(user=anne)
    client.post(VERIFY, {"code": wrong_code_for(device)})

    # Straight after a wrong code even the right one is not tried: django-otp makes us wait.
    response = client.post(VERIFY, {"code": code_for(device)})

    assert response.status_code == 200
    assert "Du har tastet forkert flere gange. Vent 60 sekunder" in response.text
    assert client.get(reverse("staff-home"))["Location"].startswith(VERIFY)
    # Waiting is not a wrong code: four tries are still left after waiting.
    wait_out_throttling(anne)
    response = client.post(VERIFY, {"code": wrong_code_for(device)})
    assert "Du har 3 forsøg tilbage" in response.text


def test_backup_code_signs_in_once(client, anne):
    give_backup_codes(anne, "a1b2c3d4", "e5f6g7h8")

    response = client.post(VERIFY, {"code": "A1B2 C3D4"})
    assert response["Location"] == reverse("staff-home")

    client.post(reverse("accounts:logout"))
    post_password(client, "anne")
    response = client.post(VERIFY, {"code": "a1b2c3d4"})
    assert response.status_code == 200
    assert "Den reservekode er allerede brugt" in response.text
    assert "Koden er forkert" not in response.text
    assert StaticDevice.objects.get(user=anne).token_set.count() == 1


def test_user_with_backup_codes_only_signs_in_with_one_then_sets_up_an_app(client):
    user = make_staff("bo", "leder", with_device=False)
    give_backup_codes(user, "k2m4n6p8")
    post_password(client, "bo")

    assert client.get(reverse("accounts:setup-2fa"))["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": "k2m4n6p8"})

    assert response["Location"] == reverse("accounts:setup-2fa")
    assert client.get(reverse("accounts:setup-2fa")).status_code == 200


def test_user_without_second_factor_is_sent_to_set_one_up(client):
    make_staff("bo", "leder", with_device=False)
    post_password(client, "bo")

    response = client.get(VERIFY + "?next=/medarbejder/")

    assert response["Location"] == reverse("accounts:setup-2fa") + "?next=%2Fmedarbejder%2F"


def test_unconfirmed_device_does_not_count(client):
    user = make_staff("bo", "leder", with_device=False)
    device = TOTPDevice.objects.create(user=user, name="halvt sat op", confirmed=False)
    post_password(client, "bo")

    response = client.post(VERIFY, {"code": code_for(device)})

    assert response["Location"] == reverse("accounts:setup-2fa")
    assert client.get(reverse("staff-home"))["Location"].startswith(VERIFY)
