"""The case's life cycle as one table: every move it allows is made and journaled, every other
move is refused and leaves the case as it was; the services move cases only through it."""

import datetime as dt
from itertools import product

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import Case, CaseState, JournalKind
from beredskab.cases.workflow import ALLOWED_TRANSITIONS, CaseRuleError, transition
from tests.factories import make_staff
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

STATES = list(CaseState)
ALLOWED = [(a, b) for a, b in product(STATES, STATES) if b in ALLOWED_TRANSITIONS[a]]
REFUSED = [(a, b) for a, b in product(STATES, STATES) if b not in ALLOWED_TRANSITIONS[a]]


@pytest.fixture
def leader(db):
    return make_staff("chef", roles.LEADER)


def case_in(state) -> Case:
    case = make_notification(age_group="adult").case
    Case.objects.filter(pk=case.pk).update(state=state)
    return Case.objects.select_related("notification").get(pk=case.pk)


def state_entries(case):
    """The state changes after the notification's own entry (intake journals its receipt)."""
    entries = case.journal.filter(kind=JournalKind.STATE).order_by("id")
    return list(entries.values_list("text", flat=True)[1:])


def test_the_table_names_every_state_and_the_life_cycle_in_order():
    assert set(ALLOWED_TRANSITIONS) == set(CaseState)
    assert len(ALLOWED) == 9
    forward = [CaseState.RECEIVED, CaseState.ASSESSED, CaseState.ROUTED, CaseState.IN_PROGRESS]
    for here, after in zip(forward, forward[1:], strict=False):
        assert after in ALLOWED_TRANSITIONS[here]
    # Once a case is routed there is no way back to intake but through closing and reopening.
    assert CaseState.ASSESSED not in ALLOWED_TRANSITIONS[CaseState.ROUTED]
    assert CaseState.ROUTED not in ALLOWED_TRANSITIONS[CaseState.CLOSED]


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_an_allowed_move_is_made_and_journaled(leader, from_state, to_state):
    case = case_in(from_state)
    at = timezone.now() - dt.timedelta(minutes=5)

    transition(case, to_state, leader, at=at, note="Fordi.")

    case.refresh_from_db()
    assert case.state == to_state
    entry = case.journal.filter(kind=JournalKind.STATE).latest("id")
    assert len(state_entries(case)) == 1
    assert entry.text == f"{CaseState(from_state).label} → {CaseState(to_state).label}: Fordi."
    assert (entry.author, entry.at) == (leader, at)


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED)
def test_any_other_move_is_refused_and_changes_nothing(leader, from_state, to_state):
    case = case_in(from_state)

    with pytest.raises(CaseRuleError) as refused:
        transition(case, to_state, leader)

    assert refused.value.messages[0]  # a sentence for the user
    case.refresh_from_db()
    assert case.state == from_state
    assert state_entries(case) == []


def test_closing_dates_the_case_and_reopening_clears_the_closing(leader):
    case = case_in(CaseState.IN_PROGRESS)
    case.close_reason, case.close_note = "other", "Flyttet."
    closed_at = timezone.now() - dt.timedelta(hours=1)

    transition(case, CaseState.CLOSED, leader, at=closed_at)
    case.refresh_from_db()
    assert (case.closed_at, case.close_reason, case.close_note) == (closed_at, "other", "Flyttet.")

    transition(case, CaseState.IN_PROGRESS, leader)
    case.refresh_from_db()
    assert (case.closed_at, case.close_reason, case.close_note) == (None, "", "")


def test_routing_dates_the_case_unless_the_service_already_did(leader):
    case = case_in(CaseState.ASSESSED)
    at = timezone.now() - dt.timedelta(minutes=1)

    transition(case, CaseState.ROUTED, leader, at=at)

    case.refresh_from_db()
    assert case.routed_at == at
    already = case_in(CaseState.ASSESSED)
    already.routed_at = at - dt.timedelta(minutes=10)
    transition(already, CaseState.ROUTED, leader, at=at)
    already.refresh_from_db()
    assert already.routed_at == at - dt.timedelta(minutes=10)


def test_the_services_refuse_what_the_table_refuses_in_their_own_words(leader):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    received = make_notification(age_group="adult").case

    with pytest.raises(CaseRuleError, match="risikovurderet, før den videregives"):
        services.assign_coordinator(received, coordinator, by=intake)
    with pytest.raises(CaseRuleError, match="kan ikke lukkes, før den er risikovurderet"):
        services.close_case(received, reason="resolved", note="", by=leader)
    received.refresh_from_db()
    assert received.state == CaseState.RECEIVED and received.coordinator is None
    assert state_entries(received) == []

    services.record_risk_assessment(
        received,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="Ingen fare.",
        by=intake,
    )
    services.close_case(received, reason="no_grounds", note="", by=intake)
    with pytest.raises(CaseRuleError, match="allerede lukket"):
        services.close_case(received, reason="no_grounds", note="", by=intake)
    received.refresh_from_db()
    assert received.closed_at is not None
    assert state_entries(received) == [
        "Modtaget → Risikovurderet",
        "Risikovurderet → Lukket: Intet grundlag for bekymring efter vurdering.",
    ]
