"""The risk assessment clicked through by Modtagelsen: the screening within 24 hours, the full
assessment with scenarios, likely victims (a younger sibling, who prompts a notification) and
protective factors, a consistency warning before saving, the § 12 c referral offered by a high
judgement, and a week later a revision before a known journey, shown beside the first.

Screenshots go to test-artifacts/screenshots/.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from beredskab.accounts import roles
from beredskab.cases.models import AssessmentKind, RiskAssessment
from beredskab.deadlines.models import DeadlineEvent
from beredskab.plans.selectors import current_plan
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.xdist_group("serial")


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


PRESENT = {"threats_to_kill_or_harm", "help_seeking_discovered", "own_fear", "control_money_phone"}


def test_screening_then_assessment_warning_referral_and_a_revision_a_week_later(
    desk, screenshot, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=True)
    intake_user = make_staff("modtager", roles.INTAKE, first_name="Mette", last_name="Modtagelsen")
    notification = make_notification(
        age_group="child",
        person_name="Yasmin Testperson",
        person_age=15,
        immediate_danger=True,
        concern_types=["stay_abroad"],
        description="Yasmin siger, at hun skal sendes til udlandet i sommerferien.",
    )
    reference = notification.reference
    intake = desk(intake_user)

    # -- The screening within 24 hours ----------------------------------------------------
    intake.goto(f"/medarbejder/sager/{reference}/")
    intake.get_by_role("link", name="Indledende risikoscreening").click()
    expect(intake.get_by_role("heading", level=1)).to_contain_text("Indledende risikoscreening")
    intake.locator("input[name='acute_action_needed'][value='yes']").check()
    intake.get_by_label("Politiet er kontaktet").check()
    intake.get_by_label("Social Døgnvagt er kontaktet").check()
    intake.get_by_label("Begrundelse for vurderingen").fill(
        "Hun tør ikke gå hjem i aften; politiet og Social Døgnvagt er kontaktet."
    )
    screenshot(intake, "01-screening")
    intake.get_by_role("button", name="Gem screening").click()
    expect(intake.get_by_role("status").first).to_contain_text("risikoscreening er gemt")
    expect(intake.locator(".reassessment-prompts")).to_contain_text("kun lavet en indledende")
    expect(intake.locator("section.assessment-screening")).to_contain_text("Politiet kontaktet")
    screenshot(intake, "02-case-screened")
    assert DeadlineEvent.objects.filter(
        notification=notification, deadline="assessment", event="met"
    ).exists()

    # -- The full assessment --------------------------------------------------------------
    intake.get_by_role("link", name="Fuld risikovurdering").click()
    for factor in current_plan().risk_factors:
        rating = "present" if factor.key in PRESENT else "absent"
        intake.locator(f"select[name='now_{factor.key}']").select_option(rating)
    intake.locator("select[name='earlier_threats_to_kill_or_harm']").select_option("partly")
    intake.locator("input[name='note_threats_to_kill_or_harm']").fill(
        "Storebror har skrevet, at han slår hende ihjel, hvis hun taler med nogen."
    )
    intake.locator("textarea[name='scenario_1_what']").fill(
        "Familien opdager kontakten og tager hende ud af landet før skoleferien."
    )
    intake.locator("input[name='scenario_1_who']").fill("Far og storebror")
    intake.locator("select[name='scenario_1_how_soon']").select_option("weeks")
    intake.locator("textarea[name='scenario_2_what']").fill(
        "Storebror bruger vold mod hende derhjemme, hvis han ser hende med veninderne."
    )
    intake.locator("input[name='scenario_2_who']").fill("Storebror")
    intake.locator("select[name='scenario_2_how_soon']").select_option("days")
    intake.locator("select[name='victim_2_relation']").select_option("sibling")
    intake.locator("input[name='victim_2_description']").fill("Lillesøster Noor, 9 år")
    intake.locator("input[name='victim_2_is_child']").check()
    intake.get_by_label("Beskyttende faktorer").fill(
        "Klasselæreren, som hun stoler på; en moster i Hillerød."
    )
    intake.get_by_label("Kilder til oplysningerne").fill(
        "Samtale med Yasmin; underretningen fra skolen; beskeder hun har vist."
    )
    intake.locator("input[name='serious_violence'][value='high']").check()
    intake.locator("input[name='acute_risk'][value='high']").check()
    intake.locator("input[name='family_contact'][value='not_safe']").check()
    intake.locator("input[name='acute_action_needed'][value='no']").check()
    intake.get_by_label("Begrundelse for vurderingen").fill(
        "Trusler på livet, familien har opdaget kontakten, og en rejse er planlagt."
    )
    journey = timezone.localdate() + dt.timedelta(days=20)
    intake.get_by_label("Kendt rejse eller ferie (dato)").fill(journey.strftime("%d-%m-%Y"))
    intake.get_by_role("button", name="Gem risikovurdering").click()

    # A high judgement with no acute action: asked to confirm, nothing lost.
    warnings = intake.locator(".assessment-warnings")
    expect(warnings).to_contain_text("Tjek vurderingen, før den gemmes")
    expect(warnings).to_contain_text("ikke angivet behov for en akut indsats")
    expect(intake.locator("input[name='scenario_2_who']")).to_have_value("Storebror")
    assert not RiskAssessment.objects.filter(kind=AssessmentKind.FULL).exists()
    screenshot(intake, "03-consistency-warning")
    intake.locator("input[name='acute_action_needed'][value='yes']").check()
    intake.get_by_label("Politiet er kontaktet").check()
    intake.get_by_role("button", name="Gem med rettelserne").click()
    expect(intake.get_by_role("status").first).to_contain_text("Risikovurderingen er gemt")

    # The case page: the judgement, the sibling to notify about, the § 12 c referral.
    section = intake.locator("section.assessment-full")
    expect(section).to_contain_text("Risiko for alvorlig vold")
    expect(section.locator(".scenarios li")).to_have_count(2)
    expect(section).to_contain_text("en moster i Hillerød")
    children = intake.locator(".victim-children-prompt")
    expect(children).to_contain_text("Lillesøster Noor, 9 år")
    expect(children.get_by_role("link", name="Registrér en underretning om barnet")).to_be_visible()
    referral = intake.locator(".referral-12c")
    expect(referral).to_contain_text("§ 12 c")
    screenshot(intake, "04-case-assessed-high")
    referral.get_by_role("link", name="Opret henvisningen").click()
    expect(intake.locator("select[name='kind']")).to_have_value("siri")
    screenshot(intake, "05-referral-12c-form")

    # -- A week later: the journey is near, the assessment is revised ----------------------
    time_machine.move_to(start + dt.timedelta(days=7), tick=True)
    intake = desk(intake_user)
    intake.goto(f"/medarbejder/sager/{reference}/")
    expect(intake.locator(".reassessment-prompts")).to_contain_text("Kendt rejse eller ferie")
    screenshot(intake, "06-case-a-week-later")
    intake.get_by_role("link", name="Revidér risikovurdering").click()
    expect(intake.locator("select[name='now_threats_to_kill_or_harm']")).to_have_value("present")
    intake.locator("select[name='now_planned_travel']").select_option("present")
    intake.locator("select[name='now_control_money_phone']").select_option("partly")
    intake.locator("input[name='acute_risk'][value='medium']").check()
    intake.get_by_label("Hvad er ændret siden sidste vurdering, og hvorfor?").fill(
        "Skolen fortæller, at familien har købt flybilletter; Yasmin bor nu hos mosteren."
    )
    intake.get_by_role("button", name="Gem risikovurdering").click()
    expect(intake.get_by_role("status").first).to_contain_text("version 3")

    intake.get_by_role("link", name="Sammenlign med forrige version").first.click()
    expect(intake.get_by_role("heading", level=1)).to_contain_text("før og nu")
    expect(intake.locator(".change-reason")).to_contain_text("købt flybilletter")
    changed = intake.locator("table.assessment-comparison tr.changed th")
    expect(changed.filter(has_text="Akut risiko")).to_have_count(1)
    expect(changed.filter(has_text="Planlagt rejse til udlandet")).to_have_count(1)
    expect(changed.filter(has_text="Personens egen frygt")).to_have_count(0)
    screenshot(intake, "07-revision-side-by-side")
    revision = RiskAssessment.objects.get(revision=3)
    assert (revision.serious_violence, revision.acute_risk) == ("high", "medium")
