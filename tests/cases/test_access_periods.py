"""How long need-to-know access lasts: the plan's numbers, and the schema's defaults while no plan
is published yet (a new installation)."""

import pytest

from beredskab.cases.access import AccessPeriods, access_periods


@pytest.mark.django_db
def test_without_a_published_plan_the_schema_defaults_apply():
    assert access_periods() == AccessPeriods(
        agenda_days_after_meeting=30, meeting_max_days_ahead=180, intake_read_after_handover_days=30
    )


def test_the_published_plan_sets_them(allerod_plan, allerod_document):
    group, tracks = allerod_document.intervention_group, allerod_document.tracks

    assert access_periods() == AccessPeriods(
        agenda_days_after_meeting=group.agenda_access_days_after_meeting,
        meeting_max_days_ahead=group.max_days_ahead,
        intake_read_after_handover_days=tracks.intake_read_after_handover_days,
    )
