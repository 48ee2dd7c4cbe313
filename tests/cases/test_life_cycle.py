"""A case's life cycle through the services: assessed, routed on its track, worked on, closed,
reopened; every step in the journal and the audit trail."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.cases.access import can_view, can_work_on
from beredskab.cases.selectors import case_timeline
from beredskab.meetings import services as meeting_services
from beredskab.section12a import services as section12a_services
from tests.factories import make_staff
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

NO_RISK = {"threats_to_kill_or_harm": ("no", ""), "own_fear": ("yes", "Hun er bange")}


@pytest.fixture
def people(db):
    return {
        "intake": make_staff("modtager", roles.INTAKE),
        "coordinator": make_staff("tovholder", roles.COORDINATOR),
        "member": make_staff("medlem", roles.INTERVENTION_GROUP),
        "child_unit": make_staff("boern", roles.CHILDREN_UNIT),
        "leader": make_staff("chef", roles.LEADER),
        "press": make_staff("presse", roles.PRESS),
    }


def assess(case, by, **extra):
    return services.record_risk_assessment(
        case,
        answers=NO_RISK,
        level="medium",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=by,
        **extra,
    )


def test_adult_case_from_assessment_to_closing(people):
    case = make_notification(age_group="adult").case
    intake, coordinator, member = people["intake"], people["coordinator"], people["member"]

    assessment = assess(case, intake)
    case.refresh_from_db()
    assert case.state == "assessed"
    assert assessment.answers.count() == 2
    assert case.notification.deadline_events.filter(deadline="assessment", event="met").exists()

    services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    assert case.state == "routed"
    assert not can_view(intake, case)  # Modtagelsen lets go of adult cases once routed
    assert can_view(coordinator, case) and can_work_on(coordinator, case)
    assert not can_view(member, case)

    meeting = meeting_services.schedule_meeting(
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Mødelokale 1",
        participants=[coordinator, member],
        by=coordinator,
    )
    item = meeting_services.add_to_agenda(meeting, case, by=coordinator)
    case.refresh_from_db()
    assert case.state == "in_progress"
    assert not can_view(member, case)  # on the agenda, which is not sent yet
    meeting_services.send_agenda(meeting, by=coordinator)
    assert can_view(member, case)  # invited, and the agenda is sent
    assert not can_work_on(member, case)

    meeting_services.record_decision(
        item,
        text="Tilbyd rådgivning og henvis til RED Safehouse.",
        by=coordinator,
        initiatives=[
            {
                "kind": "red_safehouse",
                "responsible": coordinator,
                "due_on": timezone.localdate() + dt.timedelta(days=7),
            }
        ],
    )
    section12a_services.record_counselling_offer(
        case, status="accepted", at=timezone.now(), by=coordinator
    )
    section12a_services.create_action_plan(
        case,
        by=coordinator,
        made_with_person=True,
        agreed_on=timezone.localdate(),
        risk_assessment="Høj risiko",
        situation_housing="Bor hos familien",
        situation_work="Ingen",
        situation_education="Sprogskole",
        situation_relatives="Brudt med forældrene",
        support_housing_work_education="Bolig",
        support_housing_work_education_purpose="Sikkerhed",
        support_other_law="Krisecenter",
        support_other_law_purpose="Beskyttelse",
    )
    initiative = case.initiatives.get()
    meeting_services.update_initiative(
        initiative, status="completed", outcome="Flyttet", by=coordinator
    )

    services.close_case(case, reason="resolved", note="", by=coordinator)
    case.refresh_from_db()
    assert case.state == "closed"

    services.reopen_case(case, reason="Ny henvendelse", by=coordinator)
    case.refresh_from_db()
    assert case.state == "in_progress"

    kinds = [item.kind for item in case_timeline(case)]
    for kind in [
        "assessment",
        "coordinator",
        "meeting",
        "decision",
        "initiative",
        "counselling",
        "action_plan",
        "state",
        "deadline",
    ]:
        assert kind in kinds, kind
    assert AuditEvent.objects.filter(action="case.close").count() == 1


def test_child_case_is_handed_over_and_modtagelsen_keeps_reading(people):
    case = make_notification(age_group="child").case
    intake, child_unit = people["intake"], people["child_unit"]
    assess(case, intake)

    services.hand_over_child_case(
        case,
        received_by=child_unit,
        received_by_name="Bo Børneenhed",
        received_at=timezone.now(),
        method="meeting",
        by=intake,
    )

    case.refresh_from_db()
    assert case.state == "routed"
    assert can_view(child_unit, case) and can_work_on(child_unit, case)
    assert can_view(intake, case) and not can_work_on(intake, case)
    assert not can_view(people["press"], case)


def test_routing_requires_an_assessment_and_the_right_track(people):
    case = make_notification(age_group="adult").case

    with pytest.raises(services.CaseRuleError):
        services.assign_coordinator(case, people["coordinator"], by=people["intake"])
    assess(case, people["intake"])
    with pytest.raises(services.CaseRuleError):
        services.hand_over_child_case(
            case,
            received_by_name="X",
            received_at=timezone.now(),
            method="phone",
            by=people["intake"],
        )


def test_revisions_keep_the_history(people):
    case = make_notification().case
    assess(case, people["intake"])
    services.record_risk_assessment(
        case,
        answers={},
        level="high",
        acute_action_needed=True,
        police_contacted=True,
        justification="Ny viden.",
        by=people["intake"],
    )

    assert list(case.assessments.values_list("revision", "level")) == [(2, "high"), (1, "medium")]


def test_break_the_glass_gives_time_limited_access_and_tells_the_leader(people):
    from beredskab.outbox.models import OutboundEmail

    case = make_notification().case
    press = people["press"]
    assert not can_view(press, case)

    grant = services.break_glass(case, user=press, reason="Journalist spørger til en akut sag nu.")

    assert can_view(press, case)
    assert not can_view(press, case, now=grant.expires_at + dt.timedelta(seconds=1))
    assert case.journal.filter(kind="access").exists()
    assert OutboundEmail.objects.filter(to=people["leader"].email).exists()


def test_corrections_point_to_the_entry_they_correct(people):
    case = make_notification().case
    note = services.add_note(case, text="Mødt op med far", by=people["intake"])

    correction = services.correct_entry(note, text="Mødt op med onkel", by=people["intake"])

    assert correction.corrects == note
    note.refresh_from_db()
    assert note.text == "Mødt op med far"  # the original stays
