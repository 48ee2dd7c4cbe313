"""The quick exit leaves for a neutral site and the back button does not return to the page."""

import pytest
from playwright.sync_api import expect

NEUTRAL = "https://www.dr.dk/"


@pytest.fixture
def neutral_site(page):
    # No network here: answer for the neutral site locally.
    page.route(
        "https://www.dr.dk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Nyheder</h1>"),
    )
    return page


def test_button_leaves_and_replaces_the_page_in_history(neutral_site, live_server):
    page = neutral_site
    page.goto("about:blank")
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Forlad siden hurtigt").click()

    expect(page).to_have_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url), "back must not return to the page"


def test_escape_key_leaves(neutral_site, live_server):
    page = neutral_site
    page.goto("about:blank")
    page.goto(live_server.url + "/")

    page.keyboard.press("Escape")

    expect(page).to_have_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url)


def test_without_javascript_the_page_works_and_the_exit_is_a_link(
    browser, live_server, allerod_plan
):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.route(
        "https://www.dr.dk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Nyheder</h1>"),
    )
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Er du bekymret")

    page.get_by_role("link", name="Forlad siden hurtigt").click()

    expect(page).to_have_url(NEUTRAL)
    context.close()


def test_public_page_sets_no_cookies_and_asks_no_other_host(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/")
    page.wait_for_load_state("networkidle")

    assert page.context.cookies() == []
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


def test_escape_while_typing_keeps_the_text(neutral_site, live_server):
    page = neutral_site
    page.goto(live_server.url + "/underret/borger/")
    field = page.locator("textarea").first
    field.fill("Eleven fortæller om en rejse.")

    field.press("Escape")

    assert page.url.startswith(live_server.url)
    expect(field).to_have_value("Eleven fortæller om en rejse.")


def test_shift_three_times_leaves_even_from_a_field_and_back_shows_no_text(
    neutral_site, live_server
):
    page = neutral_site
    page.goto("about:blank")
    page.goto(live_server.url + "/underret/borger/")
    page.locator("textarea").first.fill("Eleven fortæller om en rejse.")

    for _ in range(3):
        page.keyboard.press("Shift")

    expect(page).to_have_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(live_server.url), "back must not return to the form"
    assert "Eleven fortæller" not in page.content()


def test_the_escape_hint_is_hidden_on_a_touch_screen(browser, live_server, allerod_plan):
    context = browser.new_context(
        base_url=live_server.url,
        has_touch=True,
        is_mobile=True,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.goto("/")

    expect(page.get_by_role("link", name="Forlad siden hurtigt")).to_be_visible()
    expect(page.locator(".quick-exit-hint")).to_be_hidden()
    context.close()
