"""The person page and its buttons: who may see and change what, and that each step is logged."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.persons.models import MergeRecord, NotificationPerson, Person, RejectedMatch
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BORN = dt.date(2008, 3, 14)


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


@pytest.fixture
def pair(db):
    older = make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN)
    newer = make_notification(person_name="aisha oelgaard", person_birth_date=BORN)
    return person_of(older), person_of(newer)


def url(name, *persons):
    return reverse(f"persons:{name}", args=[person.reference for person in persons])


def test_intake_sees_the_person_and_the_proposed_match(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.INTAKE)

    response = client.get(url("detail", newer))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mulig samme person" in page
    assert "Foreslået, fordi: samme navn, samme fødselsdato." in page
    assert url("confirm", newer, older) in page
    assert url("reject", newer, older) in page
    assert AuditEvent.objects.filter(action="person.view", object_id=newer.label).exists()


def test_confirming_from_the_page_merges_and_goes_back(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.INTAKE)
    case_page = reverse(
        "cases:detail", args=[NotificationPerson.objects.get(person=newer).notification.reference]
    )

    response = client.post(url("confirm", newer, older), {"next": case_page})

    assert response.status_code == 302 and response["Location"] == case_page
    assert MergeRecord.objects.get().target == older
    assert client.get(url("detail", newer))["Location"] == url("detail", older)


def test_a_foreign_next_address_is_ignored(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.INTAKE)

    response = client.post(url("reject", newer, older), {"next": "https://evil.example/"})

    assert response["Location"] == url("detail", newer)
    assert RejectedMatch.objects.count() == 1
    page = client.get(url("detail", newer)).content.decode()
    assert "Mulig samme person" not in page


def test_undo_from_the_page(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.INTAKE)
    client.post(url("confirm", newer, older))

    assert url("undo-merge", older, newer) in client.get(url("detail", older)).content.decode()
    client.post(url("undo-merge", older, newer))

    newer.refresh_from_db()
    assert newer.merged_into is None
    assert NotificationPerson.objects.filter(person=newer).count() == 1
    assert MergeRecord.objects.get().undone_at is not None  # kept, with when it was undone


def test_split_from_the_page(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.INTAKE)
    client.post(url("confirm", newer, older))
    moved = NotificationPerson.objects.get(person=older, notification__person_name="aisha oelgaard")

    empty = client.post(url("split", older), {})
    response = client.post(url("split", older), {"notifications": [moved.notification_id]})

    assert empty.status_code == 400
    assert "Vælg de underretninger" in empty.content.decode()
    assert response.status_code == 302
    new = Person.objects.get(split_from=older)
    assert list(NotificationPerson.objects.filter(person=new)) == [moved]
    assert "Læg sammen med" in client.get(url("detail", new)).content.decode()


def test_press_is_refused_everywhere(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.PRESS)
    reference = NotificationPerson.objects.get(person=older).notification.reference

    assert client.get(url("detail", older)).status_code == 403
    assert client.post(url("confirm", newer, older)).status_code == 403
    assert client.get(reverse("persons:family", args=[reference])).status_code == 403
    assert client.get(reverse("persons:add-related", args=[reference])).status_code == 403
    assert not MergeRecord.objects.exists()


def test_a_user_without_access_to_any_of_the_persons_cases_finds_no_person(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.CHILDREN_UNIT)

    assert client.get(url("detail", older)).status_code == 404
    assert client.post(url("confirm", newer, older)).status_code == 404
    assert client.post(url("reject", newer, older)).status_code == 404
    assert client.post(url("split", older), {"notifications": [1]}).status_code == 404
    assert not MergeRecord.objects.exists() and not RejectedMatch.objects.exists()
    # Each refusal is on the record of every person it concerned.
    assert AuditEvent.objects.filter(action="person.refused", object_id=older.label).count() == 4
    assert AuditEvent.objects.filter(action="person.refused", object_id=newer.label).count() == 2


def test_an_unknown_reference_is_not_found_and_audited(staff_client):
    client = staff_client(roles.LEADER)

    response = client.get("/medarbejder/personer/P-0000-0000-0000/")

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="person.refused", object_id="P-0000-0000-0000").exists()


def test_the_leader_is_let_in_and_a_coordinator_without_the_cases_is_not(pair, staff_client):
    older, newer = pair
    client = staff_client(roles.LEADER)  # the leader sees every case
    assert client.get(url("detail", older)).status_code == 200

    coordinator = staff_client(roles.COORDINATOR, username="tovholder")
    assert coordinator.get(url("detail", older)).status_code == 404
    assert coordinator.post(url("confirm", newer, older)).status_code == 404


def test_the_url_names_the_person_by_a_random_reference_not_cpr_or_id(staff_client):
    notification = make_notification(person_cpr="0101901234")
    person = person_of(notification)
    client = staff_client(roles.INTAKE)

    assert re.fullmatch(r"P-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", person.label)
    assert url("detail", person) == f"/medarbejder/personer/{person.label}/"
    assert client.get(url("detail", person).lower()).status_code == 200  # read aloud, typed
    assert client.get(f"/medarbejder/personer/{person.pk}/").status_code == 404
    assert client.get("/medarbejder/personer/0101901234/").status_code == 404
