"""The citizen's and the professional's notification forms, and Modtagelsen's queue, as people
click through them: an error, a correction, a double submit, and the queue."""

from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.intake.models import Notification


def test_citizen_reports_anonymously_after_fixing_a_mistake(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Skriv til os om din bekymring").click()

    page.get_by_label("Det handler om en anden").check()
    page.get_by_label("Jeg vil være anonym").check()
    page.get_by_label("Mistanke/viden om social kontrol").check()
    page.get_by_label("Alder ukendt").check()
    page.get_by_role("button", name="Send").click()  # forgot to describe what happened

    expect(page.get_by_role("alert")).to_contain_text("Beskriv hvad der er sket")
    expect(page.get_by_label("Jeg vil være anonym")).to_be_checked()
    screenshot(page, "citizen-error")

    page.get_by_label("Hvad er der sket?").fill("Min veninde må ikke se sine venner.")
    page.locator("#id_immediate_danger_1").check()
    page.get_by_label("Ved ikke").first.check()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    screenshot(page, "citizen-submitted")
    notification = Notification.objects.get()
    assert notification.notifier_kind == "anonymous"
    expect(page.locator("#reference")).to_have_text(notification.reference)


def test_professional_double_click_gives_one_notification(page, screenshot):
    page.goto("/fagperson/stay_abroad/under-18/")
    page.get_by_role("link", name="Underret kommunen").click()

    expect(page.get_by_label("Ufrivilligt udlandsophold")).to_be_checked()
    page.get_by_label("Dit navn").fill("Lærer Hansen")
    page.get_by_label("Din arbejdsplads").fill("Lillerød Skole")
    page.get_by_label("Din funktion").fill("Klasselærer")
    page.get_by_label("Dit telefonnummer").fill("12345678")
    page.get_by_label("Din e-mail").fill("hansen@skole.example")
    page.get_by_label("Hvad er der sket?").fill("Eleven er bange for at blive sendt til udlandet.")
    page.locator("#id_immediate_danger_1").check()
    screenshot(page, "professional-filled")

    page.get_by_role("button", name="Send underretningen").dblclick()

    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    assert Notification.objects.count() == 1
    # Sending the same form again (the browser's resend on reload) still gives one.
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    assert Notification.objects.count() == 1
    screenshot(page, "professional-submitted")


def test_immediate_danger_shows_112(page):
    page.goto("/underret/borger/")
    page.get_by_label("Det handler om en anden").check()
    page.get_by_label("Jeg vil være anonym").check()
    page.get_by_label("tvunget ægteskab").check()
    page.get_by_label("Alder ukendt").check()
    page.get_by_label("Hvad er der sket?").fill("Hun bliver truet nu.")
    page.locator("#id_immediate_danger_0").check()
    page.get_by_role("button", name="Send").click()

    expect(page.locator(".immediate-danger")).to_contain_text("112")
    assert Notification.objects.get().immediate_danger


def test_modtagelsen_sees_the_queue_and_opens_a_notification(signed_in_page, screenshot):
    from tests.intake.helpers import make_notification

    first = make_notification(immediate_danger=True, person_name="Demo Person")
    page = signed_in_page(roles.INTAKE)

    page.goto("/medarbejder/underretninger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modtagelsens kø")
    expect(page.get_by_role("table")).to_contain_text(first.reference)
    expect(page.get_by_role("table")).to_contain_text("Akut fare")
    screenshot(page, "queue")

    page.get_by_role("link", name=first.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.reference)
    expect(page.get_by_text("Frist-historik")).to_be_visible()
    screenshot(page, "detail")
