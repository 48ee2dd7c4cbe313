"""A case from the notification to its closing, clicked through by the people who handle it:
the professional who notifies, Modtagelsen, the coordinator (tovholder) and the children's unit.

Each person has their own browser context (their own session cookie), as they would at their own
desks. Screenshots of every main step go to test-artifacts/screenshots/.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.cases.models import Case, CaseState, JournalEntry, JournalKind, Track
from beredskab.meetings.models import Initiative, InitiativeStatus
from beredskab.plans.selectors import current_plan
from beredskab.section12a.models import ActionPlan, CounsellingOffer
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


def _day(date: dt.date) -> str:
    return date.strftime("%d-%m-%Y")


def _assess_in_browser(page, reference, *, level, justification, also_yes=()):
    """On the case page: Risikovurdér, answer every factor of the plan, save."""
    page.get_by_role("link", name="Risikovurdér").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    factors = current_plan().risk_factors
    assert len(factors) >= 10
    for number, factor in enumerate(factors):
        answer = "yes" if number == 0 or factor.key in also_yes else "no"
        answer = "unknown" if number == 1 else answer
        page.locator(f"input[name='factor_{factor.key}'][value='{answer}']").check()
    page.get_by_label(f"Bemærkning til »{factors[0].text['da']}«").fill(
        "Personen fortæller selv om truslerne."
    )
    page.locator(f"input[name='level'][value='{level}']").check()
    page.locator("input[name='acute_action_needed'][value='no']").check()
    page.get_by_label("Begrundelse for vurderingen").fill(justification)
    return factors


def _journal_labels(page) -> list[str]:
    return page.locator("table.journal tbody tr td:nth-child(2)").all_inner_texts()


def test_adult_case_from_notification_to_closing(page, desk, screenshot):
    intake_user = make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtagelsen")
    coordinator = make_staff(
        "tovholder", roles.COORDINATOR, first_name="Tove", last_name="Tovholder"
    )
    make_staff("ig", roles.INTERVENTION_GROUP, first_name="Ib", last_name="Indsatsgruppe")
    make_staff("tovholder2", roles.COORDINATOR, first_name="Anders", last_name="Andentovholder")
    today = timezone.localdate()

    # -- A professional notifies ------------------------------------------------------------
    page.goto("/underret/fagperson/")
    page.get_by_label("Dit navn").fill("Sundhedsplejerske Jensen")
    page.get_by_label("Din arbejdsplads").fill("Sundhedsplejen, Allerød")
    page.get_by_label("Din funktion").fill("Sundhedsplejerske")
    page.get_by_label("Dit telefonnummer").fill("48 10 20 30")
    page.get_by_label("Din e-mail").fill("jensen@sundhed.example")
    page.get_by_label("Personens navn").fill("Sara Testperson")
    page.locator("#id_person_age").fill("19")
    page.locator("input[name='age_group'][value='adult']").check()
    page.locator("input[name='concern_types'][value='forced_marriage']").check()
    page.get_by_label("Hvad er der sket?").fill(
        "Sara fortæller, at familien har planlagt et ægteskab i sommerferien, som hun ikke vil."
    )
    page.locator("input[name='immediate_danger'][value='no']").check()
    screenshot(page, "01-professional-form")
    page.get_by_role("button", name="Send underretningen").click()
    expect(page.get_by_role("status")).to_contain_text("Dit referencenummer")
    reference = page.locator("#reference").inner_text().strip()
    case = Case.objects.get(notification__reference=reference)
    assert case.track == Track.ADULT and case.state == CaseState.RECEIVED
    screenshot(page, "02-professional-receipt")

    # -- Modtagelsen: the queue, the notification, the case ----------------------------------
    intake = desk(intake_user)
    intake.goto("/medarbejder/underretninger/")
    row = intake.locator("tr.queue-row", has_text=reference)
    expect(row).to_contain_text("tvunget ægteskab")
    expect(row).to_contain_text("18 år eller ældre")
    screenshot(intake, "03-intake-queue")
    row.get_by_role("link", name=reference).click()
    expect(intake.get_by_role("heading", level=1)).to_have_text(f"Underretning {reference}")
    screenshot(intake, "03b-intake-notification")
    # The notification page has no link to its case: Modtagelsen goes through "Sager".
    intake.get_by_role("navigation").get_by_role("link", name="Sager", exact=True).first.click()
    intake.get_by_role("link", name=reference).click()
    expect(intake.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    expect(intake.locator(".font-lead")).to_contain_text("Modtaget")
    screenshot(intake, "04-intake-case-received")

    # -- Risk assessment -------------------------------------------------------------------
    _assess_in_browser(
        intake,
        reference,
        level="high",
        justification="Planlagt ægteskab mod hendes vilje; familien ved ikke, at hun har talt.",
        also_yes={"planned_marriage", "own_fear"},
    )
    screenshot(intake, "05-intake-assessment-form")
    intake.get_by_role("button", name="Gem risikovurdering").click()
    expect(intake.get_by_role("status").first).to_contain_text("Risikovurderingen er gemt")
    expect(intake.locator("section.assessment")).to_contain_text("Høj")
    screenshot(intake, "06-intake-case-assessed")

    # -- Route to the coordinator ----------------------------------------------------------
    intake.get_by_role("link", name="Videregiv", exact=True).click()
    expect(intake.get_by_role("heading", level=1)).to_contain_text("Videregiv sagen")
    intake.get_by_label("Tovholder").select_option(label="Tove Tovholder")
    screenshot(intake, "07-intake-route")
    intake.get_by_role("button", name="Videregiv sagen").click()
    expect(intake.get_by_text("Sagen er videregivet til tovholderen.")).to_be_visible()
    # NB: the view redirects to the case page, which Modtagelsen may no longer see after routing
    # an adult's case: the success message sits above "Du har ikke adgang til sagen" (reported).
    screenshot(intake, "08-intake-after-routing")
    case.refresh_from_db()
    assert case.state == CaseState.ROUTED and case.coordinator == coordinator

    # -- The coordinator: a meeting of the Indsatsgruppe ----------------------------------
    coord = desk(coordinator)
    coord.goto("/medarbejder/sager/")
    coord.get_by_role("link", name=reference).click()
    expect(coord.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    expect(coord.locator(".case-meetings")).to_contain_text(
        "Der er ingen planlagte møder, sagen kan komme på."
    )
    screenshot(coord, "09-coordinator-case-routed")
    coord.locator(".case-meetings").get_by_role("link", name="Planlæg et møde").click()
    expect(coord).to_have_url(re.compile("/medarbejder/indsatsgruppen/nyt/$"))
    meeting_day = today + dt.timedelta(days=2)
    while meeting_day.weekday() >= 5:  # the group meets on weekdays
        meeting_day += dt.timedelta(days=1)
    coord.get_by_label("Dato").fill(_day(meeting_day))
    coord.get_by_label("Klokken").fill("10:00")
    coord.get_by_label("Varighed i minutter").fill("90")
    coord.get_by_label("Sted", exact=True).fill("Allerød Rådhus, mødelokale 2")
    expect(coord.get_by_label(re.compile("^Ib Indsatsgruppe"))).to_be_checked()
    coord.get_by_label(re.compile("^Tove Tovholder")).check()
    screenshot(coord, "10-coordinator-new-meeting")
    coord.get_by_role("button", name="Planlæg mødet").click()
    expect(coord.get_by_role("heading", level=1)).to_contain_text("Indsatsgruppemøde")
    coord.get_by_label("Sæt en sag på dagsordenen").fill(reference)
    coord.get_by_role("button", name="Sæt på dagsordenen").click()
    expect(coord.get_by_text(f"Sag {reference} er sat på dagsordenen").first).to_be_visible()
    coord.get_by_role("button", name="Send dagsordenen").click()
    expect(coord.get_by_text("Dagsordenen er sendt.").first).to_be_visible()
    screenshot(coord, "11-coordinator-meeting-agenda")

    # -- The decision with one initiative --------------------------------------------------
    coord.get_by_role("link", name=re.compile("Registrér beslutning og indsatser")).click()
    expect(coord.get_by_role("heading", level=1)).to_contain_text(reference)
    coord.get_by_label("Beslutning", exact=True).fill(
        "Sara tilbydes ophold på RED Safehouse. Tovholderen tager kontakten."
    )
    due = today + dt.timedelta(days=14)
    coord.locator("#id_initiative_1_kind").select_option("red_safehouse")
    coord.locator("#id_initiative_1_responsible").select_option(label="Tove Tovholder")
    coord.locator("#id_initiative_1_due_on").fill(_day(due))
    coord.locator("#id_initiative_1_description").fill("Visitation via RED's døgntelefon.")
    screenshot(coord, "12-coordinator-decision-form")
    coord.get_by_role("button", name="Registrér beslutning").click()
    expect(coord.locator(".decision")).to_contain_text("RED Safehouse")
    expect(coord.locator(".decision")).to_contain_text("Tove Tovholder")
    screenshot(coord, "13-coordinator-meeting-decided")

    # -- § 12 a: counselling and an action plan --------------------------------------------
    coord.locator(".agenda-item").get_by_role("link", name=f"Sag {reference}", exact=True).click()
    expect(coord.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    coord.get_by_role("link", name="Registrér rådgivning").click()
    coord.locator("input[name='status'][value='accepted']").check()
    coord.get_by_label("Bemærkning").fill("Tilbudt ved samtale på rådhuset.")
    screenshot(coord, "14-coordinator-counselling")
    coord.get_by_role("button", name="Registrér", exact=True).click()
    expect(coord.locator(".section12a")).to_contain_text(
        "Borgeren har taget imod gratis rådgivning"
    )

    coord.get_by_role("link", name="Lav en handleplan").click()
    expect(coord.get_by_label("Risikoniveau og begrundelse")).to_have_value(
        re.compile("Risikoniveau: Høj")
    )
    coord.get_by_label("Bolig", exact=True).fill("Bor hjemme hos forældrene.")
    coord.get_by_label("Arbejde", exact=True).fill("Fritidsjob i et supermarked.")
    coord.get_by_label("Uddannelse", exact=True).fill("Går på 3. g på gymnasiet.")
    coord.get_by_label("Forhold til pårørende", exact=True).fill(
        "God kontakt til en moster; konflikt med far og brødre."
    )
    coord.get_by_label("Overvejet støtte til bolig, arbejde og uddannelse").fill(
        "Midlertidig bolig; SU-vejledning."
    )
    coord.get_by_label("Formålet med støtten til bolig, arbejde og uddannelse").fill(
        "At hun kan fortsætte skolen i sikkerhed."
    )
    coord.get_by_label("Overvejet støtte efter serviceloven eller anden lovgivning").fill(
        "Ophold på RED Safehouse; mentor."
    )
    coord.get_by_label("Formålet med støtten efter serviceloven eller anden lovgivning").fill(
        "Beskyttelse og et netværk."
    )
    coord.get_by_label("Handleplanen er udarbejdet sammen med borgeren").check()
    expect(coord.get_by_label("Aftalt med borgeren den")).to_have_value(_day(today))
    screenshot(coord, "15-coordinator-action-plan-form")
    coord.get_by_role("button", name="Gem handleplanen").click()
    expect(coord.get_by_text("Handleplanen er gemt som version 1.")).to_be_visible()
    screenshot(coord, "16-coordinator-action-plan")

    pdf_link = coord.get_by_role("link", name="Print / PDF")
    response = coord.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    pdf_path = _artifact("test_adult_case_from_notification_to_closing-17-action-plan.pdf")
    pdf_path.write_bytes(body)

    # -- The initiative is completed; the case is closed ----------------------------------
    coord.get_by_role("link", name=reference).first.click()
    expect(coord.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    coord.locator(".case-initiatives").get_by_role("link", name=re.compile("^Opdatér")).click()
    expect(coord.get_by_role("heading", level=1)).to_contain_text("Ophold på RED Safehouse")
    coord.get_by_label("Status").select_option("completed")
    coord.get_by_label("Resultat").fill(
        "Sara har boet på RED Safehouse og er flyttet i egen bolig."
    )
    screenshot(coord, "18-coordinator-initiative-update")
    coord.get_by_role("button", name="Gem", exact=True).click()
    expect(coord.locator(".case-initiatives")).to_contain_text("Gennemført")

    coord.get_by_role("link", name="Luk sagen").click()
    coord.locator("input[name='reason'][value='resolved']").check()
    coord.get_by_role("textbox", name=re.compile("^Begrundelse")).fill(
        "Handleplanen er gennemført."
    )
    screenshot(coord, "19-coordinator-close")
    coord.get_by_role("button", name="Luk sagen").click()
    expect(coord.get_by_text("Sagen er lukket.")).to_be_visible()
    expect(coord.locator(".font-lead")).to_contain_text("Lukket")
    screenshot(coord, "20-coordinator-case-closed")

    # -- The journal on the page, and in the database --------------------------------------
    labels = _journal_labels(coord)
    for label in (
        "Risikovurdering",
        "Tovholder",
        "Indsatsgruppen",
        "Beslutning",
        "Indsats / henvisning",
        "Rådgivning (§ 12 a)",
        "Handleplan (§ 12 a)",
        "Status ændret",
    ):
        assert label in labels, f"{label!r} missing from the journal: {labels}"
    journal = coord.locator("table.journal")
    expect(journal).to_contain_text("Modtaget → Risikovurderet")
    expect(journal).to_contain_text("Risikovurderet → Videregivet")
    expect(journal).to_contain_text("Videregivet → I gang")
    expect(journal).to_contain_text("→ Lukket: Bekymringen er afklaret")
    expect(journal).to_contain_text("Tovholder: Tove Tovholder")
    expect(journal).to_contain_text("Sat på dagsordenen for Indsatsgruppens møde")
    expect(journal).to_contain_text("Indsatsgruppen besluttede: Sara tilbydes ophold")
    expect(journal).to_contain_text("taget imod")
    expect(journal).to_contain_text("version 1, aftalt med borgeren")
    expect(journal).to_contain_text("gennemført")

    kinds = set(JournalEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds >= {
        JournalKind.ASSESSMENT,
        JournalKind.COORDINATOR,
        JournalKind.MEETING,
        JournalKind.DECISION,
        JournalKind.INITIATIVE,
        JournalKind.COUNSELLING,
        JournalKind.ACTION_PLAN,
        JournalKind.STATE,
    }
    states = list(
        JournalEntry.objects.filter(case=case, kind=JournalKind.STATE).values_list(
            "text", flat=True
        )
    )
    assert states[0].startswith("Underretning modtaget")
    assert [text.split(":")[0] for text in states[1:]] == [
        "Modtaget → Risikovurderet",
        "Risikovurderet → Videregivet",
        "Videregivet → I gang",
        "I gang → Lukket",
    ]
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.close_reason == "resolved"
    initiative = Initiative.objects.get(case=case)
    assert initiative.status == InitiativeStatus.COMPLETED and initiative.responsible == coordinator
    assert initiative.due_on == due and initiative.decision is not None
    assert CounsellingOffer.objects.get(case=case).status == "accepted"
    assert ActionPlan.objects.get(case=case).made_with_person


def _artifact(name):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


def test_child_case_assessment_and_handover(desk, screenshot):
    intake_user = make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtagelsen")
    children_user = make_staff(
        "boern", roles.CHILDREN_UNIT, first_name="Birthe", last_name="Børneenheden"
    )
    notification = make_notification(
        age_group="child",
        children_in_household="yes",
        children_details="To små brødre på 6 og 9 år.",
        person_name="Amina Testbarn",
        concern_types=["stay_abroad"],
        description="Eleven fortæller, at familien skal rejse, og at hun ikke må komme tilbage.",
    )
    reference = notification.reference

    intake = desk(intake_user)
    intake.goto(f"/medarbejder/sager/{reference}/")
    expect(intake.locator(".font-lead")).to_contain_text("Barn (under 18 år)")
    prompt = intake.locator(".children-prompt")
    expect(prompt).to_contain_text("Der er børn i husstanden")
    expect(prompt).to_contain_text("To små brødre på 6 og 9 år.")
    expect(prompt.get_by_role("link", name="Registrér en underretning om børnene")).to_be_visible()
    screenshot(intake, "01-intake-case")

    _assess_in_browser(
        intake,
        reference,
        level="medium",
        justification="Planlagt rejse; ingen tegn på akut fare før skoleferien.",
        also_yes={"planned_travel", "children_affected"},
    )
    intake.get_by_role("button", name="Gem risikovurdering").click()
    expect(intake.get_by_role("status").first).to_contain_text("Risikovurderingen er gemt")

    intake.get_by_role("link", name="Videregiv", exact=True).click()
    expect(intake.get_by_label("Barn (under 18 år)")).to_be_checked()
    expect(intake.get_by_role("heading", name="Overdrag til børneområdet")).to_be_visible()
    intake.get_by_label("Medarbejder i Børneenheden").select_option(label="Birthe Børneenheden")
    intake.get_by_label("Modtaget af (navn)").fill("Birthe Børneenheden")
    intake.locator("input[name='method'][value='meeting']").check()
    intake.get_by_label("Bemærkning").fill("Gennemgået på møde i Børneenheden.")
    screenshot(intake, "02-intake-handover-form")
    intake.get_by_role("button", name="Overdrag sagen").click()
    expect(intake.get_by_text("Sagen er overdraget til Børneenheden.")).to_be_visible()

    # Modtagelsen still reads the case, but can no longer act on it.
    expect(intake.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    expect(intake.locator(".font-lead")).to_contain_text("Videregivet")
    expect(intake.locator(".case-actions")).to_have_count(0)
    expect(intake.get_by_role("link", name="Risikovurdér")).to_have_count(0)
    expect(intake.get_by_role("link", name=re.compile("Revidér risikovurdering"))).to_have_count(0)
    expect(intake.get_by_role("link", name="Luk sagen")).to_have_count(0)
    expect(intake.get_by_role("button", name="Gem notat")).to_have_count(0)
    expect(intake.get_by_role("link", name=re.compile("^ret"))).to_have_count(0)
    expect(intake.locator(".children-prompt")).to_be_visible()
    expect(intake.get_by_role("heading", name="Overdraget til børneområdet")).to_be_visible()
    expect(intake.locator("table.journal")).to_contain_text("Overdraget til Børneenheden")
    screenshot(intake, "03-intake-case-read-only")

    # The children's unit sees the case in its list and opens it.
    children = desk(children_user)
    children.goto("/medarbejder/sager/")
    children.get_by_role("link", name=reference).click()
    expect(children.get_by_role("heading", level=1)).to_have_text(f"Sag {reference}")
    prompt = children.locator(".children-prompt")
    expect(prompt).to_contain_text("Der er børn i husstanden")
    expect(prompt).to_contain_text("Kontakt Modtagelsen, der registrerer underretningen.")
    expect(children.get_by_role("link", name="Luk sagen")).to_be_visible()
    expect(children.get_by_role("button", name="Gem notat")).to_be_visible()
    # § 12 a is for adults only.
    expect(children.locator(".section12a")).to_have_count(0)
    screenshot(children, "04-children-unit-case")

    case = Case.objects.get(notification=notification)
    assert case.state == CaseState.ROUTED and case.track == Track.CHILD
    assert case.assignments.filter(user=children_user).exists()
    handover = case.handovers.get()
    assert handover.method == "meeting" and handover.received_by == children_user
    kinds = set(JournalEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert {JournalKind.ASSESSMENT, JournalKind.HANDOVER, JournalKind.STATE} <= kinds
