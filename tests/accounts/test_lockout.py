"""Lockout after five wrong passwords (django-axes), per user name and address together."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.accounts.helpers import post_password
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

HERE = {"REMOTE_ADDR": "10.1.1.1"}
ELSEWHERE = {"REMOTE_ADDR": "10.2.2.2"}


def fail_five_times(client, username="anne", **where):
    responses = [post_password(client, username, "wrong-password", **where) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    return responses[-1]


def test_fifth_wrong_password_locks_the_account_with_a_danish_page(client):
    make_staff("anne", "modtagelsen")

    response = fail_five_times(client, **HERE)

    assert response.status_code == 429
    assert "Din konto er midlertidigt låst" in response.text
    assert "Kontakt systemadministratoren" in response.text
    assert "60 minutter" in response.text


def test_locked_out_even_with_the_right_password(client):
    make_staff("anne", "modtagelsen")
    fail_five_times(client, **HERE)

    response = post_password(client, "anne", **HERE)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_name_and_address(client):
    make_staff("anne", "modtagelsen")
    make_staff("bo", "leder")
    fail_five_times(client, "anne", **HERE)

    # Anne from another address, and Bo from the same address, can still sign in.
    response = post_password(client, "anne", **ELSEWHERE)
    assert response["Location"] == reverse("accounts:verify")
    client.post(reverse("accounts:logout"))
    response = post_password(client, "bo", **HERE)
    assert response["Location"] == reverse("accounts:verify")


def test_a_right_password_before_the_limit_starts_the_count_again(client):
    make_staff("anne", "modtagelsen")
    for _ in range(4):
        post_password(client, "anne", "wrong-password", **HERE)
    post_password(client, "anne", **HERE)
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        assert post_password(client, "anne", "wrong-password", **HERE).status_code == 200


def test_system_administrator_unlocks_with_axes_reset_username(client):
    make_staff("anne", "modtagelsen")
    fail_five_times(client, **HERE)

    call_command("axes_reset_username", "anne")

    assert post_password(client, "anne", **HERE)["Location"] == reverse("accounts:verify")
