"""No side doors to lasting access to a case: taking a case is for the role that owns its stage,
what Modtagelsen took ends when the case leaves intake, the Indsatsgruppe reads only the cases of
meetings it is invited to and only for a bounded time, Modtagelsen's reading of a child's case it
handed over ends, and a refusal says nothing about a case the user may not see."""

import copy
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import CaseAssignment
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import Meeting
from beredskab.outbox.models import OutboundEmail
from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan
from beredskab.section12a import services as section12a_services
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
CPH = ZoneInfo("Europe/Copenhagen")
MEETINGS = "/medarbejder/indsatsgruppen/"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=CPH)  # a Monday


def case_url(reference, rest=""):
    return f"/medarbejder/sager/{reference}/{rest}"


def assessed(age_group, by):
    case = make_notification(age_group=age_group).case
    services.record_risk_assessment(
        case,
        answers={},
        level="medium",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=by,
    )
    case.refresh_from_db()
    return case


def as_user(client, user):
    client.logout()
    sign_in(client, user)
    return client


def same_page(response, reference):
    """The page with what differs per request (the form's token, the typed reference) taken out."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    page = re.sub(r'nonce="[^"]*"', "", page)
    return page.replace(reference, "REFERENCE")


def plan_with(allerod_data, **sections):
    """Allerød's plan with some settings changed, loaded and published."""
    data = copy.deepcopy(allerod_data)
    for section, values in sections.items():
        data.setdefault(section, {}).update(values)
    load_plan(PlanDocument.model_validate(data), source_name="allerod.yaml")


@pytest.fixture
def people(db):
    return {
        "intake": make_staff("modtager", roles.INTAKE, first_name="Mette"),
        "coordinator": make_staff("tovholder", roles.COORDINATOR, first_name="Karin"),
        "member": make_staff("medlem", roles.INTERVENTION_GROUP, first_name="Ib"),
        "uninvited": make_staff("medlem2", roles.INTERVENTION_GROUP, first_name="Ulla"),
        "child_unit": make_staff("boern", roles.CHILDREN_UNIT, first_name="Bo"),
        "leader": make_staff("chef", roles.LEADER, first_name="Lis"),
    }


# -- Taking a case ---------------------------------------------------------------------------


def test_modtagelsen_who_took_a_case_loses_it_when_the_case_is_routed(client, people):
    intake, coordinator = people["intake"], people["coordinator"]
    case = assessed("adult", intake)
    reference = case.notification.reference
    as_user(client, intake)

    taken = client.post(
        case_url(reference, "tildel/"),
        {"user": intake.pk, "reason": "Jeg følger sagen, til den er videregivet."},
    )
    routed = client.post(case_url(reference, "videregiv/"), {"coordinator": coordinator.pk})
    page = client.get(case_url(reference))
    note = client.post(case_url(reference, "notat/"), {"text": "Jeg kigger stadig med."})

    assert taken.status_code == 302 and routed.status_code == 302
    assert page.status_code == 404
    assert "Trusler fra familien" not in page.content.decode()
    assert note.status_code == 404
    assert not case.journal.filter(text="Jeg kigger stadig med.").exists()
    assignment = CaseAssignment.objects.get(case=case, user=intake)
    assert assignment.ended_at is not None
    assert assignment.reason == "Jeg følger sagen, til den er videregivet."
    assert case.journal.filter(kind="assignment", text__contains="ophørt").exists()


def test_an_assignment_for_the_receiving_stage_survives_the_routing(client, people):
    intake, coordinator = people["intake"], people["coordinator"]
    colleague = make_staff("tovholder2", roles.COORDINATOR, first_name="Anders")
    case = assessed("adult", intake)
    reference = case.notification.reference
    as_user(client, intake)

    client.post(
        case_url(reference, "tildel/"),
        {"user": colleague.pk, "reason": "Anders dækker for Karin i ferien."},
    )
    client.post(case_url(reference, "videregiv/"), {"coordinator": coordinator.pk})

    assert as_user(client, colleague).get(case_url(reference)).status_code == 200


