"""API clients: a system user (staff, with roles) and its token, as docs/api.md sets one up."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import make_staff

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def fresh_throttle(db):
    # The request rate limit counts in the cache (the database cache: rolled back with the test,
    # but cleared anyway in case the cache backend is configured otherwise).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def api_client(db):
    """An APIClient with the token of a new system user with the given roles."""

    def make(*roles, username=None, **fields):
        user = make_staff(
            username or "_".join(roles) or "system", *roles, with_device=False, **fields
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        client.user = user
        return client

    return make
