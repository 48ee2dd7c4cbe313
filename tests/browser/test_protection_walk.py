"""Protection in a real browser: a child honour case where a letter and a meeting invitation to
the parents are stopped until a risk assessment says it is safe, and a young adult writing about
herself who gets no e-mail and is reached only on the safe number she gave."""

import pytest
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.intake.models import Notification
from beredskab.outbox.models import OutboundEmail
from beredskab.plans.selectors import current_plan
from beredskab.safety.models import OutgoingMessage
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.intake.test_citizen_form import emails_but_the_staffs_notice

from . import test_case_walk

# The fixture that opens a signed-in page per staff member, shared with the case walk.
desk = test_case_walk.desk

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("serial")]

HOME = "Testvej 1, 3450 Allerød"


def _write(page, *, kind, means, address, subject, body):
    page.get_by_label("Hvad skal sendes?").select_option(kind)
    page.get_by_label("Forældre/netværk").check()
    page.get_by_label("Hvordan?").select_option(means)
    page.get_by_label("Adresse, e-mail eller nummer").fill(address)
    page.get_by_label("Emne").fill(subject)
    page.get_by_label("Tekst").fill(body)


def test_nothing_reaches_the_parents_of_a_child_until_an_assessment_says_it_is_safe(
    desk, screenshot
):
    notification = make_notification(
        channel="web_professional",
        age_group="child",
        concern_types=["honour_abuse"],
        notifier_email="laerer@skole.example",
        person_name="Aisha Testperson",
        person_address=HOME,
    )
    reference = notification.reference
    page = desk(make_staff("modtager", roles.INTAKE))
    page.set_default_timeout(30_000)  # a shared, busy machine must not fail the walk

    page.goto(f"/medarbejder/sager/{reference}/")
    banner = page.locator(".safety-banner")
    expect(banner).to_contain_text("Intet må gå til forældre/netværk")
    expect(banner).to_contain_text("§ 18, stk. 3")
    screenshot(page, "case-banner")

    banner.get_by_role("link", name="Beskyttelse og kontakt").click()
    page.get_by_role("link", name="Send brev, e-mail eller indkaldelse").click()
    _write(
        page,
        kind="letter",
        means="letter",
        address=HOME,
        subject="Indkaldelse til samtale",
        body="Vi vil gerne tale med jer om jeres datter.",
    )
    page.get_by_role("button", name="Send", exact=True).click()
    stopped = page.locator(".message-blocked")
    expect(stopped).to_contain_text("Stoppet – det må ikke sendes")
    expect(stopped).to_contain_text("§ 18, stk. 3")
    expect(page.get_by_label("Tekst")).to_have_value("Vi vil gerne tale med jer om jeres datter.")
    screenshot(page, "letter-stopped")

    page.get_by_label("Hvad skal sendes?").select_option("meeting_invitation")
    page.get_by_label("Hvordan?").select_option("email")
    page.get_by_label("Adresse, e-mail eller nummer").fill("far@example.dk")
    page.get_by_label("Mødedato").fill("10-12-2026")
    page.get_by_label("Mødetidspunkt").fill("10:00")
    page.get_by_label("Mødested").fill("Rådhuset")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".message-blocked")).to_contain_text("§ 18, stk. 3")
    screenshot(page, "invitation-stopped")
    assert not OutgoingMessage.objects.exists()
    assert not OutboundEmail.objects.filter(to="far@example.dk").exists()

    # The risk assessment says the parents may be involved.
    page.goto(f"/medarbejder/sager/{reference}/risikovurdering/")
    for factor in current_plan().risk_factors:
        page.locator(f"select[name='now_{factor.key}']").select_option("absent")
    page.locator("textarea[name='scenario_1_what']").fill("Forældrene tager hende ud af skolen.")
    page.locator("input[name='scenario_1_who']").fill("Forældrene")
    page.locator("select[name='scenario_1_how_soon']").select_option("months")
    page.get_by_label("Beskyttende faktorer").fill("Mor og en lærer, barnet stoler på.")
    page.get_by_label("Kilder til oplysningerne").fill(
        "Samtale med barnet; underretning fra skolen."
    )
    page.locator("input[name='serious_violence'][value='low']").check()
    page.locator("input[name='acute_risk'][value='low']").check()
    page.locator("input[name='acute_action_needed'][value='no']").check()
    page.get_by_label("Forældre/netværk kan inddrages").check()
    page.get_by_label("Begrundelse for vurderingen").fill(
        "Barnet ønsker selv, at forældrene inddrages; ingen trusler."
    )
    screenshot(page, "assessment-family-safe")
    page.get_by_role("button", name="Gem risikovurdering").click()
    expect(page.locator(".safety-banner")).to_have_count(0)

    page.goto(f"/medarbejder/sager/{reference}/beskyttelse/send/")
    _write(
        page,
        kind="meeting_invitation",
        means="email",
        address="far@example.dk",
        subject="Indkaldelse til møde",
        body="Vi vil gerne holde et møde med jer.",
    )
    page.get_by_label("Mødedato").fill("10-12-2026")
    page.get_by_label("Mødetidspunkt").fill("10:00")
    page.get_by_label("Mødested").fill("Rådhuset")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beskyttelse og kontakt")
    expect(page.get_by_role("table")).to_contain_text("Mødeindkaldelse")
    expect(page.get_by_role("link", name="Kalenderfil (.ics)")).to_be_visible()
    screenshot(page, "invitation-sent")
    assert OutboundEmail.objects.filter(to="far@example.dk").count() == 1

    page.goto(f"/medarbejder/sager/{reference}/")
    journal = page.locator("table.journal")
    expect(journal).to_contain_text("stoppet")
    expect(journal).to_contain_text("Mødeindkaldelse til forældre/netværk sendt")


