"""Finding a case by reference, name, CPR number or date: only among the cases the user may see,
the criterion sent by POST (never in a URL), and every search audited with its criterion."""

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.audit.subjects import cpr_subject
from beredskab.dates import format_date
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/medarbejder/sager/soeg/"


@pytest.fixture
def cases(db):
    mine = make_notification(person_name="Aisha Hansen", person_cpr="0101901234")
    other = make_notification(person_name="Aisha Jensen", person_cpr="0202924321")
    return mine, other


def test_modtagelsen_finds_a_case_by_a_reference_in_any_letter_case(client, cases):
    mine, _other = cases
    sign_in(client, make_staff("modtager", roles.INTAKE))

    response = client.post(URL, {"by": "reference", "text": mine.reference.lower()})

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 sag fundet" in page and mine.reference in page
    event = AuditEvent.objects.get(action="case.search")
    assert event.detail["by"] == "reference"
    assert event.detail["criterion"] == mine.reference.lower()
    assert event.detail["found"] == [mine.reference]


@pytest.mark.parametrize(
    ("by", "text", "found"),
    [("name", "aisha", 2), ("cpr", "010190-1234", 1), ("date", "today", 2)],
)
def test_search_by_name_cpr_and_date(client, cases, by, text, found):
    sign_in(client, make_staff("modtager", roles.INTAKE))
    if text == "today":
        text = timezone.localdate().strftime("%d-%m-%Y")

    page = client.post(URL, {"by": by, "text": text}).content.decode()

    assert f"{found} sag" in page
    event = AuditEvent.objects.get(action="case.search")
    assert event.detail["by"] == by and len(event.detail["found"]) == found


def test_a_cpr_search_is_audited_under_the_person_without_the_number(client, cases):
    sign_in(client, make_staff("modtager", roles.INTAKE))

    client.post(URL, {"by": "cpr", "text": "0101901234"})

    event = AuditEvent.objects.get(action="case.search")
    assert "0101901234" not in str(event.detail)
    assert event.detail["criterion"] == cpr_subject("0101901234")
    assert AuditSubject.objects.filter(event=event, key=cpr_subject("0101901234")).exists()


def test_a_name_is_audited_as_a_keyed_hash(client, cases):
    sign_in(client, make_staff("modtager", roles.INTAKE))

    client.post(URL, {"by": "name", "text": "Aisha"})

    event = AuditEvent.objects.get(action="case.search")
    assert "aisha" not in str(event.detail).lower()
    assert event.detail["criterion"].startswith("NAME:")


def test_a_case_the_user_may_not_see_is_not_found(client, cases):
    mine, _other = cases
    sign_in(client, make_staff("tovholder", roles.COORDINATOR))

    page = client.post(URL, {"by": "reference", "text": mine.reference}).content.decode()

    assert "0 sager fundet" in page and f">{mine.reference}<" not in page
    assert AuditEvent.objects.get(action="case.search").detail["found"] == []


def test_bad_input_says_what_to_do_and_keeps_it(client, cases):
    sign_in(client, make_staff("modtager", roles.INTAKE))

    response = client.post(URL, {"by": "cpr", "text": "12345"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Et CPR-nummer har 10 cifre" in page and 'value="12345"' in page
    assert not AuditEvent.objects.filter(action="case.search").exists()


def test_the_criterion_is_never_in_a_url(client, cases):
    sign_in(client, make_staff("modtager", roles.INTAKE))

    page = client.get(URL).content.decode()

    assert 'method="post"' in page
    assert client.get(URL, {"by": "name", "text": "Aisha"}).content.decode().count("Aisha") == 0
    assert format_date(timezone.localdate())  # the filters work for the results' dates
