"""Reading one notification: only for who may see its case, and every read is audited."""

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan", "now")


def url(reference):
    return f"/api/v1/notifications/{reference}/"


@pytest.fixture
def notification():
    return make_notification(
        person_name="Aisha Testperson",
        person_cpr="0102031234",
        age_group="",
        concern_types=["forced_marriage", "social_control"],
        description="Hun skal giftes i sommerferien.",
    )


def test_modtagelsen_reads_the_content_and_the_read_is_audited(api_client, notification):
    client = api_client(roles.INTAKE)

    response = client.get(url(notification.reference))

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == notification.reference
    assert body["track"] == "adult"
    assert body["state"] == "received"
    assert body["concern_types"] == ["forced_marriage", "social_control"]
    assert body["person_name"] == "Aisha Testperson"
    assert body["person_cpr_masked"] == "010203-xxxx"
    assert body["description"] == "Hun skal giftes i sommerferien."
    assert set(body["deadlines"]) == {
        "assessment_due_at",
        "assessed_at",
        "receipt_due_at",
        "receipt_sent_at",
        "receipt_method",
    }
    assert "person_cpr" not in body
    assert "0102031234" not in response.content.decode()
    event = AuditEvent.objects.get(action="notification.view")
    assert event.actor_id == client.user.pk
    assert event.person_key == notification.reference
    assert event.object_id == notification.reference
    assert event.detail == {"via": "api"}


def test_modtagelsen_no_longer_sees_a_routed_case(api_client, notification):
    Case.objects.filter(notification=notification).update(state="routed")
    client = api_client(roles.INTAKE)

    routed = client.get(url(notification.reference))
    unknown = client.get(url("U-0000-0000"))

    assert routed.status_code == 404
    assert routed.json() == unknown.json()  # the answer does not tell that it exists
    assert not AuditEvent.objects.filter(action="notification.view").exists()
    assert AuditEvent.objects.filter(action="notification.view_refused").count() == 1


def test_a_leader_reads_a_routed_case(api_client, notification):
    Case.objects.filter(notification=notification).update(state="routed")

    response = api_client(roles.LEADER).get(url(notification.reference))

    assert response.status_code == 200
    assert response.json()["state"] == "routed"


def test_other_roles_are_refused(api_client, notification):
    response = api_client(roles.PRESS).get(url(notification.reference))

    assert response.status_code == 403
    assert notification.reference not in response.content.decode()
    assert not AuditEvent.objects.filter(action="notification.view").exists()
