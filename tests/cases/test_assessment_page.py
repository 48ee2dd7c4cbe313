"""The risk assessment in two steps: the indledende risikoscreening within 24 hours, then the
full risikovurdering (the plan's factors by domain rated now and earlier, scenarios, likely
victims, protective factors, sources, two judgements), with its consistency warnings, revisions
side by side, the § 12 c referral offer and the PDF."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import selectors, services
from beredskab.cases.models import AssessmentKind, RiskAssessment
from beredskab.deadlines.models import DeadlineEvent
from beredskab.plans.selectors import current_plan
from tests.intake.helpers import make_notification
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.usefixtures("allerod_plan")


def url(case, tail="risikovurdering/"):
    return f"/medarbejder/sager/{case.notification.reference}/{tail}"


def checked(page, name, value=None):
    """Whether the page's input `name` (with `value`) is checked."""
    value_attr = f' value="{value}"' if value else ""
    return re.search(rf'<input [^>]*name="{name}"{value_attr}[^>]*\bchecked\b', page) is not None


def selected(page, name, value):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return select is not None and f'value="{value}" selected' in select.group(1)


def screening(**overrides):
    data = {
        "acute_action_needed": "yes",
        "police_contacted": "on",
        "social_doegnvagt": "on",
        "justification": "Hun tør ikke gå hjem i aften.",
    }
    return {**data, **overrides}


def full(**overrides):
    """A full assessment: every factor absent now except the person's own fear."""
    data = {f"now_{f.key}": "absent" for f in current_plan().risk_factors}
    data.update(
        {
            "now_own_fear": "present",
            "earlier_own_fear": "partly",
            "note_own_fear": "Hun er bange for sin bror",
            "scenario_1_what": "Broren slår hende, hvis han ser hende med kæresten.",
            "scenario_1_who": "Storebror",
            "scenario_1_how_soon": "weeks",
            "victim_1_relation": "person",
            "protective_factors": "Hendes lærer, som hun stoler på.",
            "sources": "Samtale med personen; underretning fra skolen.",
            "serious_violence": "medium",
            "acute_risk": "low",
            "family_contact": "not_safe",
            "acute_action_needed": "no",
            "justification": "Trusler og kontrol, ingen vold endnu.",
        }
    )
    data.update(overrides)
    return data


# -- The screening within 24 hours -----------------------------------------------------------


def test_the_screening_asks_about_acute_action_and_shows_the_deadline(staff_client):
    case = make_notification().case
    page = staff_client(roles.INTAKE).get(url(case, "risikoscreening/")).content.decode()

    assert "Indledende risikoscreening" in page
    assert 'name="acute_action_needed"' in page
    assert 'name="police_contacted"' in page and 'name="safe_house"' in page
    assert 'name="social_doegnvagt"' in page
    assert "Den indledende risikoscreening skal laves senest" in page
    assert 'name="now_own_fear"' not in page  # the factors belong to the full assessment


