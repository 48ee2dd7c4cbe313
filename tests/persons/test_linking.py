"""At registration every notification is linked to a person: by CPR number automatically,
otherwise as a new person that staff may later confirm as someone already known."""

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.persons.models import NotificationPerson, Person
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

CPR = "0101901234"


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


def test_a_second_notification_with_the_same_cpr_joins_the_person():
    first = make_notification(person_name="Aisha Ølgaard", person_cpr="010190-1234")
    second = make_notification(person_name="Aisha Oelgaard", person_cpr=CPR)

    person = person_of(first)
    assert person_of(second) == person
    assert person.cpr == CPR
    assert Person.objects.count() == 1
    entry = second.case.journal.get(text__startswith="Knyttet til person")
    assert (
        entry.text
        == f"Knyttet til person {person.label} (samme CPR-nummer som en tidligere underretning)."
    )


def test_without_cpr_a_new_person_is_created_and_never_joined_automatically():
    first = make_notification(person_name="Aisha Ølgaard", person_birth_date=None)
    second = make_notification(person_name="Aisha Ølgaard")

    assert person_of(first) != person_of(second)
    assert person_of(first).norm_name == "aisha oelgaard"


def test_a_notification_with_nothing_about_the_person_still_gets_a_person():
    notification = make_notification(person_name="", person_address="")

    person = person_of(notification)
    assert (person.name, person.birth_date, person.address, person.cpr) == ("", None, "", None)


def test_journal_and_audit_name_the_person_by_id_never_by_cpr():
    notification = make_notification(person_name="Aisha Ølgaard", person_cpr=CPR)
    person = person_of(notification)

    texts = list(notification.case.journal.values_list("text", flat=True))
    event = AuditEvent.objects.get(action="person.link")

    assert f"Knyttet til person {person.label} (ny person)." in texts
    assert not any(CPR[:6] in text or "Aisha" in text for text in texts)
    assert event.object_id == person.label
    assert CPR not in str(event.detail) and "Aisha" not in str(event.detail)


def test_the_cpr_person_keeps_its_data_and_fills_what_was_missing():
    make_notification(person_name="", person_cpr=CPR)
    make_notification(person_name="Aisha Ølgaard", person_cpr=CPR, person_address="Testvej 1")

    person = Person.objects.get()
    assert (person.name, person.address, person.norm_address) == (
        "Aisha Ølgaard",
        "Testvej 1",
        "testvej 1",
    )
