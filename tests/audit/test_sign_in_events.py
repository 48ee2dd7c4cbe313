"""A failed sign-in is audited without what was typed: people type passwords in the user name
field, and the trail is kept for years."""

import pytest

from beredskab.audit.models import AuditEvent, AuditSubject
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/medarbejder/konto/log-ind/"


def everything_stored() -> str:
    return " ".join(
        str(row) for model in (AuditEvent, AuditSubject) for row in model.objects.values_list()
    )


def test_a_password_typed_as_user_name_is_not_stored(client):
    client.post(LOGIN, {"username": "Sommer2026!hemmelig", "password": "Sommer2026!hemmelig"})

    event = AuditEvent.objects.get(action="auth.login_failed")
    assert "Sommer2026" not in everything_stored()
    assert (event.object_type, event.object_id) == ("", "")


def test_a_failed_sign_in_to_an_existing_account_names_the_account_not_the_typing(client):
    user = make_staff("logger", with_device=False)

    client.post(LOGIN, {"username": "logger", "password": "wrong-password-typed"})

    event = AuditEvent.objects.get(action="auth.login_failed")
    assert (event.object_type, event.object_id) == ("auth.user", str(user.pk))
    assert "wrong-password-typed" not in everything_stored()
