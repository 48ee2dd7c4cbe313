"""Passwords are stored with the production hasher (the rest of the suite uses a fast one)."""

import pytest
from django.conf import global_settings
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from tests.accounts.helpers import post_password
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS)
def test_a_staff_password_is_stored_with_a_slow_salted_hash_and_signs_in(client):
    user = make_staff("anne", "modtagelsen")

    hasher = identify_hasher(user.password)
    assert hasher.algorithm == "pbkdf2_sha256"
    assert hasher.iterations >= 1_000_000
    assert "correct-horse" not in user.password

    response = post_password(client, "anne")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def test_the_settings_keep_djangos_production_hashers():
    from beredskab import settings as production

    assert getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)[0] == (
        "django.contrib.auth.hashers.PBKDF2PasswordHasher"
    )
