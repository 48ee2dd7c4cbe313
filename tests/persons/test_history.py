"""A person's history respects need to know: what a user may not see is listed as hidden, with
the month it came in and a way to break the glass, never with its details."""

import datetime as dt

import pytest
from django.urls import reverse

from beredskab.cases import services as case_services
from beredskab.persons import selectors
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification
from tests.persons.conftest import assess, route_adult

pytestmark = pytest.mark.usefixtures("allerod_plan")

CPR = "0101901234"


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


@pytest.fixture
def routed_then_new(people):
    """An adult's case routed to a coordinator and closed; then a new notification about her."""
    earlier = make_notification(person_cpr=CPR, concern_types=["forced_marriage"])
    route_adult(earlier.case, intake=people["intake"], coordinator=people["coordinator"])
    case_services.close_case(earlier.case, reason="resolved", note="", by=people["coordinator"])
    new = make_notification(person_cpr=CPR, concern_types=["social_control"])
    return earlier, new


def test_intake_sees_the_routed_adult_case_only_as_hidden(routed_then_new, people):
    earlier, new = routed_then_new

    context = selectors.history_for_notification(new, people["intake"])

    history = context["person_history"]
    assert context["person"] == person_of(new)
    assert history.entries == []
    assert [(h.reference, h.received_at) for h in history.hidden] == [
        (earlier.reference, earlier.received_at)
    ]


def test_the_coordinator_sees_the_case_she_handled_with_its_outcome(routed_then_new, people):
    earlier, new = routed_then_new

    history = selectors.person_history(person_of(new), people["coordinator"])

    (entry,) = history.entries
    assert entry.reference == earlier.reference
    assert (entry.state, entry.risk_level, entry.is_open) == ("closed", "high", False)
    assert entry.close_reason_label == "Bekymringen er afklaret, og indsatsen er afsluttet"
    assert entry.track_label.startswith("Voksen")
    assert [h.reference for h in history.hidden] == [new.reference]  # not hers yet


def test_the_leader_sees_everything_newest_first(routed_then_new, people):
    earlier, new = routed_then_new

    history = selectors.person_history(person_of(new), people["leader"])

    assert [e.reference for e in history.entries] == [new.reference, earlier.reference]
    assert history.hidden == [] and history.open_count == 1


def test_the_page_shows_a_hidden_case_without_its_details(routed_then_new, staff_client):
    earlier, new = routed_then_new
    client = staff_client("modtagelsen", username="modtager2")

    page = client.get(reverse("persons:detail", args=[person_of(new).reference])).content.decode()

    assert "Skjult underretning (modtaget" in page
    assert reverse("cases:break-glass", args=[earlier.reference]) in page
    assert f'href="{reverse("cases:detail", args=[earlier.reference])}"' not in page
    assert "Tvangsægteskab" not in page and "afklaret" not in page
    assert "1 underretning, du ikke har adgang til" in page
    assert f'href="{reverse("cases:detail", args=[new.reference])}"' in page


def test_history_for_a_notification_leaves_out_the_notification_itself(people):
    first = make_notification(person_cpr=CPR)
    assess(first.case, people["intake"], level="medium")
    second = make_notification(person_cpr=CPR)

    history = selectors.history_for_notification(second, people["intake"])["person_history"]

    assert [(e.reference, e.risk_level_label, e.state) for e in history.entries] == [
        (first.reference, "Middel", "assessed")
    ]


def test_history_includes_the_persons_merged_in(people):
    from beredskab.persons import services

    one = make_notification(person_name="Aisha Ølgaard", person_birth_date=dt.date(2008, 3, 14))
    two = make_notification(person_name="Aisha Oelgaard", person_birth_date=dt.date(2008, 3, 14))
    services.confirm_match(person_of(two), person_of(one), by=people["intake"])

    history = selectors.history_for_notification(one, people["intake"])["person_history"]

    assert [e.reference for e in history.entries] == [two.reference]
