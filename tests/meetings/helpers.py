"""Shared test data for the Indsatsgruppe's meetings and initiatives: adult cases routed to the
coordinator through the services, as Modtagelsen would route them."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.meetings import services as meeting_services
from tests.factories import make_staff
from tests.intake.helpers import make_notification

CPH = ZoneInfo("Europe/Copenhagen")
PERSON = "Aisha Testperson"
# The meetings below are in December 2030; the tests run a few weeks before them, since a meeting
# may be planned only a bounded time ahead (the plan's intervention_group.max_days_ahead).
BEFORE_THE_MEETINGS = dt.datetime(2030, 11, 4, 9, 0, tzinfo=CPH)


def intake_worker():
    user = get_user_model().objects.filter(username="modtager").first()
    return user or make_staff("modtager", roles.INTAKE)


def assessed_adult_case():
    case = make_notification(age_group="adult", person_name=PERSON).case
    services.record_risk_assessment(
        case,
        answers={},
        level="medium",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=intake_worker(),
    )
    case.refresh_from_db()
    return case


def routed_adult_case(coordinator):
    """An adult case routed to `coordinator` (state "routed")."""
    case = assessed_adult_case()
    services.assign_coordinator(case, coordinator, by=intake_worker())
    case.refresh_from_db()
    return case


def meeting(by, *, starts_at=None, participants=(), location="Mødelokale 1, Rådhuset"):
    return meeting_services.schedule_meeting(
        starts_at=starts_at or dt.datetime(2030, 12, 15, 13, 0, tzinfo=CPH),
        location=location,
        participants=list(participants),
        by=by,
    )
