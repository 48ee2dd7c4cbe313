"""manage.py create_staff_user: a staff user with roles and a random password, shown once."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from beredskab.accounts.roles import ROLES, roles_of
from tests.accounts.helpers import post_password

pytestmark = pytest.mark.django_db


def create(*args):
    out = StringIO()
    call_command("create_staff_user", *args, stdout=out)
    return out.getvalue()


def test_creates_a_staff_user_with_roles_and_prints_the_password_once():
    output = create(
        "anne",
        "--email",
        "anne@kommune.example",
        "--role",
        "modtagelsen",
        "--role",
        "leder",
        "--name",
        "Anne Marie Hansen",
    )

    user = get_user_model().objects.get(username="anne")
    password = re.search(r"Password \(.*\): (\S+)", output).group(1)
    assert user.check_password(password)
    assert len(password) >= 20
    assert output.count(password) == 1
    assert user.is_staff and not user.is_superuser
    assert user.email == "anne@kommune.example"
    assert (user.first_name, user.last_name) == ("Anne Marie", "Hansen")
    assert roles_of(user) == {"modtagelsen", "leder"}
    assert "authenticator app" in output


def test_passwords_differ_between_users():
    first = create("anne", "--email", "a@kommune.example", "--role", "leder")
    second = create("bo", "--email", "b@kommune.example", "--role", "leder")

    assert first.splitlines()[1].split()[-1] != second.splitlines()[1].split()[-1]


def test_new_user_sets_up_two_factor_at_first_sign_in(client):
    output = create("anne", "--email", "anne@kommune.example", "--role", "modtagelsen")
    password = re.search(r"Password \(.*\): (\S+)", output).group(1)

    response = post_password(client, "anne", password)

    assert response["Location"] == reverse("accounts:setup-2fa")


def test_unknown_role_is_refused_with_the_valid_ones():
    with pytest.raises(CommandError) as error:
        create("anne", "--email", "anne@kommune.example", "--role", "chef")

    assert "chef" in str(error.value)
    assert all(role in str(error.value) for role in ROLES)
    assert not get_user_model().objects.filter(username="anne").exists()


def test_existing_user_name_is_refused():
    create("anne", "--email", "anne@kommune.example", "--role", "leder")

    with pytest.raises(CommandError, match="already exists"):
        create("Anne", "--email", "other@kommune.example", "--role", "leder")


def test_a_role_is_required():
    with pytest.raises(CommandError):
        create("anne", "--email", "anne@kommune.example")
