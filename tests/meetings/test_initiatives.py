"""Initiatives and referrals: created on a case from the plan's catalogue, followed up by due date
(overdue first, in words), updated to referred and completed with an outcome."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import Initiative
from tests.factories import make_staff, sign_in
from tests.meetings.helpers import BEFORE_THE_MEETINGS, meeting, routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture(autouse=True)
def before_the_meetings(time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)


BASE = "/medarbejder/indsatsgruppen/"
FOLLOW_UP = BASE + "opfoelgning/"


@pytest.fixture
def coordinator(db):
    return make_staff("tovholder", roles.COORDINATOR)


def as_user(client, user):
    sign_in(client, user)
    return client


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def initiative(case, by, *, due_in, kind="red_counselling", responsible=None, **fields):
    return meeting_services.create_initiative(
        case, kind=kind, responsible=responsible or by, due_on=days(due_in), by=by, **fields
    )


def test_coordinator_creates_an_initiative_on_the_case(client, coordinator):
    case = routed_adult_case(coordinator)
    reference = case.notification.reference
    as_user(client, coordinator)

    case_page = client.get(f"/medarbejder/sager/{reference}/").content.decode()
    form = client.get(f"{BASE}sag/{reference}/indsats/ny/").content.decode()
    response = client.post(
        f"{BASE}sag/{reference}/indsats/ny/",
        {
            "kind": "police_report",
            "responsible": coordinator.pk,
            "due_on": days(3).strftime("%d-%m-%Y"),
            "description": "Anmeldelse af trusler",
        },
    )

    assert f'href="{BASE}sag/{reference}/indsats/ny/"' in case_page
    assert "Politianmeldelse – Nordsjællands Politi" in form
    assert response.status_code == 302
    assert response["Location"] == f"/medarbejder/sager/{reference}/"
    created = case.initiatives.get()
    assert (created.kind, created.responsible, created.due_on) == (
        "police_report",
        coordinator,
        days(3),
    )
    assert case.journal.filter(kind="initiative").exists()
    case_page = client.get(f"/medarbejder/sager/{reference}/").content.decode()
    assert "Politianmeldelse" in case_page and "Anmeldelse af trusler" in case_page
    assert f'href="{BASE}indsats/{created.pk}/"' in case_page


def test_the_initiative_form_says_what_is_missing(client, coordinator):
    case = routed_adult_case(coordinator)
    as_user(client, coordinator)

    response = client.post(
        f"{BASE}sag/{case.notification.reference}/indsats/ny/",
        {"kind": "not_in_the_plan", "due_on": days(-1).strftime("%d-%m-%Y"), "description": "X"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg den medarbejder, der er ansvarlig." in page
    assert "Fristen kan ikke ligge før i dag." in page
    assert "Vælg en indsats fra listen." in page
    assert not Initiative.objects.exists()


def test_only_those_who_work_on_the_case_create_initiatives(staff_client, coordinator):
    case = routed_adult_case(coordinator)

    # Those with a case role may not see the case: not found; the press has no case role.
    for role, status in [
        (roles.INTERVENTION_GROUP, 404),
        (roles.COORDINATOR, 404),
        (roles.PRESS, 403),
    ]:
        client = staff_client(role, username=f"andre_{role}")
        url = f"{BASE}sag/{case.notification.reference}/indsats/ny/"
        assert client.get(url).status_code == status, role


def test_initiative_is_referred_then_completed_with_an_outcome(client, coordinator):
    case = routed_adult_case(coordinator)
    item = initiative(case, coordinator, due_in=5, kind="red_safehouse")
    as_user(client, coordinator)
    url = f"{BASE}indsats/{item.pk}/"

    assert "Ophold på RED Safehouse" in client.get(url).content.decode()
    referred = client.post(url, {"status": "referred", "referred_on": "", "outcome": ""})
    item.refresh_from_db()
    assert referred.status_code == 302
    assert item.status == "referred" and item.referred_on == timezone.localdate()

    no_outcome = client.post(url, {"status": "completed", "outcome": ""})
    assert no_outcome.status_code == 400
    assert "Skriv resultatet, når indsatsen afsluttes." in no_outcome.content.decode()

    done = client.post(
        url,
        {
            "status": "completed",
            "referred_on": days(-2).strftime("%d-%m-%Y"),
            "outcome": "Borgeren er flyttet til RED Safehouse.",
        },
    )
    item.refresh_from_db()
    assert done.status_code == 302
    assert item.status == "completed"
    assert item.referred_on == days(-2)
    assert item.outcome == "Borgeren er flyttet til RED Safehouse."
    assert case.journal.filter(kind="initiative").count() == 3  # created, referred, completed
    assert AuditEvent.objects.filter(action="case.initiative_update").count() == 2
    case_page = client.get(f"/medarbejder/sager/{case.notification.reference}/").content.decode()
    assert "Gennemført" in case_page and "Borgeren er flyttet til RED Safehouse." in case_page


def test_an_initiative_on_a_case_the_user_cannot_see_is_not_found(staff_client, coordinator):
    case = routed_adult_case(coordinator)
    item = initiative(case, coordinator, due_in=5)

    for role in [roles.COORDINATOR, roles.INTERVENTION_GROUP, roles.CHILDREN_UNIT]:
        client = staff_client(role, username=f"fremmed_{role}")
        assert client.get(f"{BASE}indsats/{item.pk}/").status_code == 404, role
        response = client.post(f"{BASE}indsats/{item.pk}/", {"status": "cancelled", "outcome": "x"})
        assert response.status_code == 404, role
    item.refresh_from_db()
    assert item.status == "planned"


def test_the_responsible_person_updates_and_follows_up_without_case_access(client, coordinator):
    member = make_staff("medlem", roles.INTERVENTION_GROUP)
    case = routed_adult_case(coordinator)
    item = initiative(case, coordinator, due_in=5, responsible=member)
    as_user(client, member)

    follow_up = client.get(FOLLOW_UP).content.decode()
    response = client.post(f"{BASE}indsats/{item.pk}/", {"status": "in_progress"})

    assert "Rådgivning hos RED Rådgivning" in follow_up
    assert f'href="{BASE}indsats/{item.pk}/"' in follow_up
    # The reference is shown, but not as a link to a case the member may not open.
    assert f'href="/medarbejder/sager/{case.notification.reference}/"' not in follow_up
    assert response.status_code == 302
    assert response["Location"] == FOLLOW_UP
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_follow_up_list_overdue_first_in_words(client, coordinator):
    case = routed_adult_case(coordinator)
    soon = initiative(case, coordinator, due_in=3, kind="counselling")
    overdue = initiative(case, coordinator, due_in=-2, kind="police_report")
    later = initiative(case, coordinator, due_in=20, kind="mediation")
    done = initiative(case, coordinator, due_in=-30, kind="crisis_shelter")
    meeting_services.update_initiative(
        done, status="completed", outcome="Afsluttet", by=coordinator
    )
    as_user(client, coordinator)

    page = client.get(FOLLOW_UP).content.decode()
    with_done = client.get(FOLLOW_UP, {"afsluttede": "1"}).content.decode()

    def position(text, item):
        return text.index(f"{BASE}indsats/{item.pk}/")

    assert position(page, overdue) < position(page, soon) < position(page, later)
    assert page.count("Overskredet") == 1
    assert "1 indsats har overskredet fristen." in page
    assert f"{BASE}indsats/{done.pk}/" not in page
    # Completed initiatives are shown on request, after the overdue ones and never as overdue.
    assert position(with_done, overdue) < position(with_done, done) < position(with_done, soon)
    assert with_done.count("Overskredet") == 1
    assert "Gennemført" in with_done


@pytest.mark.parametrize(
    "role", [roles.COORDINATOR, roles.INTERVENTION_GROUP, roles.CHILDREN_UNIT, roles.LEADER]
)
def test_follow_up_list_roles(staff_client, role):
    assert staff_client(role).get(FOLLOW_UP).status_code == 200


@pytest.mark.parametrize("role", [roles.PRESS, roles.INTAKE, roles.AUDITOR])
def test_follow_up_list_refuses_other_roles(staff_client, role):
    assert staff_client(role).get(FOLLOW_UP).status_code == 403


def test_follow_up_list_shows_only_cases_the_user_may_see(client, coordinator):
    other = make_staff("tovholder2", roles.COORDINATOR)
    mine = initiative(routed_adult_case(coordinator), coordinator, due_in=3)
    theirs = initiative(routed_adult_case(other), other, due_in=3)
    as_user(client, coordinator)

    page = client.get(FOLLOW_UP).content.decode()

    assert f"{BASE}indsats/{mine.pk}/" in page
    assert theirs.case.notification.reference not in page


def test_follow_up_list_reads_a_fixed_number_of_queries(client, coordinator):
    leader = make_staff("chef", roles.LEADER)
    member = make_staff("medlem", roles.INTERVENTION_GROUP)
    planned = meeting(coordinator, participants=[member])
    meeting_services.send_agenda(planned, by=coordinator)
    as_user(client, member)

    def add_case():
        case = routed_adult_case(coordinator)
        meeting_services.add_to_agenda(planned, case, by=coordinator)
        initiative(case, coordinator, due_in=-1, responsible=leader)
        initiative(case, coordinator, due_in=4, responsible=member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(FOLLOW_UP).status_code == 200
        return len(queries)

    add_case()
    one = count()
    for _ in range(4):
        add_case()
    five = count()

    assert one == five
    page = client.get(FOLLOW_UP).content.decode()
    assert page.count("Overskredet</strong>") == 5
