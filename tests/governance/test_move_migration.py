"""An installation upgraded from before the plan's governance had an app of its own keeps its
revision reminders and coordination meetings: the tables stay, only the migration state moves
(plans.0003, governance.0001)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.governance.models import CoordinationMeeting, RevisionReminder
from beredskab.governance.reports import status_report
from tests.factories import make_staff

pytestmark = pytest.mark.usefixtures("allerod_plan")

# The last migration before the move; governance comes after plans.0003.
BEFORE_THE_MOVE = [
    ("plans", "0002_governance"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("governance", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_reminders_and_meetings_written_before_the_move_are_read_after_it(allerod_plan):
    coordinator = make_staff("tovholder", roles.PLAN_ADMIN)
    starts_at = timezone.now() - dt.timedelta(days=30)

    old = migrate(BEFORE_THE_MOVE)
    assert "governance" not in {
        app for app, _ in MigrationRecorder(connection).applied_migrations()
    }
    meeting = old.get_model("plans", "CoordinationMeeting").objects.create(
        starts_at=starts_at,
        participants="Tovholder\nBorgerservice: Birgit",
        notes="Status før revisionen.",
        created_by_id=coordinator.pk,
    )
    old.get_model("plans", "RevisionReminder").objects.create(
        plan_version_id=allerod_plan.pk,
        threshold="6_months",
        next_revision=allerod_plan.next_revision,
        sent_at=starts_at,
        emails_queued=2,
    )
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="plans", model="coordinationmeeting"
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = CoordinationMeeting.objects.get(pk=meeting.pk)
    assert moved.participants == "Tovholder\nBorgerservice: Birgit"
    assert moved.created_by == coordinator
    assert status_report(moved).meeting == moved
    reminder = RevisionReminder.objects.get()
    assert reminder.plan_version.pk == allerod_plan.pk
    assert (reminder.threshold, reminder.emails_queued) == ("6_months", 2)
    # The version reaches its reminders by the name it always used.
    assert list(allerod_plan.revision_reminders.all()) == [reminder]
    # The content type (and the permissions on it) moved with the model.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(CoordinationMeeting).pk == old_content_type.pk
