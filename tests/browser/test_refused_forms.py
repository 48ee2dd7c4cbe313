"""A citizen's form refused in a real browser: posted from a page that is not ours (a data: URL,
so the browser sends Origin: null), and one post too many. Either way the text comes back, with
the phone numbers and the quick exit, and pressing Send again from our own page goes through."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from beredskab.intake.models import Notification

TEXT = "Min søster må ikke gå i skole og bliver holdt hjemme."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The live server's tests commit, and the cache table is no model that the flush empties.
    yield
    cache.clear()


def test_a_form_posted_from_elsewhere_comes_back_with_the_text_and_can_be_sent(
    page, live_server, screenshot
):
    elsewhere = f"""<form method="post" action="{live_server.url}/underret/borger/">
      <input name="about" value="other"><input name="anonymous" value="on">
      <input name="age_group" value="unknown">
      <input name="concern_types" value="social_control"><input name="immediate_danger" value="no">
      <textarea name="description">{TEXT}</textarea><button>Send</button></form>"""
    page.goto("data:text/html;charset=utf-8," + quote(elsewhere))
    page.get_by_role("button", name="Send").click()

    expect(page.locator("#refused")).to_contain_text("Formularen er ikke modtaget")
    expect(page.get_by_label("Hvad er der sket?")).to_have_value(TEXT)
    expect(page.locator("#quick-exit")).to_be_visible()
    expect(page.locator("#refused")).to_contain_text("4927 1448")
    screenshot(page, "refused")
    assert not Notification.objects.exists()

    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    assert Notification.objects.get().description == TEXT


def test_one_post_too_many_keeps_the_text_and_the_numbers(page, screenshot):
    for _ in range(30):  # junk from the same address, this hour
        page.request.post("/underret/borger/", form={}, headers={"Sec-Fetch-Site": "same-origin"})
    page.goto("/underret/borger/")
    page.get_by_label("Hvad er der sket?").fill(TEXT)

    page.get_by_role("button", name="Send").click()

    expect(page.locator("#refused")).to_contain_text("For mange forsøg lige nu")
    expect(page.get_by_label("Hvad er der sket?")).to_have_value(TEXT)
    expect(page.locator("#refused")).to_contain_text("48 100 100")
    expect(page.locator("#quick-exit")).to_be_visible()
    screenshot(page, "too-many")
    assert not Notification.objects.exists()
