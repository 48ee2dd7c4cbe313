"""Proposed matches: the same person without a CPR number is proposed, staff confirm or reject,
and a rejected pair is never proposed again."""

import datetime as dt

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.persons import selectors, services
from beredskab.persons.models import MergeRecord, NotificationPerson, Person, RejectedMatch
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BORN = dt.date(2008, 3, 14)


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


def proposed(person):
    return [match.person for match in selectors.possible_matches(person)]


@pytest.fixture
def two_spellings(db):
    older = make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN)
    newer = make_notification(person_name="aisha oelgaard", person_birth_date=BORN)
    return person_of(older), person_of(newer)


def test_the_same_name_spelled_two_ways_with_the_same_birth_date_is_proposed(two_spellings):
    older, newer = two_spellings

    matches = selectors.possible_matches(newer)

    assert [m.person for m in matches] == [older]
    assert matches[0].reasons == ["samme navn", "samme fødselsdato"]
    assert proposed(older) == [newer]


@pytest.mark.parametrize(
    ("fields", "reasons"),
    [
        (
            {"person_name": "Aisha Ølgaard", "person_address": "Testvej 1, Allerød"},
            ["samme navn", "samme adresse"],
        ),
        (
            {
                "person_name": "Anden",
                "person_birth_date": BORN,
                "person_address": "Testvej 1 Allerød",
            },
            ["samme fødselsdato", "samme adresse"],
        ),
    ],
)
def test_other_pairs_of_keys_are_proposed_too(fields, reasons):
    known = person_of(
        make_notification(
            person_name="Aisha Ølgaard", person_birth_date=BORN, person_address="Testvej 1, Allerød"
        )
    )
    new = person_of(make_notification(**fields))

    assert selectors.possible_matches(new)[0].person == known
    assert selectors.possible_matches(new)[0].reasons == reasons


def test_one_key_alone_is_not_enough():
    person_of(make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN))
    new = person_of(make_notification(person_name="Aisha Ølgaard", person_birth_date=None))
    nameless = person_of(make_notification(person_name="", person_address=""))

    assert proposed(new) == []
    assert proposed(nameless) == []


def test_confirming_merges_the_newer_person_into_the_older(two_spellings, people):
    older, newer = two_spellings

    merge = services.confirm_match(newer, older, by=people["intake"])

    newer.refresh_from_db()
    assert (merge.source, merge.target, newer.merged_into) == (newer, older, older)
    assert NotificationPerson.objects.filter(person=older).count() == 2
    assert proposed(older) == []
    for link in NotificationPerson.objects.filter(person=older):
        assert link.notification.case.journal.filter(
            text=f"Person {newer.label} er lagt sammen med person {older.label} (samme person)."
        ).exists()
    assert AuditEvent.objects.filter(action="person.merge", object_id=older.label).exists()


def test_a_rejected_match_is_not_proposed_again(two_spellings, people):
    older, newer = two_spellings

    services.reject_match(newer, older, by=people["intake"])
    services.reject_match(older, newer, by=people["intake"])  # twice is once

    assert RejectedMatch.objects.get().person_a == older
    assert proposed(newer) == [] and proposed(older) == []
    # Recorded once, for each of the two persons.
    assert set(
        AuditEvent.objects.filter(action="person.reject_match").values_list("object_id", flat=True)
    ) == {older.label, newer.label}
    assert AuditEvent.objects.filter(action="person.reject_match").count() == 2


def test_different_cpr_numbers_never_match(people):
    one = person_of(make_notification(person_name="Aisha Ølgaard", person_cpr="1403084234"))
    other = person_of(make_notification(person_name="Aisha Ølgaard", person_cpr="1403084321"))
    without = person_of(make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN))

    assert proposed(one) == [without]
    assert proposed(without) == [one, other]
    services.confirm_match(without, one, by=people["intake"])
    assert proposed(one) == []  # the group now has a CPR number: the other one cannot join
    with pytest.raises(services.PersonRuleError):
        services.confirm_match(one, other, by=people["intake"])


def test_two_people_in_one_notification_are_never_proposed_as_one(people):
    notification = make_notification(
        person_name="Aisha Ølgaard", person_birth_date=BORN, person_address="Testvej 1"
    )
    twin = services.add_related_person(
        notification,
        role="sibling",
        name="Amira Ølgaard",
        birth_date=BORN,
        address="Testvej 1",
        by=people["intake"],
    ).person

    assert proposed(twin) == []


def test_matching_is_three_queries_however_many_persons_there_are(
    two_spellings, django_assert_num_queries
):
    older, newer = two_spellings
    Person.objects.bulk_create(
        Person(
            name=f"Person {i}",
            norm_name=f"person {i}",
            birth_date=BORN,
            created_at=older.created_at,
        )
        for i in range(50)
    )

    selectors.trigram_available()  # asked once per process

    # The persons merged into it, those born on the day or at the address, those with the
    # name's key who gave only an age.
    with django_assert_num_queries(3):
        assert [m.person for m in selectors.possible_matches(newer)] == [older]


def test_a_merged_persons_spelling_still_finds_matches(two_spellings, people):
    older, newer = two_spellings
    services.confirm_match(older, newer, by=people["intake"])
    Person.objects.filter(pk=older.pk).update(
        norm_name="aisha o", name="Aisha O.", name_fold="aisa u", name_key="as u"
    )
    older.refresh_from_db()
    third = person_of(make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN))

    assert proposed(third) == [older]
    assert proposed(older) == [third]
    assert "hos en registrering, der er lagt sammen med personen" in (
        selectors.possible_matches(third)[0].reasons
    )
    assert MergeRecord.objects.count() == 1
