"""The public page for worried citizens."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

CPH = ZoneInfo("Europe/Copenhagen")

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture
def at(time_machine):
    """Freeze 'now' for the views at a given local time."""

    def freeze(text):
        moment = dt.datetime.fromisoformat(text).replace(tzinfo=CPH)
        time_machine.move_to(moment, tick=False)

    return freeze


def test_shows_the_numbers_and_e_mail(client):
    page = client.get("/").content.decode()

    assert "Er du bekymret" in page
    assert 'href="tel:+4548100100"' in page
    assert "mailto:familier@alleroed.dk" in page
    assert 'href="tel:112"' in page
    assert 'href="tel:114"' in page


def test_open_during_telephone_hours(client, at):
    at("2026-11-23 13:00")  # Monday

    page = client.get("/").content.decode()

    assert "Åbent nu" in page
    assert "indtil kl. 17.00" in page


def test_closed_on_a_holiday_points_to_the_social_doegnvagt(client, at):
    at("2025-12-25 13:00")  # Christmas Day, a Thursday

    page = client.get("/").content.decode()

    assert "Lukket nu" in page
    assert "Juledag" in page
    assert 'href="tel:+4549271448"' in page
    assert "Døgnvagt" in page


def test_anonymous_counselling_is_offered(client):
    page = client.get("/").content.decode()

    assert "BørneTelefonen" in page
    assert "116 111" in page


def test_sets_no_cookies_and_is_not_stored(client):
    response = client.get("/")

    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


def test_loads_nothing_from_other_hosts(client):
    page = client.get("/").content.decode()

    sources = re.findall(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources, "the page should load its own styles and script"
    assert all(src.startswith("/") for src in sources), sources


def test_content_security_policy_forbids_inline_script_and_other_hosts(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy


def test_has_a_quick_exit_that_works_without_javascript(client):
    page = client.get("/").content.decode()

    assert re.search(r'<a[^>]+href="https://www.dr.dk/"[^>]+id="quick-exit"', page)


def test_english_version(client, at):
    at("2026-11-23 13:00")

    page = client.get("/en/").content.decode()

    assert '<html lang="en" dir="ltr">' in page
    assert "Are you worried" in page
    assert "Open now" in page


def test_english_page_links_back_to_danish(client):
    page = client.get("/en/").content.decode()

    assert 'href="/" hreflang="da"' in page


def test_accessibility_statement(client):
    page = client.get("/tilgaengelighed/").content.decode()

    assert "WCAG 2.1" in page


@override_settings(BEREDSKAB_MUNICIPALITY="nowhere")
def test_without_a_published_plan_the_page_explains_itself(client):
    response = client.get("/")

    assert response.status_code == 503
    assert "load_plan" not in response.content.decode()  # no internals for the public