def test_a_role_that_does_not_own_the_stage_cannot_take_the_case(client, people):
    """A child's case handed over is the children's unit's: a colleague there may take it (after
    breaking the glass), while Modtagelsen, which may still read it, and a coordinator, who may
    not, are refused (the coordinator with the glass to break)."""
    intake, receiver, coordinator = people["intake"], people["child_unit"], people["coordinator"]
    colleague = make_staff("boern2", roles.CHILDREN_UNIT, first_name="Birte")
    case = assessed("child", intake)
    reference = case.notification.reference
    services.hand_over_child_case(
        case,
        received_by=receiver,
        received_by_name="Bo",
        received_at=timezone.now(),
        method="meeting",
        by=intake,
    )
    take = {"reason": "Jeg vil gerne følge sagen videre."}

    reader = as_user(client, intake).post(
        case_url(reference, "tildel/"), {**take, "user": intake.pk}
    )
    stranger = as_user(client, coordinator).post(
        case_url(reference, "tildel/"), {**take, "user": coordinator.pk}
    )

    assert reader.status_code == 403
    assert "kan kun Børneenheden og lederne tildele sagen" in reader.content.decode()
    assert stranger.status_code == 404
    assert "Bryd glasset" in stranger.content.decode()
    assert not CaseAssignment.objects.filter(case=case, user__in=[intake, coordinator]).exists()

    as_user(client, colleague)
    client.post(
        case_url(reference, "bryd-glasset/"), {"reason": "Bo er syg, og skolen ringer i dag."}
    )
    taken = client.post(
        case_url(reference, "tildel/"),
        {"user": colleague.pk, "reason": "Jeg overtager sagen, mens Bo er syg."},
    )

    assert taken.status_code == 302
    assert CaseAssignment.objects.filter(case=case, user=colleague, ended_at=None).exists()


def test_an_assignment_needs_a_reason_and_leaders_hear_of_one_outside_the_flow(client, people):
    intake, member, leader = people["intake"], people["member"], people["leader"]
    case = assessed("adult", intake)
    reference = case.notification.reference
    as_user(client, intake)

    no_reason = client.post(case_url(reference, "tildel/"), {"user": member.pk, "reason": ""})
    given = client.post(
        case_url(reference, "tildel/"),
        {"user": member.pk, "reason": "Ib kender familien fra SSP og skal se sagen."},
    )

    assert no_reason.status_code == 400
    assert "Skriv, hvorfor medarbejderen skal have adgang til sagen." in no_reason.content.decode()
    assert given.status_code == 302
    assignment = CaseAssignment.objects.get(case=case, user=member)
    assert (assignment.assigned_by, assignment.reason) == (
        intake,
        "Ib kender familien fra SSP og skal se sagen.",
    )
    assert case.journal.filter(kind="assignment", text__contains="kender familien").exists()
    mail = OutboundEmail.objects.get(to=leader.email)
    assert "uden for det normale forløb" in mail.body
    assert reference not in mail.subject


# -- The Indsatsgruppe's agenda ---------------------------------------------------------------


