"""The public page for worried citizens."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from beredskab.plans.templatetags.plan_text import tel
from tests.intake.helpers import form_data

CPH = ZoneInfo("Europe/Copenhagen")

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture
def at(time_machine):
    """Freeze 'now' for the views at a given local time."""

    def freeze(text):
        moment = dt.datetime.fromisoformat(text).replace(tzinfo=CPH)
        time_machine.move_to(moment, tick=False)

    return freeze


def test_shows_the_numbers_and_e_mail(client, any_plan):
    page = client.get("/").content.decode()

    assert "Er du bekymret" in page
    assert f'href="{tel(any_plan.main_phone.number)}"' in page
    assert f"mailto:{any_plan.main_email.address}" in page
    assert f'href="{tel(any_plan.contact.outside_hours.phone)}"' in page
    assert 'href="tel:112"' in page
    assert 'href="tel:114"' in page
    for site in any_plan.contact.sites:
        assert site.name["da"] in page
        for phone in site.phones:
            assert f'href="{tel(phone.number)}"' in page


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


def test_sets_no_cookies_and_is_not_stored(client, any_plan):
    response = client.get("/")

    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]


def test_loads_nothing_from_other_hosts(client, any_plan):
    page = client.get("/").content.decode()

    sources = re.findall(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources, "the page should load its own styles and script"
    assert all(src.startswith("/") for src in sources), sources


def test_content_security_policy_forbids_inline_script_and_other_hosts(client, any_plan):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy


def test_has_a_quick_exit_that_works_without_javascript(client, any_plan):
    page = client.get("/").content.decode()

    exit_url = re.escape(any_plan.plan.quick_exit_url)
    assert re.search(rf'<a[^>]+href="{exit_url}"[^>]+id="quick-exit"', page)


def test_english_version(client, at):
    at("2026-11-23 13:00")

    page = client.get("/en/").content.decode()

    assert '<html lang="en" dir="ltr">' in page
    assert "Are you worried" in page
    assert "Open now" in page


def test_english_page_links_back_to_danish(client, any_plan):
    page = client.get("/en/").content.decode()

    assert 'href="/" hreflang="da"' in page


def test_accessibility_statement(client, any_plan):
    page = client.get("/tilgaengelighed/").content.decode()

    assert "WCAG 2.1" in page


@override_settings(BEREDSKAB_MUNICIPALITY="nowhere")
def test_without_a_published_plan_the_page_explains_itself(client):
    response = client.get("/")

    assert response.status_code == 503
    assert "load_plan" not in response.content.decode()  # no internals for the public


def test_the_hours_are_called_opening_hours_as_in_the_plan(client, at):
    # Plan, "Kontakt": "Åbningstid" (Mandag 12-17, Tirsdag 8-12, Torsdag 12-17); "Uden for
    # åbningstiden kontaktes Allerød Kommunes Sociale Døgnvagt via Nordsjællands Politi".
    at("2026-11-25 13:00")  # Wednesday

    page = client.get("/").content.decode()

    assert '<h2 class="h3">Åbningstid</h2>' in page
    assert "Uden for åbningstiden:" in page
    assert "elefontid" not in page


def test_outside_the_hours_the_page_says_what_the_plan_says(client, at):
    # The plan never says the phone is closed: outside the opening hours it sends callers to the
    # Social Døgnvagt, open day and night.
    at("2026-11-25 13:00")  # Wednesday

    page = client.get("/").content.decode()

    assert "telefon har lukket" not in page
    assert (
        "Uden for kommunens åbningstid kontakt den Sociale Døgnvagt via Nordsjællands Politi"
        in (page)
    )


def test_114_is_not_offered_as_the_number_for_danger(client, any_plan):
    # Plan: "... skal der tages direkte kontakt til politiet på 112 eller 114"; 114 is the
    # police's service number, for when nobody is in danger right now.
    page = client.get("/").content.decode()
    box = page[
        page.index("Er nogen i fare lige nu?") : page.index("</div>", page.index("acute-alert"))
    ]

    danger = box[: box.index('href="tel:114"')]
    assert 'href="tel:112"' in danger
    assert "Politiets servicenummer" in box
    assert "akut" not in box[box.index('href="tel:114"') :].lower()


def test_the_municipalitys_own_anonymous_counselling_is_listed(client):
    # Plan, "Indsatser rettet mod borgere": "Tilbud om åben anonym rådgivning".
    page = client.get("/").content.decode()
    anonymous = page[
        page.index('id="anonymous-heading"') : page.index(
            "</section>", page.index('id="anonymous-heading"')
        )
    ]

    assert "Allerød Kommune" in anonymous
    assert "Tilbud om åben anonym rådgivning" in anonymous
    assert 'href="tel:+4548100100"' in anonymous
    assert anonymous.index("Allerød Kommune") < anonymous.index("BørneTelefonen")


def test_the_page_says_it_uses_no_cookies(client, any_plan):
    page = client.get("/").content.decode()

    assert "Siden bruger ingen cookies." in page
    assert "gemmer ingen cookies" not in page


@pytest.mark.parametrize("path", ["/", "/en/", "/unge/", "/tilgaengelighed/", "/api/kontakt-nu/"])
def test_uptime_monitors_may_ask_with_head(client, path):
    head = client.head(path)

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == client.get(path)["Content-Type"]


def test_a_citizen_asking_for_help_is_told_about_a_henvendelse(client):
    # A citizen, perhaps writing about themselves, asks for help (a "henvendelse"); only a
    # professional's message is an "underretning".
    response = client.post(
        "/underret/borger/",
        form_data(
            {
                "anonymous": "on",
                "notifier_relation": "Mig selv",
                "age_group": "adult",
                "children_in_household": "no",
                "concern_types": ["social_control"],
                "description": "Min familie bestemmer, hvem jeg må se.",
                "immediate_danger": "no",
                "family_knows": "no",
            }
        ),
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "Modtagelsen vurderer alle henvendelser inden for 24 timer" in page
    assert "underretning" not in page.lower()
