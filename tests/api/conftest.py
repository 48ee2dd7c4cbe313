"""API clients: a system account with roles and its token, made as docs/api.md sets one up."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from beredskab.accounts.system_accounts import create_system_account, issue_token

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
    """An APIClient with the token of a new system account with the given roles."""

    def make(*roles, username=None, is_active=True):
        user = create_system_account(
            username or "_".join(roles) or "system", roles=roles, description="Test"
        )
        token, secret = issue_token(user)
        if not is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        client.user, client.token = user, token
        return client

    return make


@pytest.fixture
def schema(db):
    """The OpenAPI schema as a client downloads it (JSON)."""
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()
