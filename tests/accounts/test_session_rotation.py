"""The session gets a new key when the second factor is accepted: a session key someone saw or
planted before (at the password step) is worth nothing once the session counts as signed in."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import code_for, post_password
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def session_key(client) -> str:
    return client.cookies["sessionid"].value


def with_session(key) -> Client:
    """Another browser that presents `key` as its session cookie."""
    other = Client()
    other.cookies["sessionid"] = key
    return other


def assert_rotated(client, before):
    after = session_key(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get(reverse("staff-home")).status_code == 200
    old = with_session(before).get(reverse("staff-home"))
    assert old.status_code == 302
    assert old["Location"].startswith(reverse("accounts:login"))


def test_a_code_from_the_app_gives_the_session_a_new_key(client):
    user = make_staff("anne", "modtagelsen")
    post_password(client, "anne")
    before = session_key(client)

    client.post(reverse("accounts:verify"), {"code": code_for(TOTPDevice.objects.get(user=user))})

    assert_rotated(client, before)


def test_a_backup_code_gives_the_session_a_new_key(client):
    user = make_staff("anne", "modtagelsen")
    StaticDevice.objects.create(user=user, name="reservekoder").token_set.create(token="abcd2345")
    post_password(client, "anne")
    before = session_key(client)

    client.post(reverse("accounts:verify"), {"code": "abcd2345"})

    assert_rotated(client, before)


def test_setting_up_the_app_gives_the_session_a_new_key(client):
    user = make_staff("bo", "leder", with_device=False)
    post_password(client, "bo")
    client.get(reverse("accounts:setup-2fa"))
    before = session_key(client)

    client.post(
        reverse("accounts:setup-2fa"), {"code": code_for(TOTPDevice.objects.get(user=user))}
    )

    assert_rotated(client, before)
