"""The auditor answers "who has read anything about this person between these dates" with one
search: by CPR number (hashed before searching, never stored), person key or case reference,
finding person pages, family pages, case pages, printed PDFs and API reads alike."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from beredskab.accounts import roles
from beredskab.accounts.system_accounts import create_system_account, issue_token
from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.audit.selectors import events_about
from beredskab.persons.models import NotificationPerson
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.section12a.test_section12a import adult_case, make_plan

pytestmark = pytest.mark.usefixtures("allerod_plan")

URL = "/medarbejder/logning/"
CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CPH)
CPR = "0101901234"  # Aisha's, as in tests/cases/test_section12a.py
READS = ["person.view", "case.view", "case.print", "notification.view"]


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def aisha(now):
    """Aisha's adult case with an action plan, and another person's case beside it."""
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = adult_case(coordinator, make_staff("modtager", roles.INTAKE))
    make_plan(case, coordinator)
    other = make_notification(person_name="Sara Anden", person_cpr="0202924321")
    return case, other


def every_kind_of_read(client, case, other):
    """A leader reads Aisha's person page (from the family page), her case page and her action
    plan's PDF; a system reads her notification through the API; the leader also reads Sara's
    case."""
    reference = case.notification.reference
    family = client.get(reverse("persons:family", args=[reference])).content.decode()
    person_page = re.search(r'href="([^"]+)">Personens side', family).group(1)
    assert client.get(person_page).status_code == 200
    assert client.get(reverse("cases:detail", args=[reference])).status_code == 200
    pdf = client.get(reverse("section12a:action-plan-pdf", args=[reference, 1]))
    assert pdf.status_code == 200
    api = APIClient()
    system = create_system_account("fagsystem", roles=[roles.LEADER], description="Fagsystem")
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(system)[1]}")
    assert api.get(f"/api/v1/notifications/{reference}/").status_code == 200
    assert client.get(reverse("cases:detail", args=[other.reference])).status_code == 200


def found_actions(page):
    return set(re.findall(r"<td>((?:person|case|notification)\.[a-z_]+)</td>", page))


def test_one_search_by_cpr_number_finds_every_read_about_the_person(aisha, staff_client):
    case, other = aisha
    every_kind_of_read(staff_client(roles.LEADER), case, other)
    client = staff_client(roles.AUDITOR)

    response = client.post(
        URL, {"cpr": "010190-1234", "date_from": "30-11-2026", "date_to": "30-11-2026"}
    )

    assert response.status_code == 303
    assert CPR not in response["Location"] and "010190" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert set(READS) <= found_actions(page)
    assert other.reference not in page
    # The CPR number is hashed with the audit key before it is searched or stored.
    stored = " ".join(
        str(row) for model in (AuditEvent, AuditSubject) for row in model.objects.values_list()
    )
    assert CPR not in stored and "010190" not in stored


def test_the_person_key_and_the_case_reference_find_the_same_reads(aisha, staff_client):
    case, other = aisha
    every_kind_of_read(staff_client(roles.LEADER), case, other)
    person = NotificationPerson.objects.get(notification=case.notification, role="at_risk").person
    client = staff_client(roles.AUDITOR)

    by_person = client.get(URL, {"reference": person.audit_key}).content.decode()
    by_case = client.get(URL, {"reference": case.notification.reference.lower()}).content.decode()

    assert set(READS) <= found_actions(by_person)
    assert set(READS) <= found_actions(by_case)
    assert other.reference not in by_person and other.reference not in by_case


def test_the_date_range_bounds_the_search(aisha, staff_client):
    case, other = aisha
    every_kind_of_read(staff_client(roles.LEADER), case, other)
    client = staff_client(roles.AUDITOR)

    page = client.get(
        URL,
        {
            "reference": case.notification.reference,
            "date_from": "1-11-2026",
            "date_to": "29-11-2026",
        },
    ).content.decode()

    assert found_actions(page) == set()


def test_a_malformed_cpr_number_is_refused_with_what_to_do(staff_client, db):
    client = staff_client(roles.AUDITOR)

    response = client.post(URL, {"cpr": "12345"})

    assert response.status_code == 400
    assert "10 cifre" in response.content.decode()
    assert "12345" not in response.content.decode()


def test_the_events_about_a_person_are_at_hand_for_the_subject_access_export(aisha, staff_client):
    case, other = aisha
    every_kind_of_read(staff_client(roles.LEADER), case, other)
    person = NotificationPerson.objects.get(notification=case.notification, role="at_risk").person

    actions = set(events_about(person).values_list("action", flat=True))

    assert set(READS) <= actions
    assert not events_about(person).filter(object_id=other.reference).exists()
