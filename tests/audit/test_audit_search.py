"""The auditor searches the trail by staff member, case or person."""

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.audit.services import record

URL = "/medarbejder/logning/"


@pytest.mark.django_db
def test_auditor_finds_who_read_a_case(staff_client):
    record(
        "notification.view",
        object_type="intake.notification",
        object_id="U-AAAA-BBBB",
        person_key="U-AAAA-BBBB",
    )
    record(
        "notification.view",
        object_type="intake.notification",
        object_id="U-CCCC-DDDD",
        person_key="U-CCCC-DDDD",
    )
    client = staff_client(roles.AUDITOR)

    page = client.get(URL, {"reference": "u-aaaa-bbbb", "search": "1"}).content.decode()

    assert "U-AAAA-BBBB" in page
    assert "U-CCCC-DDDD" not in page
    assert AuditEvent.objects.filter(action="audit.search").count() == 1


@pytest.mark.django_db
def test_only_the_auditor_reads_the_trail(staff_client):
    assert staff_client(roles.LEADER).get(URL).status_code == 403


@pytest.mark.django_db
def test_sign_in_and_role_changes_are_recorded(client):
    from beredskab.accounts.services import COMMAND_LINE, set_roles
    from tests.factories import PASSWORD, make_staff

    user = make_staff("logger", with_device=False)
    login = "/medarbejder/konto/log-ind/"
    client.post(login, {"username": "logger", "password": "wrong"})
    client.post(login, {"username": "logger", "password": PASSWORD})
    set_roles(user, {roles.INTAKE}, by=COMMAND_LINE)

    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert "auth.login_failed" in actions
    assert "auth.login" in actions
    assert "account.roles_changed" in actions
