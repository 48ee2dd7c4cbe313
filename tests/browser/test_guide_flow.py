"""A professional finds the steps for a concern and age, as a person clicks through it."""

from playwright.sync_api import expect


def test_teacher_finds_the_steps_for_a_child_who_may_be_sent_abroad(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name="For fagpersoner").first.click()

    page.get_by_label("Ufrivilligt udlandsophold").check()
    page.get_by_label("Under 18 år").check()
    page.get_by_role("button", name="Vis hvad jeg skal gøre").click()

    expect(page).to_have_url(page.url.split("/fagperson/")[0] + "/fagperson/stay_abroad/under-18/")
    expect(page.locator(".do-not-contact-parents")).to_contain_text("ikke kontakte forældrene")
    expect(page.locator(".duty-to-notify")).to_contain_text("skærpet underretningspligt")
    expect(page.get_by_role("link", name="Underret kommunen")).to_be_visible()
    screenshot(page, "stay-abroad-child")

    page.get_by_role("link", name="Underret kommunen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Underret kommunen")
    screenshot(page, "notify")


def test_missing_age_is_explained_and_the_choice_is_kept(page, screenshot):
    page.goto("/fagperson/")
    page.get_by_label("Pres til eller tvunget ægteskab").check()
    page.get_by_role("button", name="Vis hvad jeg skal gøre").click()

    expect(page.get_by_role("alert")).to_contain_text("Vælg om personen er under eller over 18 år")
    expect(page.get_by_label("Pres til eller tvunget ægteskab")).to_be_checked()
    screenshot(page, "chooser-error")


def test_adult_path_in_english(page, screenshot):
    page.goto("/en/fagperson/honour_abuse/over-18/")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("18")
    screenshot(page, "honour-abuse-adult-en")


def test_public_page(page, screenshot):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Er du bekymret")
    expect(page.get_by_role("link", name="48 100 100").first).to_be_visible()
    screenshot(page, "home")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "home-phone")


def test_whole_plan(page, screenshot):
    page.goto("/fagperson/plan/")

    page.get_by_role("link", name="Bilag 1: Pressehåndtering").first.click()
    expect(page.locator("#bilag-presse")).to_be_in_viewport()
    screenshot(page, "whole-plan")
