"""The open intake queue for other systems: nearest deadline first, no names or free text."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from tests.api.conftest import NOW
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan", "now")
URL = "/api/v1/notifications/queue/"


def received(hours_ago, **fields):
    return make_notification(received_at=NOW - dt.timedelta(hours=hours_ago), **fields)


def test_nearest_deadline_first_with_deadline_states(api_client):
    on_time = received(1)
    overdue = received(30)
    due_soon = received(22)
    client = api_client(roles.INTAKE)

    response = client.get(URL)

    assert response.status_code == 200
    rows = response.json()
    assert [row["reference"] for row in rows] == [
        overdue.reference,
        due_soon.reference,
        on_time.reference,
    ]
    assert [row["deadline_state"] for row in rows] == ["overdue", "due_soon", "on_time"]
    assert rows[0]["next_due_at"] == rows[0]["deadlines"]["assessment_due_at"]
    assert rows[0]["state"] == "received"


def test_rows_hold_no_names_cpr_or_free_text(api_client):
    received(
        2,
        person_name="Aisha Testperson",
        person_cpr="0102031234",
        notifier_name="Lærer Hansen",
        description="Hun skal giftes i sommerferien.",
        children_details="To små brødre",
    )
    client = api_client(roles.LEADER)

    response = client.get(URL)

    text = response.content.decode()
    for secret in ["Aisha", "010203", "Hansen", "sommerferien", "brødre"]:
        assert secret not in text
    assert set(response.json()[0]) == {
        "reference",
        "received_at",
        "channel",
        "age_group",
        "concern_types",
        "immediate_danger",
        "state",
        "next_due_at",
        "deadline_state",
        "deadlines",
    }


def test_routed_notifications_leave_the_queue(api_client):
    gone = received(2)
    Case.objects.filter(notification=gone).update(state="routed")

    assert api_client(roles.INTAKE).get(URL).json() == []


def test_filters(api_client):
    child = received(2, age_group="child", concern_types=["stay_abroad"], channel="email")
    adult = received(30, age_group="adult", concern_types=["forced_marriage"], channel="phone")
    client = api_client(roles.INTAKE)

    def references(**params):
        return [row["reference"] for row in client.get(URL, params).json()]

    assert references(age="child") == [child.reference]
    assert references(concern="forced_marriage") == [adult.reference]
    assert references(channel="email") == [child.reference]
    assert references(state="overdue") == [adult.reference]


def test_unknown_filter_values_are_named(api_client):
    response = api_client(roles.INTAKE).get(URL, {"state": "late", "concern": "witchcraft"})

    assert response.status_code == 400
    assert set(response.json()) == {"state", "concern"}


def test_the_view_is_audited_once(api_client):
    received(1)
    received(2)
    client = api_client(roles.INTAKE)

    client.get(URL)

    event = AuditEvent.objects.get(action="intake.queue_view")
    assert event.actor_id == client.user.pk
    assert event.detail == {"via": "api"}


def test_query_count_does_not_grow_with_rows(api_client):
    client = api_client(roles.INTAKE)
    received(1)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for hours in range(2, 12):
        received(hours, notifier_email=f"n{hours}@example.dk")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert len(response.json()) == 11
    assert len(many) == len(few)


def test_queue_is_for_modtagelsen_and_leaders(api_client):
    assert api_client(roles.COORDINATOR).get(URL).status_code == 403
