"""An installation upgraded from before the Indsatsgruppe and § 12 a had apps of their own keeps
its meetings, agendas, decisions, initiatives, counselling offers and action plans: the tables
stay, only the migration state moves (cases.0004, meetings.0001, section12a.0001)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases.access import can_view
from beredskab.cases.models import Case
from beredskab.meetings.models import AgendaItem, Decision, Initiative, Meeting
from beredskab.meetings.selectors import follow_up_initiatives
from beredskab.section12a.models import ActionPlan, CounsellingOffer
from tests.factories import make_staff
from tests.meetings.helpers import routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")

# The last migrations before the move; meetings and section12a come after cases.0004.
BEFORE_THE_MOVE = [
    ("cases", "0003_assignment_reason_and_agenda_sent"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("meetings", None),
    ("section12a", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1] is not None]).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_what_was_written_before_the_move_is_read_after_it():
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    member = make_staff("medlem", roles.INTERVENTION_GROUP)
    case = routed_adult_case(coordinator)
    now = timezone.now()
    due_on = timezone.localdate() + dt.timedelta(days=14)

    old = migrate(BEFORE_THE_MOVE)
    applied = {app for app, _ in MigrationRecorder(connection).applied_migrations()}
    assert not applied & {"meetings", "section12a"}
    old_meeting = old.get_model("cases", "Meeting").objects.create(
        starts_at=now + dt.timedelta(days=2),
        location="Mødelokale 1, Rådhuset",
        created_by_id=coordinator.pk,
        agenda_sent_at=now - dt.timedelta(hours=1),
        uid="gammel@beredskab",
        minutes="Drøftet på mødet.",
    )
    old_meeting.participants.set([coordinator.pk, member.pk])
    item = old.get_model("cases", "AgendaItem").objects.create(
        meeting=old_meeting, case_id=case.pk, position=1, discussion="Drøftelse."
    )
    decision = old.get_model("cases", "Decision").objects.create(
        agenda_item=item, text="Henvis til krisecenter.", decided_at=now, recorded_by_id=member.pk
    )
    old.get_model("cases", "Initiative").objects.create(
        case_id=case.pk,
        kind="crisis_shelter",
        decision=decision,
        responsible_id=coordinator.pk,
        due_on=due_on,
        status="referred",
        created_at=now,
        updated_at=now,
    )
    old.get_model("cases", "CounsellingOffer").objects.create(
        case_id=case.pk, status="accepted", at=now, note="Ja tak.", recorded_by_id=coordinator.pk
    )
    old.get_model("cases", "ActionPlan").objects.create(
        case_id=case.pk,
        version=1,
        risk_assessment="1",
        situation_housing="2a",
        situation_work="2b",
        situation_education="2c",
        situation_relatives="2d",
        support_housing_work_education="3",
        support_housing_work_education_purpose="3 formål",
        support_other_law="4",
        support_other_law_purpose="4 formål",
        made_with_person=True,
        agreed_on=timezone.localdate(),
        created_by_id=coordinator.pk,
        created_at=now,
    )
    old_types = {
        model: old.get_model("contenttypes", "ContentType")
        .objects.get(app_label="cases", model=model)
        .pk
        for model in ("meeting", "initiative", "actionplan")
    }

    migrate(leaves())

    meeting = Meeting.objects.get(pk=old_meeting.pk)
    assert (meeting.uid, meeting.minutes) == ("gammel@beredskab", "Drøftet på mødet.")
    assert set(meeting.participants.all()) == {coordinator, member}
    moved_item = AgendaItem.objects.get(meeting=meeting)
    assert moved_item.case.pk == case.pk and moved_item.discussion == "Drøftelse."
    assert Decision.objects.get(agenda_item=moved_item).text == "Henvis til krisecenter."
    initiative = Initiative.objects.get()
    assert (initiative.decision.pk, initiative.due_on, initiative.status) == (
        decision.pk,
        due_on,
        "referred",
    )
    case = Case.objects.get(pk=case.pk)
    # The case reaches them by the names it always used.
    assert list(case.initiatives.all()) == [initiative]
    assert list(case.agenda_items.all()) == [moved_item]
    assert case.counselling_offers.get() == CounsellingOffer.objects.get(note="Ja tak.")
    assert case.action_plans.get() == ActionPlan.objects.get(support_other_law="4")
    # The agenda still opens the case to the invited member, through the meetings app's rule.
    assert can_view(member, case)
    assert list(follow_up_initiatives(member)) == [initiative]
    # The content types (and the permissions on them) moved with the models.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Meeting).pk == old_types["meeting"]
    assert ContentType.objects.get_for_model(Initiative).pk == old_types["initiative"]
    assert ContentType.objects.get_for_model(ActionPlan).pk == old_types["actionplan"]
