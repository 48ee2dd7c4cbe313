"""A day as Modtagelsen, the coordinator and the leader, clicked through: the start page ("Mit
arbejde"), finding a case, routing it (the coordinator is e-mailed a link), the receipt given
by phone marked after routing, a referral answered, and the case closed past its warnings.
Screenshots of each step go to test-artifacts/screenshots/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import CaseState
from beredskab.meetings import services as meeting_services
from beredskab.outbox.models import OutboundEmail
from tests.browser.test_case_walk import desk  # noqa: F401 (a fixture)
from tests.factories import make_staff
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.xdist_group("serial")
# A walk of a whole day: generous waits, for a machine busy with other work.
expect.set_options(timeout=30_000)


def patient(page):
    page.set_default_timeout(60_000)
    return page


def test_a_day_of_modtagelsen_the_coordinator_and_the_leader(desk, screenshot):  # noqa: F811
    intake_user = make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtager")
    coordinator = make_staff("tovholder", roles.COORDINATOR, first_name="Tove", last_name="Holm")
    leader = make_staff("leder", roles.LEADER, first_name="Lene", last_name="Leder")
    notification = make_notification(
        age_group="adult",
        person_name="Sara Testperson",
        receipt_method="phone",
        notifier_name="Lærer Hansen",
    )
    reference = notification.reference

    # -- Modtagelsen: the start page, a search, the assessment, routing -----------------------
    intake = patient(desk(intake_user))
    intake.goto("/medarbejder/")
    expect(intake.get_by_role("heading", level=1)).to_have_text("Mit arbejde")
    row = intake.locator("tr.my-case", has_text=reference)
    expect(row).to_contain_text("Risikovurdér")
    screenshot(intake, "01-intake-my-work")

    intake.get_by_role("link", name="Søg efter en sag").first.click()
    intake.get_by_label("Reference").check()
    intake.get_by_label("Søgetekst").fill(reference.lower())
    intake.get_by_role("button", name="Søg").click()
    expect(intake.get_by_role("heading", level=2)).to_contain_text("1 sag fundet")
    assert reference.lower() not in intake.url and "Søgetekst" not in intake.url
    screenshot(intake, "02-intake-search")

    services.record_risk_assessment(
        notification.case,
        answers={},
        serious_violence="high",
        acute_risk="low",
        acute_action_needed=False,
        justification="Planlagt ægteskab mod hendes vilje.",
        by=intake_user,
    )
    intake.get_by_role("link", name=reference).click()
    intake.get_by_role("link", name="Videregiv").click()
    expect(intake.locator(".receipt-owed")).to_contain_text("ikke fået kvittering")
    intake.get_by_label("Tovholder").select_option(label="Tove Holm")
    screenshot(intake, "03-intake-route")
    intake.get_by_role("button", name="Videregiv sagen").click()
    expect(intake.locator(".alert-success, [role=status]").first).to_contain_text("tovholderen")
    [email] = OutboundEmail.objects.filter(to=coordinator.email)
    assert "Sara" not in email.body and reference not in email.subject

    # -- The coordinator: the start page, the receipt, a referral answered, closing ----------
    work = patient(desk(coordinator))
    work.goto("/medarbejder/")
    expect(work.locator("tr.my-case", has_text=reference)).to_contain_text(
        "Giv underretter kvittering"
    )
    screenshot(work, "04-coordinator-my-work")
    work.get_by_role("link", name=reference).first.click()
    work.get_by_role("button", name="Markér kvittering som givet").click()
    expect(work.locator(".mark-receipt")).to_have_count(0)
    notification.refresh_from_db()
    assert notification.receipt_sent_at is not None
    screenshot(work, "05-coordinator-receipt-given")

    case = notification.case
    initiative = meeting_services.create_initiative(
        case,
        kind="red_safehouse",
        responsible=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=14),
        by=coordinator,
    )
    meeting_services.update_initiative(initiative, status="referred", by=coordinator)
    work.goto(f"/medarbejder/indsatsgruppen/indsats/{initiative.pk}/")
    work.get_by_label("Svar fra samarbejdspartneren").select_option("accepted")
    screenshot(work, "06-coordinator-referral-answer")
    work.get_by_role("button", name="Gem").click()
    initiative.refresh_from_db()
    assert initiative.partner_answer == "accepted"

    work.goto(f"/medarbejder/sager/{reference}/")
    work.get_by_role("link", name="Luk sagen").click()
    expect(work.locator(".closing-warnings")).to_contain_text("indsats er ikke afsluttet")
    work.get_by_label("Bekymringen er afklaret, og indsatsen er afsluttet").check()
    work.get_by_role("button", name="Luk sagen").click()
    expect(work.locator("#error-summary")).to_contain_text("Bekræft, at den skal lukkes")
    screenshot(work, "07-coordinator-close-warned")
    work.get_by_label("Jeg har læst advarslerne og lukker sagen alligevel").check()
    work.get_by_role("button", name="Luk sagen").click()
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    screenshot(work, "08-coordinator-closed")

    # -- The leader: the team's load ------------------------------------------------------------
    boss = patient(desk(leader))
    boss.goto("/medarbejder/")
    expect(boss.get_by_role("heading", name="Teamets belastning")).to_be_visible()
    expect(boss.locator("table.team-load")).to_contain_text("Tove Holm")
    screenshot(boss, "09-leader-my-work")
