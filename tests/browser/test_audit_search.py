"""The auditor finds who read a person's case by typing the person's CPR number: the number is
sent with the form, never in the address bar."""

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from beredskab.accounts import roles
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

CPR = "0102031234"


def test_the_auditor_searches_by_cpr_number(signed_in_page, axe, screenshot):
    notification = make_notification(person_name="Aisha Testperson", person_cpr=CPR)
    other = make_notification(person_name="Sara Anden", person_cpr="0202924321")
    leader = Client()
    sign_in(leader, make_staff("leder", roles.LEADER))
    for read in (notification, other):
        assert leader.get(reverse("cases:detail", args=[read.reference])).status_code == 200

    page = signed_in_page(roles.AUDITOR, username="revisor")
    page.goto("/medarbejder/logning/")
    page.get_by_label("Person: CPR-nummer").fill("010203-1234")
    page.get_by_role("button", name="Søg").click()

    table = page.locator("table.audit-events")
    expect(table).to_contain_text("case.view")
    expect(table).to_contain_text(notification.reference)
    expect(table).not_to_contain_text(other.reference)
    assert CPR not in page.url and "010203" not in page.url
    screenshot(page, "01-search-by-cpr")
    assert axe(page) == [], "axe on /medarbejder/logning/"
