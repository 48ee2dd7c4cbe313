"""Modtagelsen's queue: every open notification, nearest deadline first, states in words."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from beredskab.outbox.models import OutboundEmail
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/medarbejder/underretninger/"
CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def received(hours_ago, **fields):
    return make_notification(received_at=NOW - dt.timedelta(hours=hours_ago), **fields)


def test_nearest_deadline_first_with_states_in_words(staff_client):
    on_time = received(1)
    overdue = received(30)
    due_soon = received(22)
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()

    assert (
        page.index(overdue.reference)
        < page.index(due_soon.reference)
        < page.index(on_time.reference)
    )
    assert "Overskredet" in page
    assert "Snart" in page
    assert "I god tid" in page
    assert "<strong>3</strong> åbne" in page
    assert "<strong>1</strong> overskredet" in page


def test_routed_notifications_leave_the_queue(staff_client):
    gone = received(2)
    Case.objects.filter(notification=gone).update(state="routed")
    client = staff_client(roles.INTAKE)

    assert gone.reference not in client.get(URL).content.decode()


def test_filters(staff_client):
    child = received(2, age_group="child", concern_types=["stay_abroad"], channel="email")
    adult = received(3, age_group="adult", concern_types=["forced_marriage"], channel="phone")
    client = staff_client(roles.INTAKE)

    by_age = client.get(URL, {"age": "child"}).content.decode()
    by_concern = client.get(URL, {"concern": "forced_marriage"}).content.decode()
    by_channel = client.get(URL, {"channel": "email"}).content.decode()
    overdue = client.get(URL, {"state": "overdue"}).content.decode()

    assert child.reference in by_age and adult.reference not in by_age
    assert adult.reference in by_concern and child.reference not in by_concern
    assert child.reference in by_channel and adult.reference not in by_channel
    assert child.reference not in overdue


def test_receipt_by_letter_is_shown_as_due(staff_client):
    letter = received(2, notifier_address="Testvej 2", notifier_phone="")
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()

    assert letter.receipt_method == "letter"
    assert "Kvittering skal sendes som brev" in page


def test_failed_receipt_send_shows_in_the_queue(staff_client):
    notification = received(2, notifier_email="fagperson@example.dk")
    OutboundEmail.objects.filter(notification=notification).update(
        attempts=3, last_error="ConnectionRefusedError: [Errno 111]"
    )
    client = staff_client(roles.INTAKE)

    assert "Kvitteringsmail ikke sendt" in client.get(URL).content.decode()


def test_the_table_refreshes_itself(staff_client):
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()
    table = client.get(URL + "koe/")

    assert 'hx-trigger="every 60s"' in page
    assert 'hx-get="/medarbejder/underretninger/koe/"' in page
    assert table.status_code == 200
    assert "<html" not in table.content.decode()


def test_query_count_does_not_grow_with_rows(staff_client):
    client = staff_client(roles.INTAKE)
    received(1)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL + "koe/")
    for hours in range(2, 12):
        received(hours, notifier_email=f"n{hours}@example.dk")
    with CaptureQueriesContext(connection) as many:
        client.get(URL + "koe/")

    assert len(many) == len(few)


def test_queue_is_for_modtagelsen_and_leaders(staff_client):
    assert staff_client(roles.PRESS, username="p").get(URL).status_code == 403


def test_viewing_a_notification_is_audited(staff_client):
    notification = received(1)
    client = staff_client(roles.INTAKE)

    page = client.get(f"{URL}{notification.reference}/").content.decode()

    assert "Beskrivelse" in page
    event = AuditEvent.objects.get(action="notification.view")
    assert event.object_id == notification.reference
    assert event.actor_username == client.user.username


def test_detail_masks_the_cpr_number(staff_client):
    notification = received(1, person_cpr="0102031234")
    client = staff_client(roles.INTAKE)

    page = client.get(f"{URL}{notification.reference}/").content.decode()

    assert "010203-xxxx" in page
    assert "0102031234" not in page


def test_staff_marks_a_letter_receipt_sent_and_the_deadline_is_met(staff_client):
    notification = received(2, notifier_address="Testvej 2", notifier_phone="")
    client = staff_client(roles.INTAKE)

    response = client.post(f"{URL}{notification.reference}/kvittering-sendt/", {"method": "letter"})

    notification.refresh_from_db()
    assert response.status_code == 302
    assert notification.receipt_sent_at == NOW
    assert notification.deadline_events.filter(deadline="receipt", event="met").exists()
    page = client.get(f"{URL}{notification.reference}/").content.decode()
    assert "Overholdt" in page
