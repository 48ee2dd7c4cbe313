"""A worried citizen's notification, anonymous or not."""

import re

import pytest

from beredskab.intake.models import Notification
from beredskab.outbox.models import EmailKind, OutboundEmail
from tests.intake.helpers import form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/underret/borger/"


def emails_but_the_staffs_notice():
    """Every e-mail but the notice that a web notification is waiting, which goes to the plan's
    watched mailbox (outside the opening hours, beredskab.intake.acute) and never to the citizen."""
    return OutboundEmail.objects.exclude(kind=EmailKind.WAITING_NOTICE)


CITIZEN = {
    "about": "other",
    "anonymous": "on",
    "notifier_name": "",
    "notifier_relation": "",
    "person_name": "",
    "age_group": "unknown",
    "children_in_household": "unknown",
    "concern_types": ["forced_marriage"],
    "description": "Min veninde skal giftes med en, hun ikke kender.",
    "immediate_danger": "no",
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


def test_a_named_citizen_may_leave_no_way_to_be_reached_and_gets_nothing(client):
    response = client.post(URL, form_data(CITIZEN, anonymous="", notifier_name="Sara"))

    notification = Notification.objects.get()
    assert response.status_code == 200
    assert notification.notifier_kind == "citizen"
    assert notification.receipt_method == "not_wanted"
    assert notification.receipt_due_at is None
    assert not emails_but_the_staffs_notice().exists()


def test_a_citizen_with_a_safe_email_who_did_not_ask_gets_no_receipt(client):
    client.post(
        URL,
        form_data(
            CITIZEN,
            anonymous="",
            notifier_name="Sara",
            safe_to_contact="yes",
            safe_contact_means="email",
            safe_contact_address="sara@example.dk",
        ),
    )

    notification = Notification.objects.get()
    assert notification.receipt_method == "not_wanted"
    assert notification.notifier_email == "sara@example.dk"
    assert not emails_but_the_staffs_notice().exists()


def test_a_citizen_who_asks_for_a_receipt_at_a_safe_email_gets_it_there(client):
    client.post(
        URL,
        form_data(
            CITIZEN,
            anonymous="",
            notifier_name="Sara",
            safe_to_contact="yes",
            safe_contact_means="email",
            safe_contact_address="sara@example.dk",
            receipt_wanted="on",
        ),
    )

    notification = Notification.objects.get()
    assert notification.notifier_kind == "citizen"
    assert notification.receipt_method == "email"
    assert OutboundEmail.objects.filter(kind="receipt", to="sara@example.dk").count() == 1


def test_a_citizen_who_asks_for_a_receipt_by_sms_is_receipted_by_phone(client):
    client.post(
        URL,
        form_data(
            CITIZEN,
            anonymous="",
            safe_to_contact="yes",
            safe_contact_means="sms",
            safe_contact_address="2020 2020",
            receipt_wanted="on",
        ),
    )

    notification = Notification.objects.get()
    assert notification.receipt_method == "phone"
    assert notification.notifier_phone == "2020 2020"
    assert not emails_but_the_staffs_notice().exists()


def test_a_receipt_cannot_be_asked_for_without_a_safe_way(client):
    response = client.post(
        URL, form_data(CITIZEN, anonymous="", notifier_name="Sara", receipt_wanted="on")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "så kan vi sende en kvittering" in page
    assert "Min veninde skal giftes" in page  # nothing typed is lost
    assert 'id="quick-exit"' in page
    assert not Notification.objects.exists()


def test_a_safe_way_needs_its_number_or_address(client):
    response = client.post(
        URL,
        form_data(CITIZEN, anonymous="", safe_to_contact="yes", safe_contact_means="email"),
    )

    assert response.status_code == 400
    assert "hvor det er sikkert" in response.content.decode()


def test_the_citizen_form_is_shorter_than_the_professionals(client):
    citizen = client.get(URL).content.decode()
    professional = client.get("/underret/fagperson/").content.decode()

    def questions(page):
        return len(re.findall(r'<(?:input|textarea|select)(?![^>]*type="hidden")', page))

    assert questions(citizen) < questions(professional)
    for dropped in ('name="person_cpr"', 'name="attachments"', 'name="notifier_actions"'):
        assert dropped not in citizen


def test_the_story_is_the_only_required_text(client):
    response = client.post(
        URL,
        form_data(
            {
                "about": "self",
                "concern_types": ["social_control"],
                "immediate_danger": "no",
                "children_in_household": "unknown",
                "age_group": "adult",
            },
            description="Min familie læser mine beskeder.",
        ),
    )

    assert response.status_code == 200
    notification = Notification.objects.get()
    assert notification.about_self
    assert notification.receipt_method == "not_wanted"


def test_citizen_page_has_the_quick_exit(client):
    assert 'id="quick-exit"' in client.get(URL).content.decode()


def test_public_page_links_to_the_citizen_form(client):
    assert 'href="/underret/borger/"' in client.get("/").content.decode()


def test_english_form(client):
    page = client.get("/en/underret/borger/").content.decode()

    assert '<html lang="en" dir="ltr">' in page
