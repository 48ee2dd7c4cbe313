"""Shared for the person tests: staff in each role, and moving a case along its track."""

import pytest

from beredskab.accounts import roles
from beredskab.cases import services as case_services
from tests.factories import make_staff

STAFF = {
    "intake": ("modtager", roles.INTAKE),
    "coordinator": ("tovholder", roles.COORDINATOR),
    "other_coordinator": ("tovholder2", roles.COORDINATOR),
    "child_unit": ("boern", roles.CHILDREN_UNIT),
    "leader": ("chef", roles.LEADER),
    "press": ("presse", roles.PRESS),
}


class _People(dict):
    """Staff users made when a test first asks for them (hashing passwords is slow)."""

    def __missing__(self, key):
        self[key] = make_staff(*STAFF[key])
        return self[key]


@pytest.fixture
def people(db):
    return _People()


def assess(case, by, level="high"):
    return case_services.record_risk_assessment(
        case,
        answers={},
        serious_violence=level,
        acute_risk="low",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=by,
    )


def route_adult(case, *, intake, coordinator):
    """Assess an adult case and give it to a coordinator: Modtagelsen then no longer sees it."""
    assess(case, intake)
    case_services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    return case