def test_a_young_adult_writing_about_herself_is_reached_only_on_her_safe_number(
    page, desk, screenshot
):
    page.set_default_timeout(30_000)
    page.goto("/underret/borger/")
    expect(page.locator("#quick-exit")).to_be_visible()
    page.get_by_label("Det handler om mig").check()
    page.get_by_label("Mistanke/viden om social kontrol").check()
    page.get_by_label("Hvad er der sket?").fill(
        "Min bror læser min telefon og følger efter mig, når jeg går i skole."
    )
    page.locator("#id_immediate_danger_1").check()
    page.locator("#id_person_age").fill("19")
    page.get_by_label("Dit navn").fill("Sara")
    page.locator("#id_safe_to_contact_0").check()
    page.get_by_label("Sms").check()
    page.get_by_label("Nummer, e-mail eller adresse").fill("20 30 40 50")
    page.get_by_label("Hvornår må vi kontakte dig?").fill("hverdage kl. 15–17")
    screenshot(page, "citizen-form")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    expect(page.get_by_text("Vi sender ikke noget til dig")).to_be_visible()
    screenshot(page, "submitted")
    notification = Notification.objects.get()
    assert notification.about_self
    assert not emails_but_the_staffs_notice().exists()

    staff = desk(make_staff("modtager", roles.INTAKE))
    staff.set_default_timeout(30_000)
    staff.goto(f"/medarbejder/sager/{notification.reference}/")
    banner = staff.locator(".safety-banner")
    expect(banner).to_contain_text("Sikker kontaktvej")
    expect(banner).to_contain_text("20 30 40 50")
    expect(banner).to_contain_text("hverdage kl. 15–17")
    screenshot(staff, "case-banner")

    staff.goto(f"/medarbejder/sager/{notification.reference}/beskyttelse/send/")
    staff.get_by_label("Hvad skal sendes?").select_option("email")
    staff.get_by_label("Personen selv").check()
    staff.get_by_label("Hvordan?").select_option("email")
    staff.get_by_label("Adresse, e-mail eller nummer").fill("sara@example.dk")
    staff.get_by_label("Emne").fill("Opfølgning")
    staff.get_by_label("Tekst").fill("Vi vil gerne tale med dig.")
    staff.get_by_role("button", name="Send", exact=True).click()
    stopped = staff.locator(".message-blocked")
    expect(stopped).to_contain_text("sikre kontaktvej")
    expect(stopped).to_contain_text("20 30 40 50")
    screenshot(staff, "email-stopped")
    assert not emails_but_the_staffs_notice().exists()

    staff.get_by_label("Hvordan?").select_option("sms")
    staff.get_by_label("Adresse, e-mail eller nummer").fill("20304050")
    staff.get_by_role("button", name="Send", exact=True).click()
    expect(staff.get_by_role("table")).to_contain_text("Sms")
    screenshot(staff, "sms-recorded")
    assert not emails_but_the_staffs_notice().exists()


def test_the_guide_warns_on_every_honour_related_child_path(page, screenshot):
    page.goto("/fagperson/social_control/under-18/")

    warning = page.locator(".do-not-contact-parents")
    expect(warning).to_contain_text("ikke kontakte forældrene")
    expect(warning).to_contain_text("§ 18, stk. 3")
    screenshot(page, "social-control-child")
