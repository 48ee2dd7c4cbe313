"""When a risk assessment should be made again, and what follows from the latest one: the case
page's prompts (a known journey ahead, a new notification about the same person, an initiative
that has ended), the Indsatsgruppe's agenda, the § 12 a action plan and the statistics."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import selectors, services
from beredskab.cases.services import FactorInput, ScenarioInput
from beredskab.meetings import services as meeting_services
from beredskab.plans.selectors import current_plan
from beredskab.stats.selectors import Period, risk_judgements
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification
from tests.meetings.helpers import BEFORE_THE_MEETINGS, meeting, routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")
CPR = "0101051234"


def assess(case, by, **changes):
    arguments = {
        "answers": {"own_fear": FactorInput("present", "partly")},
        "serious_violence": "medium",
        "acute_risk": "low",
        "acute_action_needed": False,
        "justification": "Kontrol og trusler.",
        "scenarios": [ScenarioInput("Slag", "Far", "weeks")],
        **changes,
    }
    if case.assessments.filter(kind="full").exists():
        arguments.setdefault("change_reason", "Ny viden.")
    return services.record_risk_assessment(case, by=by, **arguments)


def prompts(case):
    return selectors.reassessment_prompts(case, current_plan())


def test_a_known_journey_asks_for_a_reassessment_before_it(db, time_machine):
    intake = make_staff("modtager", roles.INTAKE)
    case = make_notification().case
    travel = timezone.localdate() + dt.timedelta(days=30)
    assess(case, intake, known_travel_on=travel)

    assert prompts(case) == []
    time_machine.move_to(timezone.now() + dt.timedelta(days=17))
    assert any("Kendt rejse eller ferie" in p for p in prompts(case))
    time_machine.move_to(timezone.now() + dt.timedelta(days=14))
    assert not any("Kendt rejse" in p for p in prompts(case))  # the journey has begun


def test_a_new_notification_about_the_same_person_asks_for_a_reassessment(db):
    intake = make_staff("modtager", roles.INTAKE)
    case = make_notification(person_name="Aisha Testperson", person_cpr=CPR).case
    assess(case, intake)
    other = make_notification(person_name="Ali Anden", person_cpr="0202061234")

    assert prompts(case) == []
    assert other.case.pk != case.pk
    make_notification(person_name="Aisha Testperson", person_cpr=CPR)

    assert prompts(case) == ["En ny underretning om samme person er modtaget efter vurderingen."]
    assess(case, intake)
    assert prompts(case) == []


def test_an_ended_initiative_asks_for_a_reassessment(db, time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_adult_case(coordinator)
    assess(case, coordinator)
    shelter = meeting_services.create_initiative(
        case,
        kind="crisis_shelter",
        responsible=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=14),
        by=coordinator,
    )
    assert prompts(case) == []

    time_machine.move_to(BEFORE_THE_MEETINGS + dt.timedelta(days=3), tick=False)
    meeting_services.update_initiative(shelter, status="completed", by=coordinator)

    assert prompts(case) == ["Indsatsen »Krisecenter« er afsluttet efter vurderingen."]


def test_the_agenda_shows_the_latest_judgement(client, time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator)
    meeting_services.add_to_agenda(planned, case, by=coordinator)
    sign_in(client, coordinator)
    before = client.get(f"/medarbejder/indsatsgruppen/{planned.pk}/").content.decode()

    assess(case, coordinator, serious_violence="high", acute_risk="medium", family_contact="safe")
    after = client.get(f"/medarbejder/indsatsgruppen/{planned.pk}/").content.decode()

    assert "alvorlig vold <strong>middel</strong>" in before  # the assessment made at intake
    assert "alvorlig vold <strong>høj</strong>" in after
    assert "akut risiko <strong>middel</strong>" in after
    assert "Forældre/netværk kan inddrages" in after


def test_the_action_plan_quotes_the_latest_full_assessment(client, time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_adult_case(coordinator)
    assess(case, coordinator, serious_violence="high", justification="Brødrene har truet hende.")
    services.record_risk_assessment(
        case, by=coordinator, kind="screening", acute_action_needed=False, justification="Rolig."
    )
    sign_in(client, coordinator)

    page = client.get(f"/medarbejder/sager/{case.notification.reference}/handleplan/ny/")

    text = page.content.decode()
    assert "Risiko for alvorlig vold: Høj" in text
    assert "Brødrene har truet hende." in text
    assert "Rolig." not in text  # a screening is not what the plan relies on


def test_the_statistics_count_cases_by_their_latest_judgements(db):
    intake = make_staff("modtager", roles.INTAKE)
    screened = make_notification().case
    services.record_risk_assessment(
        screened, by=intake, kind="screening", acute_action_needed=False, justification="x"
    )
    revised = make_notification().case
    assess(revised, intake, serious_violence="low")
    assess(revised, intake, serious_violence="high", acute_risk="high", acute_action_needed=True)
    assess(make_notification().case, intake, serious_violence="high", acute_risk="low")
    make_notification()  # not assessed at all

    table = risk_judgements(Period.last_12_months(), current_plan())

    assert table.count("high", "high") == 1
    assert table.count("high", "low") == 1
    assert table.count("low", "total") == 0  # only the newest assessment counts
    assert table.count("", "") == 2
    assert table.grand_total() == 4
