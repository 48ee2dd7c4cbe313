"""The password step of staff sign-in, and the whole two-step sign-in through it."""

import logging

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import code_for, post_password
from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/medarbejder/konto/log-ind/"


def test_login_page_asks_for_user_name_and_password_in_danish(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert "Log ind som medarbejder" in response.text
    assert 'name="username"' in response.text
    assert 'name="password"' in response.text
    assert "no-store" in response["Cache-Control"]
    assert "Log ind med kommunens login" not in response.text  # single sign-on is not set up


def test_password_then_code_signs_in(client):
    user = make_staff("anne", "modtagelsen")
    device = TOTPDevice.objects.get(user=user)

    response = post_password(client, "anne")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")

    response = client.post(reverse("accounts:verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff-home")

    response = client.get(reverse("staff-home"))
    assert response.status_code == 200
    assert "Velkommen, Anne" in response.text


def test_password_alone_does_not_reach_the_staff_pages(client):
    make_staff("anne", "modtagelsen")
    post_password(client, "anne")

    response = client.get(reverse("staff-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))


def test_user_without_second_factor_is_sent_to_set_one_up(client):
    make_staff("bo", "leder", with_device=False)

    response = post_password(client, "bo")

    assert response["Location"] == reverse("accounts:setup-2fa")
    # …and cannot skip it: the staff pages send him to the code step, which sends him back.
    response = client.get(reverse("staff-home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:setup-2fa"))
    assert "Sæt din godkendelses-app op" in response.text


def test_wrong_password_keeps_the_user_name_and_says_what_to_do(client):
    make_staff("anne", "modtagelsen")

    response = post_password(client, "anne", "not-the-password")

    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.text
    assert 'value="anne"' in response.text
    assert "not-the-password" not in response.text
    assert "_auth_user_id" not in client.session


def test_next_is_kept_through_both_steps(client):
    user = make_staff("anne", "modtagelsen")
    device = TOTPDevice.objects.get(user=user)
    wanted = reverse("staff-home") + "?fane=2"

    response = client.get(wanted)
    assert response["Location"] == f"{LOGIN}?next=%2Fmedarbejder%2F%3Ffane%3D2"
    assert f'value="{wanted}"' in client.get(response["Location"]).text

    response = post_password(client, "anne", next_url=wanted)
    assert response["Location"] == f"{reverse('accounts:verify')}?next=%2Fmedarbejder%2F%3Ffane%3D2"

    response = client.post(response["Location"], {"code": code_for(device), "next": wanted})
    assert response["Location"] == wanted


@pytest.mark.parametrize(
    "evil",
    [
        "https://evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
        "/medarbejder/konto/log-ud/",
    ],
)
def test_next_to_another_site_is_refused(client, evil):
    user = make_staff("anne", "modtagelsen")
    device = TOTPDevice.objects.get(user=user)

    response = post_password(client, "anne", next_url=evil)
    assert response["Location"] == reverse("accounts:verify")

    response = client.post(reverse("accounts:verify"), {"code": code_for(device), "next": evil})
    assert response["Location"] == reverse("staff-home")


def test_signed_in_user_is_sent_on_from_the_login_page(client):
    user = make_staff("anne", "modtagelsen")
    sign_in(client, user)

    response = client.get(LOGIN + "?next=/medarbejder/")

    assert response.status_code == 302
    assert response["Location"] == "/medarbejder/"


def test_user_half_way_is_sent_to_the_code_step(client):
    make_staff("anne", "modtagelsen")
    post_password(client, "anne")

    response = client.get(LOGIN)

    assert response["Location"] == reverse("accounts:verify")


def test_deactivated_user_cannot_sign_in(client):
    make_staff("anne", "modtagelsen", is_active=False)

    response = post_password(client, "anne")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_failed_sign_in_logs_neither_user_name_nor_password(client, caplog):
    make_staff("anne", "modtagelsen")
    caplog.set_level(logging.DEBUG)

    for _ in range(6):  # into the lockout, which logs too
        post_password(client, "anne.typed.name", "Hemmelig-Adgangskode-42")
    post_password(client, "anne", "Hemmelig-Adgangskode-42")

    assert caplog.records  # axes did log the failures…
    assert "Hemmelig-Adgangskode-42" not in caplog.text  # …without the password
    assert "anne.typed.name" not in caplog.text  # …or the typed user name
    assert "anne" not in caplog.text