def test_a_screening_in_time_meets_the_deadline_and_asks_for_the_full_assessment(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    response = client.post(url(case, "risikoscreening/"), screening())

    assert response.status_code == 302
    screening_row = RiskAssessment.objects.get(case=case)
    assert screening_row.kind == AssessmentKind.SCREENING
    assert screening_row.acute_action_needed and screening_row.police_contacted
    assert screening_row.serious_violence == ""
    case.refresh_from_db()
    assert case.state == "assessed"
    assert DeadlineEvent.objects.filter(
        notification=case.notification, deadline="assessment", event="met"
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Den indledende risikoscreening er gemt." in page
    assert "Der er kun lavet en indledende screening" in page
    assert url(case) in page  # the way on to the full assessment


def test_a_late_screening_misses_the_deadline(staff_client):
    case = make_notification(received_at=timezone.now() - dt.timedelta(hours=30)).case

    staff_client(roles.INTAKE).post(url(case, "risikoscreening/"), screening())

    assert DeadlineEvent.objects.filter(
        notification=case.notification, deadline="assessment", event="missed"
    ).exists()


def test_a_screening_without_an_answer_keeps_what_was_typed(staff_client):
    case = make_notification().case

    response = staff_client(roles.INTAKE).post(
        url(case, "risikoscreening/"), screening(acute_action_needed="")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Svar, om der er brug for en akut indsats." in page
    assert "Hun tør ikke gå hjem i aften." in page
    assert checked(page, "police_contacted")
    assert not RiskAssessment.objects.exists()


# -- The full assessment ---------------------------------------------------------------------


def test_the_factors_are_asked_by_domain_now_and_earlier(staff_client):
    case = make_notification().case
    page = staff_client(roles.INTAKE).get(url(case)).content.decode()

    positions = [page.index(title) for title in ("Volden og truslerne", "Udøveren eller")]
    positions.append(page.index("Personens sårbarhed"))
    assert positions == sorted(positions)
    for factor in current_plan().risk_factors:
        assert factor.text["da"] in page
        assert f'name="now_{factor.key}"' in page and f'name="earlier_{factor.key}"' in page
    # Each factor sits under its own domain's heading.
    violence = page[positions[0] : positions[1]]
    assert "Kvælningsforsøg" in violence and "Personens egen frygt" not in violence
    for name in ("scenario_1_what", "victim_1_relation", "protective_factors", "sources"):
        assert f'name="{name}"' in page
    assert 'name="serious_violence"' in page and 'name="acute_risk"' in page
    assert 'name="family_contact"' in page


def test_errors_keep_what_was_typed(staff_client):
    case = make_notification().case
    data = full(justification="", scenario_2_who="Far")
    del data["now_earlier_violence"]

    response = staff_client(roles.INTAKE).post(url(case), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en begrundelse for vurderingen." in page
    assert "Vurdér »Tidligere vold« nu." in page
    assert "Scenarie 2: skriv hvad der kan ske, hvem og hvor snart." in page
    assert "Hun er bange for sin bror" in page
    assert "Hendes lærer, som hun stoler på." in page
    assert selected(page, "now_own_fear", "present")
    assert selected(page, "earlier_own_fear", "partly")
    assert checked(page, "serious_violence", "medium")
    assert not RiskAssessment.objects.exists()


def test_a_full_assessment_keeps_scenarios_victims_and_prompts_a_notification_per_child(
    staff_client,
):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    response = client.post(
        url(case),
        full(
            scenario_2_what="Familien tager hende med til udlandet i sommerferien.",
            scenario_2_who="Forældrene",
            scenario_2_how_soon="months",
            victim_2_relation="sibling",
            victim_2_description="Lillesøster, 9 år",
            victim_2_is_child="on",
        ),
    )

    assert response.status_code == 302
    assessment = RiskAssessment.objects.get(case=case)
    assert assessment.kind == AssessmentKind.FULL
    assert (assessment.serious_violence, assessment.acute_risk) == ("medium", "low")
    assert assessment.family_contact == "not_safe" == selectors.family_contact(case)
    fear = assessment.answers.get(factor="own_fear")
    assert (fear.now, fear.earlier, fear.note) == ("present", "partly", "Hun er bange for sin bror")
    assert assessment.answers.count() == len(current_plan().risk_factors)
    assert [s.how_soon for s in assessment.scenarios.all()] == ["weeks", "months"]
    assert [(v.relation, v.is_child) for v in assessment.likely_victims.all()] == [
        ("person", False),
        ("sibling", True),
    ]
    # The first assessment of either kind meets the 24-hour deadline.
    assert DeadlineEvent.objects.filter(
        notification=case.notification, deadline="assessment", event="met"
    ).exists()
    assert assessment.review_on == timezone.localdate() + dt.timedelta(days=90)
    page = client.get(response["Location"]).content.decode()
    assert "underret om hvert barn" in page
    assert "Lillesøster, 9 år" in page
    assert "Registrér en underretning om barnet" in page


# -- Consistency warnings before saving ------------------------------------------------------


def test_a_high_judgement_without_acute_action_asks_to_be_confirmed(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    data = full(acute_risk="high", acute_action_needed="no")

    asked = client.post(url(case), data)

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Tjek vurderingen, før den gemmes" in page
    assert "der er ikke angivet behov for en akut indsats" in page
    assert "Hun er bange for sin bror" in page  # nothing typed is lost
    assert checked(page, "acute_risk", "high")
    assert not RiskAssessment.objects.exists()

    confirmed = client.post(url(case), {**data, "confirmed": "on"})

    assert confirmed.status_code == 302
    assert RiskAssessment.objects.get(case=case).acute_risk == "high"


def test_a_low_judgement_with_the_gravest_factors_present_asks_to_be_confirmed(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    asked = client.post(url(case), full(serious_violence="low", now_strangulation="present"))
    with_action = client.post(url(case), full(acute_risk="high", acute_action_needed="yes"))

    page = asked.content.decode()
    assert "vurderet som lav, selv om disse alvorligste faktorer er til stede nu" in page
    assert "Kvælningsforsøg eller greb om halsen" in page
    assert with_action.status_code == 302  # consistent: saved at once
    assert RiskAssessment.objects.count() == 1


def test_an_old_assessment_on_an_open_case_asks_for_a_new_one(staff_client, time_machine):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    client.post(url(case), full(review_on=""))

    time_machine.move_to(timezone.now() + dt.timedelta(days=91))
    page = staff_client(roles.INTAKE, username="later").get(url(case, "")).content.decode()

    assert "Risikoen bør vurderes igen" in page
    assert "er overskredet" in page


# -- Revisions side by side ------------------------------------------------------------------


def test_a_revision_says_why_and_is_shown_beside_the_one_before(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    client.post(url(case), full())

    form = client.get(url(case)).content.decode()
    refused = client.post(url(case), full(serious_violence="high", acute_action_needed="yes"))
    client.post(
        url(case),
        full(
            serious_violence="high",
            acute_action_needed="yes",
            now_planned_travel="present",
            change_reason="Skolen fortæller, at familien har købt flybilletter.",
        ),
    )

    assert "Trusler og kontrol, ingen vold endnu." in form  # starts from the current one
    assert selected(form, "earlier_own_fear", "partly")
    assert refused.status_code == 400
    assert "Skriv, hvad der er ændret siden sidste vurdering, og hvorfor." in (
        refused.content.decode()
    )
    assert list(case.assessments.values_list("revision", "serious_violence")) == [
        (2, "high"),
        (1, "medium"),
    ]
    page = client.get(url(case, "risikovurdering/2/sammenlign/")).content.decode()
    assert "Skolen fortæller, at familien har købt flybilletter." in page
    rows = re.findall(r'<tr class="(changed)?">\s*<th scope="row">([^<]*)', page)
    changed = {label.strip() for mark, label in rows if mark}
    unchanged = {label.strip() for mark, label in rows if not mark}
    assert "Risiko for alvorlig vold" in changed
    assert "Planlagt rejse til udlandet eller pas taget fra personen" in changed
    assert "Personens egen frygt" in unchanged
    assert AuditEvent.objects.filter(action="case.view", detail__page="assessment_compare")


# -- What follows from a high judgement ------------------------------------------------------


def test_a_high_judgement_offers_the_section_12c_referral(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    client.post(url(case), full())
    medium = client.get(url(case, "")).content.decode()

    client.post(
        url(case),
        full(serious_violence="high", acute_action_needed="yes", change_reason="Trusler på livet."),
    )
    high = client.get(url(case, "")).content.decode()

    assert "servicelovens § 12 c" not in medium
    assert "servicelovens § 12 c" in high
    link = f"/medarbejder/indsatsgruppen/sag/{case.notification.reference}/indsats/ny/?kind=siri"
    assert link in high
    form = client.get(link).content.decode()
    assert re.search(r'<option value="siri" selected', form)


# -- Who, and the PDF ------------------------------------------------------------------------


def test_only_modtagelsen_screens_and_a_leader_may_not_assess_a_case_in_intake(staff_client):
    case = make_notification().case

    assert staff_client(roles.COORDINATOR, username="tov").get(url(case)).status_code == 404
    assert (
        staff_client(roles.LEADER, username="chef").get(url(case, "risikoscreening/")).status_code
        == 403
    )


def test_the_assessment_prints_as_an_accessible_pdf_and_the_print_is_audited(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    client.post(url(case), full())

    response = client.get(url(case, "risikovurdering/1/pdf/"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("no-store")
    assert_accessible_pdf(
        response.content, title="Risikovurdering, version 1", lang="da", tagged=("/H1", "/Table")
    )
    event = AuditEvent.objects.get(action="case.print")
    assert event.detail == {"document": "risk_assessment", "revision": 1}
    assert event.person_key == case.notification.reference


def test_the_service_refuses_a_full_assessment_without_both_judgements(db):
    case = make_notification().case
    from tests.factories import make_staff

    with pytest.raises(services.CaseRuleError):
        services.record_risk_assessment(
            case,
            by=make_staff("m", roles.INTAKE),
            serious_violence="high",
            acute_action_needed=True,
            justification="x",
        )
