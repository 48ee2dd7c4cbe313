"""The leader's pages (statistics, the press log, the plan's governance, the staff home), and
axe-core on the staff pages a caseworker spends the day on: the statistics, the queue, a case.

Each person has their own browser context (their own session cookie).
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.cases import services as case_services
from beredskab.meetings import services as meeting_services
from beredskab.plans.selectors import current_plan
from beredskab.press.models import PressInquiry
from beredskab.section12a import services as section12a_services
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification


@pytest.fixture
def desk(browser, live_server, allerod_plan):
    """desk(user) -> a page in a browser context of its own, signed in as `user`."""
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
        page.set_default_timeout(10_000)
        return page

    yield open_for
    for context in contexts:
        context.close()


def _notifications_in_two_months():
    """Three notifications this month and two in the month before, of different kinds."""
    now = timezone.localtime()
    this_month = now.replace(day=1, hour=10, minute=0, second=0, microsecond=0)
    last_month = this_month - dt.timedelta(days=10)
    made = [
        make_notification(received_at=this_month, concern_types=["forced_marriage"]),
        make_notification(received_at=this_month, age_group="child", channel="email"),
        make_notification(
            received_at=min(now, this_month + dt.timedelta(hours=2)),
            concern_types=["stay_abroad", "social_control"],
            immediate_danger=True,
        ),
        make_notification(received_at=last_month, notifier_kind="anonymous", notifier_phone=""),
        make_notification(
            received_at=last_month,
            age_group="child",
            channel="web_citizen",
            notifier_kind="citizen",
        ),
    ]
    return made


def test_leader_sees_statistics_press_log_plan_and_home(desk, axe, screenshot):
    leader = make_staff("leder", roles.LEADER, first_name="Lene", last_name="Leder")
    colleague = make_staff("tovholder", roles.COORDINATOR, first_name="Tove", last_name="Tovholder")
    _notifications_in_two_months()

    # Another employee takes a journalist's call and registers it.
    desk_colleague = desk(colleague)
    desk_colleague.goto("/medarbejder/")
    desk_colleague.get_by_role("link", name="Registrér pressehenvendelse").first.click()
    expect(desk_colleague.get_by_role("heading", level=1)).to_have_text(
        "Registrér pressehenvendelse"
    )
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    desk_colleague.get_by_label("Medie").fill("TV 2 Lorry")
    desk_colleague.get_by_label("Journalistens navn").fill("Jens Journalist")
    desk_colleague.get_by_label("Journalistens telefonnummer").fill("33 44 55 66")
    desk_colleague.get_by_label("Journalistens e-mail").fill("jj@tv2lorry.example")
    desk_colleague.get_by_label("Hvad handler henvendelsen om?").fill(
        "Spørger til kommunens indsats mod tvangsægteskaber i år."
    )
    desk_colleague.get_by_label("Journalistens frist, dato").fill(tomorrow.strftime("%d-%m-%Y"))
    desk_colleague.get_by_label("Journalistens frist, klokkeslæt").fill("12:00")
    screenshot(desk_colleague, "01-press-form")
    desk_colleague.get_by_role("button", name="Registrér henvendelsen").click()
    expect(
        desk_colleague.get_by_text("Pressehenvendelsen er registreret som #").first
    ).to_be_visible()
    inquiry = PressInquiry.objects.get()
    assert inquiry.created_by == colleague and inquiry.medium == "TV 2 Lorry"
    screenshot(desk_colleague, "02-press-registered")

    leader_page = desk(leader)

    # The staff home: the plan's revision notice for leaders.
    leader_page.goto("/medarbejder/")
    expect(leader_page.get_by_role("heading", level=1)).to_have_text("Velkommen, Lene Leder")
    notice = leader_page.locator(".revision-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Beredskabsplanen s")  # "skal revideres" or "skulle have været"
    expect(notice).to_contain_text("Barnets Lov § 15, stk. 3")
    expect(notice.get_by_role("link", name="Se planens versioner")).to_be_visible()
    screenshot(leader_page, "03-leader-home")

    # The statistics.
    leader_page.get_by_role("navigation").get_by_role("link", name="Statistik").click()
    expect(leader_page.get_by_role("heading", level=1)).to_have_text("Statistik")
    expect(leader_page.locator(".stats-summary").first).to_contain_text("5 underretninger modtaget")
    expect(leader_page.locator("section.stats-section").first).to_be_visible()
    screenshot(leader_page, "04-leader-statistics")
    assert axe(leader_page) == [], "axe on /medarbejder/statistik/"

    # The press log.
    leader_page.get_by_role("navigation").get_by_role("link", name="Presse", exact=True).click()
    expect(leader_page.get_by_role("heading", level=1)).to_have_text("Presseloggen")
    row = leader_page.locator("table.press-open tbody tr", has_text="TV 2 Lorry")
    expect(row).to_contain_text("Spørger til kommunens indsats")
    expect(row).to_contain_text("Tove Tovholder")  # who received it
    expect(row.get_by_role("link", name="Tildel")).to_be_visible()
    screenshot(leader_page, "05-leader-press-log")
    row.get_by_role("link", name=f"#{inquiry.pk}").click()
    expect(leader_page.locator("body")).to_contain_text("Jens Journalist")
    screenshot(leader_page, "06-leader-press-detail")

    # The plan's governance overview.
    leader_page.get_by_role("navigation").get_by_role("link", name="Beredskabsplanen").click()
    expect(leader_page.get_by_role("heading", level=1)).to_have_text("Beredskabsplanen")
    expect(leader_page.get_by_role("heading", name="Den offentliggjorte version")).to_be_visible()
    expect(leader_page.locator("table")).to_contain_text(current_plan().plan.version)
    # A leader reads; only the plan administrator uploads.
    expect(leader_page.get_by_role("link", name="Upload ny version")).to_have_count(0)
    screenshot(leader_page, "07-leader-plan-governance")


def _case_with_history():
    """An adult's case with an assessment, a coordinator, counselling and an initiative."""
    intake_user = make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtagelsen")
    coordinator = make_staff(
        "tovholder", roles.COORDINATOR, first_name="Tove", last_name="Tovholder"
    )
    notification = make_notification(
        person_name="Sara Testperson",
        concern_types=["forced_marriage"],
        children_in_household="yes",
        children_details="En lillebror på 7 år.",
    )
    case = notification.case
    plan = current_plan()
    case_services.record_risk_assessment(
        case,
        answers={f.key: ("no", "") for f in plan.risk_factors},
        level="medium",
        acute_action_needed=False,
        justification="Pres fra familien om ægteskab.",
        by=intake_user,
    )
    case_services.assign_coordinator(case, coordinator, by=intake_user)
    section12a_services.record_counselling_offer(
        case, status="offered", at=timezone.now(), by=coordinator, note="Tilbudt pr. telefon."
    )
    meeting_services.create_initiative(
        case,
        kind="red_counselling",
        responsible=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=coordinator,
    )
    return notification


def test_no_serious_accessibility_violations_on_queue_and_case(desk, axe, screenshot):
    leader = make_staff("leder", roles.LEADER, first_name="Lene", last_name="Leder")
    queued = make_notification(immediate_danger=True, person_name="Demo Person")
    notification = _case_with_history()

    page = desk(leader)
    page.goto("/medarbejder/underretninger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modtagelsens kø")
    expect(page.locator("table.queue")).to_contain_text(queued.reference)
    screenshot(page, "01-queue")
    queue_violations = axe(page)

    page.goto(f"/medarbejder/sager/{notification.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sag {notification.reference}")
    expect(page.locator(".case-initiatives")).to_contain_text("RED Rådgivning")
    screenshot(page, "02-case")
    case_violations = axe(page)

    assert queue_violations == [], "axe on /medarbejder/underretninger/"
    assert case_violations == [], "axe on /medarbejder/sager/<reference>/"
