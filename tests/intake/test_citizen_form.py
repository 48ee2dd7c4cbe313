"""A worried citizen's notification, anonymous or not."""

import pytest

from beredskab.intake.models import Notification
from beredskab.outbox.models import EmailKind, OutboundEmail
from tests.intake.helpers import form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/underret/borger/"

CITIZEN = {
    "anonymous": "on",
    "notifier_name": "",
    "notifier_relation": "",
    "notifier_phone": "",
    "notifier_email": "",
    "person_name": "",
    "age_group": "unknown",
    "children_in_household": "unknown",
    "concern_types": ["forced_marriage"],
    "description": "Min veninde skal giftes med en, hun ikke kender.",
    "immediate_danger": "no",
    "family_knows": "unknown",
}


def test_anonymous_notification_needs_no_contact_details_and_gets_no_receipt(client):
    response = client.post(URL, form_data(CITIZEN))

    notification = Notification.objects.get()
    page = response.content.decode()
    assert response.status_code == 200
    assert notification.notifier_kind == "anonymous"
    assert notification.receipt_method == "not_possible"
    assert notification.receipt_due_at is None
    assert notification.age_group == "unknown"
    assert notification.case.track == "undecided"
    assert notification.reference in page
    assert "Skriv referencenummeret ned" in page
    assert not OutboundEmail.objects.filter(kind=EmailKind.RECEIPT).exists()


def test_named_citizen_must_leave_a_way_to_be_reached(client):
    response = client.post(URL, form_data(CITIZEN, anonymous="", notifier_name="Sara"))

    assert response.status_code == 400
    assert "Skriv telefonnummer eller e-mail" in response.content.decode()
    assert not Notification.objects.exists()


def test_named_citizen_with_email_gets_a_receipt(client):
    client.post(
        URL,
        form_data(CITIZEN, anonymous="", notifier_name="Sara", notifier_email="sara@example.dk"),
    )

    notification = Notification.objects.get()
    assert notification.notifier_kind == "citizen"
    assert notification.receipt_method == "email"
    assert OutboundEmail.objects.filter(kind="receipt", to="sara@example.dk").count() == 1


def test_citizen_with_phone_only_is_receipted_by_phone(client):
    client.post(
        URL, form_data(CITIZEN, anonymous="", notifier_name="Sara", notifier_phone="2020 2020")
    )

    assert Notification.objects.get().receipt_method == "phone"


def test_citizen_page_has_the_quick_exit(client):
    assert 'id="quick-exit"' in client.get(URL).content.decode()


def test_public_page_links_to_the_citizen_form(client):
    assert 'href="/underret/borger/"' in client.get("/").content.decode()


def test_english_form(client):
    page = client.get("/en/underret/borger/").content.decode()

    assert '<html lang="en" dir="ltr">' in page