def test_a_meeting_far_ahead_is_refused(client, people):
    as_user(client, people["coordinator"])

    response = client.post(
        MEETINGS + "nyt/",
        {
            "day": "01-01-2099",
            "time": "10:00",
            "duration_minutes": "60",
            "location": "Rådhuset",
            "participants": [people["member"].pk],
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Et møde kan højst planlægges 180 dage frem" in page
    assert 'value="01-01-2099"' in page
    assert not Meeting.objects.exists()


def _meeting_with_case(client, people, *, starts_at):
    """The coordinator plans a meeting with one invited member and puts a routed adult case on
    its agenda, through the pages."""
    intake, coordinator = people["intake"], people["coordinator"]
    case = assessed("adult", intake)
    services.assign_coordinator(case, coordinator, by=intake)
    as_user(client, coordinator)
    local = timezone.localtime(starts_at)
    client.post(
        MEETINGS + "nyt/",
        {
            "day": local.strftime("%d-%m-%Y"),
            "time": local.strftime("%H:%M"),
            "duration_minutes": "60",
            "location": "Rådhuset",
            "participants": [coordinator.pk, people["member"].pk],
        },
    )
    meeting = Meeting.objects.get()
    client.post(f"{MEETINGS}{meeting.pk}/dagsorden/", {"reference": case.notification.reference})
    assert meeting.agenda.filter(case=case).exists()
    return meeting, case.notification.reference


def test_only_invited_members_read_a_case_on_the_agenda_once_it_is_sent(
    client, people, time_machine
):
    time_machine.move_to(START, tick=False)
    meeting, reference = _meeting_with_case(client, people, starts_at=START + dt.timedelta(days=2))

    before = as_user(client, people["member"]).get(case_url(reference))
    uninvited = as_user(client, people["uninvited"]).get(case_url(reference))
    uninvited_meeting = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    sent = as_user(client, people["coordinator"]).post(f"{MEETINGS}{meeting.pk}/udsend/")
    uninvited_after = as_user(client, people["uninvited"]).get(case_url(reference))
    invited_after = as_user(client, people["member"]).get(case_url(reference))

    assert uninvited.status_code == 404
    assert reference not in uninvited_meeting
    assert before.status_code == 404  # the agenda is not sent yet
    assert sent.status_code == 302
    assert uninvited_after.status_code == 404
    assert invited_after.status_code == 200


def test_agenda_access_ends_the_plans_number_of_days_after_the_meeting(
    client, people, allerod_data, time_machine
):
    plan_with(allerod_data, intervention_group={"agenda_access_days_after_meeting": 7})
    time_machine.move_to(START, tick=False)
    starts_at = START + dt.timedelta(days=2)
    meeting, reference = _meeting_with_case(client, people, starts_at=starts_at)
    client.post(f"{MEETINGS}{meeting.pk}/udsend/")

    time_machine.move_to(starts_at + dt.timedelta(days=7) - dt.timedelta(hours=1), tick=False)
    last_day = as_user(client, people["member"]).get(case_url(reference))
    time_machine.move_to(starts_at + dt.timedelta(days=7, hours=1), tick=False)
    after = as_user(client, people["member"]).get(case_url(reference))

    assert last_day.status_code == 200
    assert after.status_code == 404


# -- Modtagelsen after a hand-over -------------------------------------------------------------


def test_modtagelsens_reading_of_a_handed_over_child_case_ends_after_the_plan_period(
    client, people, time_machine
):
    time_machine.move_to(START, tick=False)
    intake = people["intake"]
    case = assessed("child", intake)
    services.hand_over_child_case(
        case,
        received_by=people["child_unit"],
        received_by_name="Bo",
        received_at=START,
        method="meeting",
        by=intake,
    )
    reference = case.notification.reference

    time_machine.move_to(START + dt.timedelta(days=29), tick=False)
    within = as_user(client, intake).get(case_url(reference))
    time_machine.move_to(START + dt.timedelta(days=31), tick=False)
    after = as_user(client, intake).get(case_url(reference))

    assert within.status_code == 200
    assert after.status_code == 404
    assert "Trusler fra familien" not in after.content.decode()


# -- One answer for what the user may not see ----------------------------------------------


def test_the_action_plan_url_answers_the_same_for_a_child_and_an_adult_case(client, people):
    intake, owner = people["intake"], people["coordinator"]
    adult = assessed("adult", intake)
    services.assign_coordinator(adult, owner, by=intake)
    section12a_services.create_action_plan(
        adult,
        by=owner,
        made_with_person=True,
        agreed_on=timezone.localdate(),
        **dict.fromkeys(section12a_services.ACTION_PLAN_FIELDS, "tekst"),
    )
    child = assessed("child", intake)
    as_user(client, make_staff("tovholder2", roles.COORDINATOR))

    answers = {
        reference: client.get(case_url(reference, "handleplan/1/"))
        for reference in (
            adult.notification.reference,
            child.notification.reference,
            "U-0000-0000",
        )
    }

    assert {response.status_code for response in answers.values()} == {404}
    pages = {same_page(response, reference) for reference, response in answers.items()}
    assert len(pages) == 1


def test_the_case_page_answers_the_same_for_a_case_not_yours_and_no_case(client, people):
    intake = people["intake"]
    adult = assessed("adult", intake)
    services.assign_coordinator(adult, people["coordinator"], by=intake)
    child = assessed("child", intake)
    services.hand_over_child_case(
        child,
        received_by=people["child_unit"],
        received_by_name="Bo",
        received_at=timezone.now(),
        method="phone",
        by=intake,
    )
    as_user(client, people["member"])

    answers = {
        reference: client.get(case_url(reference))
        for reference in (
            adult.notification.reference,
            child.notification.reference,
            "U-0000-0000",
        )
    }

    assert {response.status_code for response in answers.values()} == {404}
    pages = {same_page(response, reference) for reference, response in answers.items()}
    assert len(pages) == 1
    assert "Bryd glasset" in pages.pop()  # the way in for someone who needs the case now


def test_meeting_items_and_initiatives_of_hidden_cases_are_not_found(client, people):
    intake, owner = people["intake"], people["coordinator"]
    case = assessed("adult", intake)
    services.assign_coordinator(case, owner, by=intake)
    meeting = meeting_services.schedule_meeting(
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Rådhuset",
        participants=[owner],
        by=owner,
    )
    item = meeting_services.add_to_agenda(meeting, case, by=owner)
    initiative = meeting_services.create_initiative(
        case,
        kind="counselling",
        responsible=owner,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=owner,
    )
    as_user(client, make_staff("tovholder2", roles.COORDINATOR))

    hidden_item = client.get(f"{MEETINGS}{meeting.pk}/punkt/{item.pk}/beslutning/")
    no_item = client.get(f"{MEETINGS}{meeting.pk}/punkt/{item.pk + 100}/beslutning/")
    hidden_initiative = client.get(f"{MEETINGS}indsats/{initiative.pk}/")
    no_initiative = client.get(f"{MEETINGS}indsats/{initiative.pk + 100}/")

    assert hidden_item.status_code == no_item.status_code == 404
    assert same_page(hidden_item, "x") == same_page(no_item, "x")
    assert hidden_initiative.status_code == no_initiative.status_code == 404
    assert same_page(hidden_initiative, "x") == same_page(no_initiative, "x")
