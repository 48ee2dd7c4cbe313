"""Roles change in one place, `set_roles`, which the admin, single sign-on and the commands use:
every change is in the audit trail with who made it and the roles before and after."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from beredskab.accounts import roles
from beredskab.accounts.roles import roles_of
from beredskab.accounts.services import COMMAND_LINE, set_roles
from beredskab.audit.models import AuditEvent
from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db


def role_changes():
    return [
        (event.actor_username, event.object_id, event.detail)
        for event in AuditEvent.objects.filter(action="account.roles_changed").order_by("seq")
    ]


def test_set_roles_gives_exactly_the_roles_and_audits_before_and_after():
    boss = make_staff("chef", roles.SYSADMIN)
    anne = make_staff("anne", roles.INTAKE, roles.AUDITOR)

    assert set_roles(anne, {roles.LEADER, roles.INTAKE}, by=boss)

    assert roles_of(anne) == {roles.LEADER, roles.INTAKE}
    assert role_changes() == [
        (
            "chef",
            str(anne.pk),
            {"before": ["modtagelsen", "revisor"], "after": ["leder", "modtagelsen"]},
        )
    ]


def test_no_change_no_event():
    anne = make_staff("anne", roles.INTAKE)

    assert not set_roles(anne, [roles.INTAKE], by=COMMAND_LINE)
    assert role_changes() == []


def test_unknown_roles_are_refused():
    anne = make_staff("anne", roles.INTAKE)

    with pytest.raises(ValueError, match="chef"):
        set_roles(anne, ["chef"], by=COMMAND_LINE)
    assert roles_of(anne) == {roles.INTAKE}


def test_groups_that_are_not_roles_are_left_alone():
    anne = make_staff("anne", roles.INTAKE)
    anne.groups.add(Group.objects.create(name="nyhedsbrev"))

    set_roles(anne, [], by=COMMAND_LINE)

    assert list(anne.groups.values_list("name", flat=True)) == ["nyhedsbrev"]


def test_a_new_staff_user_gets_roles_by_the_command_line():
    call_command(
        "create_staff_user",
        "bo",
        "--email",
        "bo@kommune.example",
        "--role",
        "leder",
        stdout=StringIO(),
    )

    [(actor, _, detail)] = role_changes()
    assert (actor, detail) == ("manage.py", {"before": [], "after": ["leder"]})


# The admin's user page


@pytest.fixture
def it(client):
    """A system administrator (not a superuser) in the admin, with two factors."""
    user = make_staff("it", roles.SYSADMIN)
    sign_in(client, user)
    return user


def change_user(client, user, **fields):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": [],
    }
    data.update(fields)
    return client.post(f"/admin/auth/user/{user.pk}/change/", data)


def test_roles_changed_in_the_admin_are_audited_with_who_changed_them(client, it):
    anne = make_staff("anne", roles.INTAKE)
    leader = Group.objects.get(name=roles.LEADER)

    response = change_user(client, anne, groups=[leader.pk])

    assert response.status_code == 302, response.text
    assert roles_of(anne) == {roles.LEADER}
    assert role_changes() == [("it", str(anne.pk), {"before": ["modtagelsen"], "after": ["leder"]})]


def test_the_admin_offers_only_roles_as_groups(client, it):
    Group.objects.create(name="nyhedsbrev")
    anne = make_staff("anne", roles.INTAKE)

    page = client.get(f"/admin/auth/user/{anne.pk}/change/").text

    assert "nyhedsbrev" not in page
    assert "Roller" in page


def test_a_system_administrator_cannot_make_a_superuser(client, it):
    anne = make_staff("anne", roles.INTAKE)

    change_user(client, anne, is_superuser="on", groups=[Group.objects.get(name="modtagelsen").pk])

    anne.refresh_from_db()
    assert not anne.is_superuser
