"""The public pages in every shipped language, right to left included, in a real browser: axe
finds nothing, and the screenshots (test-artifacts/screenshots/) show them on a 375 px phone."""

import copy

import pytest

from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan
from tests.conftest import ALLEROD_FILE

SHIPPED = ["let-dansk", "ar", "fa", "ur", "ckb", "so", "tr"]
PAGES = ["/{code}/", "/{code}/unge/", "/{code}/underret/borger/"]


@pytest.fixture
def all_reviewed(allerod_plan, allerod_data):
    """Every shipped language marked reviewed, so the pages are public."""
    data = copy.deepcopy(allerod_data)
    for language in data["languages"]:
        language["reviewed"] = True
    load_plan(PlanDocument.model_validate(data), source_name=ALLEROD_FILE.name)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 375, "height": 812}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_no_violations_in_any_language(page, axe, all_reviewed):
    found = {}
    for code in SHIPPED:
        for path in PAGES:
            url = path.format(code=code)
            page.goto(url)
            violations = axe(page)
            if violations:
                found[url] = violations

    assert found == {}


def test_arabic_on_a_phone_reads_right_to_left(phone, screenshot, all_reviewed):
    phone.goto("/ar/")

    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    number = phone.locator("main .font-lead .phone-link")
    assert number.inner_text() == "48 100 100"
    # The quick exit is at the top, on the left of a right-to-left page.
    box = phone.locator("#quick-exit").bounding_box()
    assert box["y"] < 80 and box["x"] < 375 / 2
    # The Arabic font is our own.
    assert phone.evaluate("document.fonts.check('16px \"Noto Sans Arabic\"', 'هل')")
    screenshot(phone, "ar-phone")


def test_somali_on_a_phone(phone, screenshot, all_reviewed):
    phone.goto("/so/")

    assert phone.locator("h1").inner_text().startswith("Ma ka walwalsan tahay")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "so-phone")


def test_young_peoples_page_has_the_quick_exit_on_top(phone, screenshot, allerod_plan):
    phone.goto("/unge/")

    assert phone.locator("h1").inner_text() == "Bliver du kontrolleret af din familie?"
    assert phone.locator("#quick-exit").bounding_box()["y"] < 80
    assert phone.get_by_text("116 111").count() >= 1
    screenshot(phone, "young-phone")


def test_language_chooser(page, screenshot, all_reviewed):
    page.goto("/")
    chooser = page.locator(".language-nav")

    for name in ["English", "Let dansk", "العربية", "فارسی", "اردو", "کوردی", "Soomaali", "Türkçe"]:
        assert chooser.get_by_text(name).count() == 1, name
    chooser.get_by_text("العربية").click()

    assert page.url.endswith("/ar/")
    assert page.context.cookies() == []
    page.locator(".language-nav").screenshot(
        path=str(screenshot(page, "after-choosing-arabic").with_name("language-chooser.png"))
    )
