"""Staff sessions end after 30 minutes without activity; activity keeps them going."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db


def idle_for(client, minutes):
    """As if the last request was `minutes` ago: the session's expiry moves back with it."""
    expiry = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - minutes * 60)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=expiry)


def test_inactivity_limit_is_thirty_minutes_and_every_request_renews_it():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_session_idle_for_more_than_thirty_minutes_is_signed_out(client):
    sign_in(client, make_staff("anne", "modtagelsen"))
    assert client.get(reverse("staff-home")).status_code == 200

    idle_for(client, 31)
    response = client.get(reverse("staff-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_session_used_within_thirty_minutes_goes_on(client):
    sign_in(client, make_staff("anne", "modtagelsen"))

    idle_for(client, 29)
    assert client.get(reverse("staff-home")).status_code == 200
    idle_for(client, 29)  # 58 minutes since sign-in, but never 30 idle
    assert client.get(reverse("staff-home")).status_code == 200
