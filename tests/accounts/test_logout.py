"""Signing out: POST only, back to the sign-in page with a message."""

import pytest
from django.urls import reverse

from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db

LOGOUT = "/medarbejder/konto/log-ud/"


def test_sign_out_ends_the_session(client):
    sign_in(client, make_staff("anne", "modtagelsen"))

    response = client.post(LOGOUT, follow=True)

    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert "Du er logget ud." in response.text
    assert client.get(reverse("staff-home"))["Location"].startswith(reverse("accounts:login"))


def test_sign_out_is_post_only(client):
    sign_in(client, make_staff("anne", "modtagelsen"))

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert client.get(reverse("staff-home")).status_code == 200


def test_staff_pages_have_a_sign_out_button(client):
    sign_in(client, make_staff("anne", "modtagelsen"))

    response = client.get(reverse("staff-home"))

    assert f'action="{LOGOUT}"' in response.text
