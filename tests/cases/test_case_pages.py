"""The case list and a case's page: who sees what, the audit of every look, the journal with its
corrections, closing and reopening, and breaking the glass."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.cases.models import BreakGlassGrant, JournalEntry
from beredskab.cases.services import FactorInput
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
LIST = "/medarbejder/sager/"


def url(case, rest=""):
    return f"/medarbejder/sager/{case.notification.reference}/{rest}"


def assessed_case(by, **fields):
    case = make_notification(**fields).case
    services.record_risk_assessment(
        case,
        answers={"own_fear": FactorInput("present", note="")},
        serious_violence="medium",
        acute_risk="low",
        acute_action_needed=False,
        justification="Trusler fra familien.",
        by=by,
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def intake(db):
    return make_staff("modtager", roles.INTAKE)


@pytest.fixture
def coordinator(db):
    return make_staff("tovholder", roles.COORDINATOR, first_name="Karin", last_name="Holm")


# -- The list --------------------------------------------------------------------------------


def test_modtagelsen_lists_the_cases_it_still_owns(client, intake, coordinator):
    received = make_notification().case
    assessed = assessed_case(intake)
    routed = assessed_case(intake)
    services.assign_coordinator(routed, coordinator, by=intake)
    sign_in(client, intake)

    page = client.get(LIST).content.decode()

    assert received.notification.reference in page
    assert assessed.notification.reference in page
    assert routed.notification.reference not in page
    assert "Modtaget" in page and "Risikovurderet" in page


def test_a_coordinator_lists_only_their_own_cases(client, intake, coordinator):
    mine = assessed_case(intake)
    services.assign_coordinator(mine, coordinator, by=intake)
    other = assessed_case(intake)
    services.assign_coordinator(other, make_staff("anden", roles.COORDINATOR), by=intake)
    sign_in(client, coordinator)

    page = client.get(LIST).content.decode()

    assert mine.notification.reference in page
    assert "Videregivet" in page
    assert other.notification.reference not in page


def test_a_leader_lists_every_case_and_can_filter(staff_client, intake, coordinator):
    routed = assessed_case(intake)
    services.assign_coordinator(routed, coordinator, by=intake)
    received = make_notification(age_group="child").case
    client = staff_client(roles.LEADER)

    everything = client.get(LIST).content.decode()
    only_routed = client.get(LIST, {"state": "routed"}).content.decode()
    only_children = client.get(LIST, {"track": "child"}).content.decode()

    assert routed.notification.reference in everything
    assert received.notification.reference in everything
    assert "Karin Holm" in everything
    assert received.notification.reference not in only_routed
    assert routed.notification.reference not in only_children


@pytest.mark.parametrize("role", [roles.PRESS, roles.AUDITOR])
def test_roles_without_cases_are_refused_the_list(staff_client, role):
    make_notification()

    assert staff_client(role).get(LIST).status_code == 403


def test_the_list_takes_the_same_number_of_queries_for_many_cases(staff_client):
    client = staff_client(roles.LEADER)
    make_notification()
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for _ in range(5):
        make_notification(age_group="child")

    with CaptureQueriesContext(connection) as six:
        page = client.get(LIST).content.decode()

    assert page.count("/medarbejder/sager/U-") == 6
    assert len(six) == len(one)


# -- The case page ---------------------------------------------------------------------------


def test_the_case_page_shows_the_notification_and_is_audited(staff_client):
    case = make_notification(
        person_name="Aisha Testperson",
        person_cpr="0101051234",
        description="Hun skal giftes i sommerferien.",
        immediate_danger=True,
    ).case
    client = staff_client(roles.INTAKE)

    response = client.get(url(case))
    page = response.content.decode()

    assert response.status_code == 200
    assert case.notification.reference in page
    assert "Aisha Testperson" in page
    assert "010105-xxxx" in page and "0101051234" not in page
    assert "Hun skal giftes i sommerferien." in page
    assert "Underretter har angivet akut fare" in page
    assert "Underretning modtaget" in page  # the journal
    event = AuditEvent.objects.get(action="case.view")
    assert event.actor_id == client.user.pk
    assert event.person_key == case.notification.reference


def test_actions_are_offered_only_to_those_who_may_take_them(client, intake, coordinator):
    case = assessed_case(intake)
    services.assign_coordinator(case, coordinator, by=intake)
    handed = assessed_case(intake, age_group="child")
    services.hand_over_child_case(
        handed, received_by_name="Bo", received_at=handed.opened_at, method="phone", by=intake
    )

    sign_in(client, coordinator)
    coordinator_page = client.get(url(case)).content.decode()
    sign_in(client, intake)
    intake_page = client.get(url(handed)).content.decode()  # still readable, no longer theirs

    assert url(case, "luk/") in coordinator_page
    assert url(case, "notat/") in coordinator_page
    # The coordinator revises the full risk assessment; Modtagelsen no longer does after routing.
    assert f'href="{url(case, "risikovurdering/")}"' in coordinator_page
    assert url(handed, "notat/") not in intake_page
    assert f'href="{url(handed, "risikovurdering/")}"' not in intake_page
    assert url(handed, "luk/") not in intake_page


def test_earlier_assessments_are_kept_on_the_page(staff_client, intake):
    case = assessed_case(intake)
    services.record_risk_assessment(
        case,
        answers={"own_fear": FactorInput("absent", note="")},
        serious_violence="high",
        acute_risk="low",
        acute_action_needed=True,
        justification="Ny viden fra skolen.",
        change_reason="Ny viden.",
        by=intake,
    )
    page = staff_client(roles.LEADER).get(url(case)).content.decode()

    assert "version 2" in page and "Ny viden fra skolen." in page
    assert "<details" in page and "version 1" in page
    assert "Personens egen frygt" in page  # the plan's text for the factor


def test_children_in_the_household_prompt_a_notification_about_them(staff_client):
    case = make_notification(children_in_household="yes", children_details="To små brødre").case
    without = make_notification(children_in_household="no").case
    client = staff_client(roles.INTAKE)

    page = client.get(url(case)).content.decode()

    assert "Der er børn i husstanden – husk at underrette om børnene" in page
    assert 'href="/medarbejder/underretninger/registrer/"' in page
    assert "husk at underrette om børnene" not in client.get(url(without)).content.decode()


def test_an_unknown_reference_is_not_found_for_case_roles(staff_client):
    assert staff_client(roles.COORDINATOR).get("/medarbejder/sager/U-0000-0000/").status_code == 404


# -- Refusal and break the glass -------------------------------------------------------------


def test_no_need_to_know_is_refused_and_offered_the_glass(staff_client, intake):
    case = assessed_case(intake)
    services.assign_coordinator(case, make_staff("anden", roles.COORDINATOR), by=intake)
    client = staff_client(roles.COORDINATOR)

    response = client.get(url(case))

    assert response.status_code == 404  # as for a case that does not exist
    page = response.content.decode()
    assert "Bryd glasset" in page
    assert "Trusler fra familien" not in page
    refused = AuditEvent.objects.get(action="case.view_refused")
    assert refused.actor_id == client.user.pk
    assert not AuditEvent.objects.filter(action="case.view").exists()


def test_breaking_the_glass_gives_access_journals_and_tells_the_leader(staff_client, intake):
    leader = make_staff("chef", roles.LEADER)
    case = assessed_case(intake)
    services.assign_coordinator(case, make_staff("anden", roles.COORDINATOR), by=intake)
    client = staff_client(roles.CHILDREN_UNIT)

    too_short = client.post(url(case, "bryd-glasset/"), {"reason": "Akut"})
    assert too_short.status_code == 400
    assert "mindst 20 tegn" in too_short.content.decode()
    assert not BreakGlassGrant.objects.exists()

    response = client.post(
        url(case, "bryd-glasset/"), {"reason": "Politiet ringer om en akut situation nu."}
    )

    assert response.status_code == 302 and response["Location"] == url(case)
    grant = BreakGlassGrant.objects.get(case=case)
    assert grant.user == client.user
    assert case.journal.filter(kind="access", text__contains="Politiet ringer").exists()
    assert OutboundEmail.objects.filter(to=leader.email).exists()
    page = client.get(url(case)).content.decode()
    assert "Du har midlertidig adgang til" in page and "(bryd glasset)" in page
    assert "Trusler fra familien" in page


@pytest.mark.parametrize("role", [roles.PRESS, roles.AUDITOR])
def test_roles_without_cases_cannot_break_the_glass_nor_learn_what_exists(staff_client, role):
    case = make_notification().case
    client = staff_client(role)

    existing = client.get(url(case))
    unknown = client.get("/medarbejder/sager/U-0000-0000/")
    attempt = client.post(
        url(case, "bryd-glasset/"), {"reason": "Journalisten spørger til sagen lige nu."}
    )

    assert existing.status_code == unknown.status_code == attempt.status_code == 403
    assert "Bryd glasset" not in existing.content.decode()
    assert not BreakGlassGrant.objects.exists()


# -- The journal -----------------------------------------------------------------------------


def test_a_note_is_added_and_an_empty_one_is_refused(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    empty = client.post(url(case, "notat/"), {"text": "  "})
    saved = client.post(url(case, "notat/"), {"text": "Talt med skolen."})

    assert empty.status_code == 400 and "Skriv notatet" in empty.content.decode()
    assert saved.status_code == 302
    note = case.journal.get(kind="note", text="Talt med skolen.")
    assert note.author == client.user
    assert "Talt med skolen." in client.get(url(case)).content.decode()


def test_a_correction_is_shown_beside_the_entry_it_corrects(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    note = services.add_note(case, text="Mødt op med far", by=client.user)

    form = client.get(url(case, f"notat/{note.pk}/ret/")).content.decode()
    response = client.post(url(case, f"notat/{note.pk}/ret/"), {"text": "Mødt op med onkel"})

    assert "Mødt op med far" in form  # the original is shown while correcting
    assert response.status_code == 302
    correction = JournalEntry.objects.get(kind="correction")
    assert correction.corrects == note
    note.refresh_from_db()
    assert note.text == "Mødt op med far"
    page = client.get(url(case)).content.decode()
    row = page[page.index(f'id="entry-{note.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Mødt op med far" in row and "Mødt op med onkel" in row


def test_an_entry_from_another_case_cannot_be_corrected_through_this_one(staff_client):
    mine = make_notification().case
    other = make_notification().case
    client = staff_client(roles.INTAKE)
    foreign = services.add_note(other, text="Hemmeligt", by=client.user)

    assert client.get(url(mine, f"notat/{foreign.pk}/ret/")).status_code == 404
    response = client.post(url(mine, f"notat/{foreign.pk}/ret/"), {"text": "Ændret"})

    assert response.status_code == 404
    assert not JournalEntry.objects.filter(kind="correction").exists()


# -- Closing and reopening -------------------------------------------------------------------


def test_closing_needs_a_note_when_the_reason_is_other(client, intake):
    case = assessed_case(intake)
    sign_in(client, intake)

    missing = client.post(url(case, "luk/"), {"reason": "other", "note": ""})
    closed = client.post(
        url(case, "luk/"), {"reason": "other", "note": "Flyttet til udlandet.", "confirm": "on"}
    )

    assert missing.status_code == 400
    assert "Skriv en begrundelse" in missing.content.decode()
    assert closed.status_code == 302
    case.refresh_from_db()
    assert case.state == "closed" and case.close_note == "Flyttet til udlandet."
    assert case.journal.filter(kind="state", text__contains="Lukket").exists()


def test_a_case_cannot_be_closed_before_it_is_assessed(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    response = client.post(url(case, "luk/"), {"reason": "no_grounds", "note": "", "confirm": "on"})

    assert response.status_code == 400
    assert "før den er risikovurderet" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "received"


def test_a_leader_reopens_a_closed_case_with_a_reason(staff_client, intake):
    case = assessed_case(intake)
    services.close_case(case, reason="no_grounds", note="", by=intake)
    client = staff_client(roles.LEADER)
    assert url(case, "genaabn/") in client.get(url(case)).content.decode()

    missing = client.post(url(case, "genaabn/"), {"reason": ""})
    reopened = client.post(url(case, "genaabn/"), {"reason": "Ny underretning fra skolen."})

    assert missing.status_code == 400 and "Skriv hvorfor" in missing.content.decode()
    assert reopened.status_code == 302
    case.refresh_from_db()
    assert case.state == "assessed"
    assert case.journal.filter(kind="state", text__contains="Ny underretning fra skolen").exists()
