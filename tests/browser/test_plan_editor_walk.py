"""A new municipality writes its plan in the browser: from the starter plan to the public page.

The plan administrator starts from the template, meets a Danish message on a bad phone number as
they type, fills the required parts, previews the public page and sends the plan for approval; a
leader approves it with the council's adoption date; the administrator publishes it and the public
page serves it. Each person has their own browser context.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.plans.services import load_plan
from tests.factories import make_staff, sign_in
from tests.governance.test_plan_editor import LOCAL_PARTS, SLUG

pytestmark = pytest.mark.xdist_group("serial")


@pytest.fixture
def desk(browser, live_server, db, settings):
    settings.BEREDSKAB_MUNICIPALITY = SLUG  # a municipality with no plan yet
    contexts = []

    def open_for(user):
        client = Client()
        sign_in(client, user)
        context = browser.new_context(
            base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_for
    for context in contexts:
        context.close()


def field(page, name):
    return page.locator(f'[name="{name}"]')


def test_a_new_municipality_writes_adopts_and_publishes_its_plan(desk, screenshot):
    admin = desk(make_staff("planadmin", roles.PLAN_ADMIN, first_name="Pia"))
    leader = desk(make_staff("leder", roles.LEADER, first_name="Lars"))

    # From the template.
    admin.goto("/medarbejder/plan/")
    admin.get_by_role("link", name="Skriv planen").first.click()
    admin.get_by_label("Kommunens navn").fill("Nyby Kommune")
    admin.get_by_label("Versionsnummer").fill("2026-01")
    admin.get_by_role("button", name="Begynd fra skabelonen").click()
    expect(admin.locator("h1")).to_have_text("Kladde til version 2026-01")
    expect(admin.locator(".to-write")).to_contain_text("contact.phones.0.number")
    screenshot(admin, "1-draft-to-write")

    # A bad phone number: the schema's Danish message at the field, as soon as it is left.
    admin.get_by_role("link", name="Kontakt og åbningstid").first.click()
    field(admin, "contact.phones.0.number").fill("ring til os")
    field(admin, "contact.phones.0.number").press("Tab")
    message = admin.locator("#err-f-contact-phones-0-number")
    expect(message).to_contain_text("et telefonnummer har kun cifre og mellemrum")
    expect(admin.locator("#editor-status")).to_contain_text("Gemt.")
    screenshot(admin, "2-bad-phone-number")

    # The required parts, page by page.
    draft_url = admin.url.rsplit("/", 2)[0] + "/"
    for page_slug, values in LOCAL_PARTS.items():
        admin.goto(f"{draft_url}{page_slug}/")
        for name, value in values.items():
            if name.endswith(".en"):
                continue
            field(admin, name).fill(value)
        admin.get_by_role("button", name="Gem siden").click()
        expect(admin.locator("h1")).to_be_visible()
    expect(admin.locator("#err-f-contact-phones-0-number")).to_have_count(0)  # other page now
    admin.goto(f"{draft_url}kontakt/")
    expect(admin.locator("#err-f-contact-phones-0-number")).to_have_text("")
    admin.goto(draft_url)
    expect(admin.locator(".to-write")).to_have_count(0)
    screenshot(admin, "3-draft-ready")

    # The public page as it will look.
    admin.get_by_role("link", name="Vis den offentlige side").click()
    expect(admin.locator(".draft-preview-note")).to_be_visible()
    expect(admin.locator("body")).to_contain_text("01 20 30 40")
    screenshot(admin, "4-preview-public-page")
    admin.go_back()

    # Sent for approval.
    admin.get_by_role("button", name="Send til godkendelse hos en leder").click()
    expect(admin.locator(".version-review")).to_contain_text("Venter på godkendelse")
    version_url = admin.url
    screenshot(admin, "5-sent-for-approval")

    # A named leader approves with the council's adoption date.
    adopted = timezone.localdate() - dt.timedelta(days=2)
    leader.goto(version_url)
    leader.get_by_role("link", name="Godkend eller send tilbage").click()
    leader.get_by_label("Godkend versionen").check()
    leader.get_by_label("Vedtaget af kommunalbestyrelsen den").fill(adopted.strftime("%d-%m-%Y"))
    screenshot(leader, "6-leader-approves")
    leader.get_by_role("button", name="Registrér afgørelsen").click()
    expect(leader.locator(".version-review")).to_contain_text("Godkendt af Lars")

    # Published, and the public page serves it.
    admin.goto(version_url)
    admin.get_by_role("link", name="Offentliggør denne version").click()
    admin.get_by_role("button", name="Ja, offentliggør").click()
    expect(admin.locator(".alert-success, .alert")).to_contain_text(["offentliggjort"])
    public = admin.context.browser.new_context(base_url=admin.url.split("/medarbejder")[0])
    citizen = public.new_page()
    citizen.goto("/")
    expect(citizen.locator("body")).to_contain_text("01 20 30 40")
    expect(citizen).to_have_title("Er du bekymret? – Nyby Kommune")
    screenshot(citizen, "7-public-page")
    public.close()
    assert settings.BEREDSKAB_MUNICIPALITY == SLUG


@pytest.mark.parametrize("name", ["eksempelby", "modelstrup"])
def test_an_example_municipality_says_so_on_its_pages(
    browser, live_server, db, settings, plan_documents, name, screenshot
):
    document = plan_documents[name]
    settings.BEREDSKAB_MUNICIPALITY = document.municipality.slug
    load_plan(document, source_name=f"{name}.yaml")
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()

    for path, shot in (("/", "public-page"), ("/fagperson/plan/", "whole-plan")):
        page.goto(path)
        expect(page.locator(".example-note")).to_contain_text("opdigtet eksempelkommune")
        for site in document.contact.sites:
            expect(page.locator("body")).to_contain_text(site.name["da"])
        screenshot(page, f"{name}-{shot}")
    context.close()
