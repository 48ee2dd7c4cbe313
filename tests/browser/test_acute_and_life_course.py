"""Two walks in the browser, with the clock frozen where the story needs it:

- an acute notification from the web form alerts at once, nobody acknowledges it, the sweep
  escalates it to the leaders, and Modtagelsen acknowledges it from the queue;
- a child case watched across the 18th birthday and moved to the adult track.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.cases.life_course import watch_age_limit
from beredskab.cases.models import Track
from beredskab.intake.models import AcuteAlert, Notification
from beredskab.intake.sweep import sweep
from beredskab.outbox.models import EmailKind, OutboundEmail
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.xdist_group("serial")

# Wednesday 2 December 2026 22.00 in Copenhagen: outside the opening hours.
WEDNESDAY_NIGHT = dt.datetime(2026, 12, 2, 21, 0, tzinfo=dt.UTC)


def open_as(browser, live_server, user):
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
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_an_acute_notification_alerts_at_once_and_escalates_when_nobody_acknowledges_it(
    browser, live_server, allerod_plan, page, screenshot
):
    intake = make_staff("modtager", roles.INTAKE, email="modtager@kommune.example")
    make_staff("chef", roles.LEADER, email="chef@kommune.example")
    with time_machine.travel(WEDNESDAY_NIGHT, tick=True):
        make_notification(channel="phone", description="En anden sag")
        # A teacher notifies through the web form, late in the evening, and says it is acute.
        page.goto("/fagperson/stay_abroad/under-18/")
        page.get_by_role("link", name="Underret kommunen").click()
        page.get_by_label("Dit navn").fill("Lærer Hansen")
        page.get_by_label("Din arbejdsplads").fill("Lillerød Skole")
        page.get_by_label("Din funktion").fill("Klasselærer")
        page.get_by_label("Dit telefonnummer").fill("12345678")
        page.get_by_label("Din e-mail").fill("hansen@skole.example")
        page.get_by_label("Hvad er der sket?").fill(
            "Hun skal rejse i morgen og må ikke komme hjem."
        )
        page.locator("#id_immediate_danger_0").check()
        screenshot(page, "professional-acute")
        page.get_by_role("button", name="Send underretningen").click()
        expect(page.locator("body")).to_contain_text("U-")
        notification = Notification.objects.get(immediate_danger=True)
        alert = AcuteAlert.objects.get(notification=notification)
        assert alert.outside_hours
        alerted = set(
            OutboundEmail.objects.filter(kind=EmailKind.ACUTE_ALERT).values_list("to", flat=True)
        )
        assert alerted == {"familier@alleroed.dk", "giov@alleroed.dk"}

    # 31 minutes later nobody has acknowledged it: the sweep escalates to the leaders.
    with time_machine.travel(WEDNESDAY_NIGHT + dt.timedelta(minutes=31), tick=True):
        assert sweep().alerts_escalated == [notification.reference]
        escalated = set(
            OutboundEmail.objects.filter(kind=EmailKind.ACUTE_ESCALATION).values_list(
                "to", flat=True
            )
        )
        assert escalated == {"chef@kommune.example", "giov@alleroed.dk"}

        desk = open_as(browser, live_server, intake)
        desk.goto("/medarbejder/underretninger/")
        first_row = desk.locator("table.queue tbody tr").first
        expect(first_row).to_contain_text(notification.reference)
        expect(first_row).to_contain_text("Akut fare")
        expect(desk.locator("#open-alerts")).to_contain_text("eskaleret til lederen")
        screenshot(desk, "queue-acute-first")
        desk.locator("#open-alerts a").first.click()
        expect(desk.locator("#akut")).to_contain_text("Alarmen er eskaleret til lederen")
        screenshot(desk, "alert-not-acknowledged")
        desk.get_by_role("button", name="Kvittér: jeg har læst alarmen og handler nu").click()
        expect(desk.locator("#akut")).to_contain_text("Kvitteret af Modtager")
        screenshot(desk, "alert-acknowledged")
        desk.goto("/medarbejder/underretninger/?akut=1")
        expect(desk.locator("table.queue tbody tr")).to_have_count(1)
        expect(desk.locator("#open-alerts")).to_have_count(0)
        screenshot(desk, "queue-acute-filter")
    alert.refresh_from_db()
    assert alert.acknowledged_by == intake


def test_a_child_case_is_watched_across_the_18th_birthday(
    browser, live_server, allerod_plan, screenshot
):
    unit = make_staff("boern", roles.CHILDREN_UNIT)
    make_staff("tovholder", roles.COORDINATOR, first_name="Tove")
    leader = make_staff("chef", roles.LEADER)
    eve = dt.datetime(2026, 12, 9, 11, 0, tzinfo=dt.UTC)
    with time_machine.travel(eve - dt.timedelta(days=20), tick=False):
        case = make_notification(age_group="child", person_birth_date=dt.date(2008, 12, 10)).case
    reference = case.notification.reference

    with time_machine.travel(eve, tick=True):
        assert watch_age_limit() == []
        desk = open_as(browser, live_server, leader)
        desk.goto(f"/medarbejder/sager/{reference}/")
        expect(desk.locator(".age-limit-coming")).to_contain_text("fylder 18 år 10. dec.")
        screenshot(desk, "before-birthday")
        desk.context.close()

    with time_machine.travel(eve + dt.timedelta(days=1), tick=True):
        assert watch_age_limit() == [reference]
        desk = open_as(browser, live_server, leader)
        desk.goto(f"/medarbejder/sager/{reference}/")
        prompt = desk.locator(".age-limit-prompt")
        expect(prompt).to_contain_text("Personen fyldte 18 år")
        screenshot(desk, "birthday-prompt")
        prompt.get_by_label("Tovholder på voksensporet").select_option(index=1)
        prompt.get_by_role("button", name="Flyt til voksensporet").click()
        expect(desk.locator("body")).to_contain_text("Sagen er flyttet til voksensporet")
        expect(desk.locator(".age-limit-prompt")).to_have_count(0)
        screenshot(desk, "moved-to-adult-track")
    case.refresh_from_db()
    assert case.track == Track.ADULT
    del unit
