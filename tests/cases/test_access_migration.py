"""Upgrading closes what was already open: assignments Modtagelsen made before a case was routed
end, and only meetings within the plan's bound keep their agenda readable."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.access import can_view
from beredskab.cases.models import Case, CaseAssignment
from beredskab.meetings.models import Meeting
from tests.factories import make_staff
from tests.intake.helpers import make_notification

BEFORE = [("cases", "0002_initial")]
AFTER = [("cases", "0003_assignment_reason_and_agenda_sent")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_ends_intake_assignments_and_bounds_agendas(allerod_plan):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    member = make_staff("medlem", roles.INTERVENTION_GROUP)
    case = make_notification(age_group="adult").case
    services.record_risk_assessment(
        case, answers={}, level="low", acute_action_needed=False, justification="x", by=intake
    )
    services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    now = timezone.now()

    old = migrate(BEFORE)
    old_case = old.get_model("cases", "Case").objects.get(pk=case.pk)
    old.get_model("cases", "CaseAssignment").objects.create(
        case=old_case, user_id=intake.pk, assigned_by_id=intake.pk, assigned_at=case.opened_at
    )
    Meeting_ = old.get_model("cases", "Meeting")
    near = Meeting_.objects.create(
        starts_at=now + dt.timedelta(days=7), location="x", created_by_id=coordinator.pk, uid="a"
    )
    far = Meeting_.objects.create(
        starts_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
        location="x",
        created_by_id=coordinator.pk,
        uid="b",
    )
    for meeting in (near, far):
        meeting.participants.set([member.pk])
        old.get_model("cases", "AgendaItem").objects.create(meeting=meeting, case=old_case)
    migrate(AFTER)

    assignment = CaseAssignment.objects.get(case=case, user=intake)
    assert assignment.ended_at == case.routed_at
    assert not can_view(intake, Case.objects.get(pk=case.pk))
    assert Meeting.objects.get(pk=near.pk).agenda_sent_at is not None
    assert Meeting.objects.get(pk=far.pk).agenda_sent_at is None
    assert case.journal.filter(kind="assignment", text__contains="ophørt").exists()
