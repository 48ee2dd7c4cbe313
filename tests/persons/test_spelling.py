"""The same person under another spelling: a school writes "Muhammad", the police "Mohammed".
The second caseworker must see the first notification proposed, and why; what else agrees (the
birth date, perhaps written the other way round, or only an age; the address) decides."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.persons import selectors, services
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BORN = dt.date(2012, 5, 9)


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


def proposals(person):
    return [(match.person, match.reasons) for match in selectors.possible_matches(person)]


def test_muhammad_from_the_school_and_mohammed_from_the_police_are_proposed_as_one(staff_client):
    school = make_notification(
        channel="web_professional",
        notifier_workplace="Lillerød Skole",
        age_group="child",
        person_name="Leila Muhammad",
        person_birth_date=BORN,
    )
    police = make_notification(
        channel="police",
        notifier_kind="authority",
        age_group="child",
        person_name="Leila Mohammed",
        person_birth_date=BORN,
    )
    client = staff_client(roles.INTAKE)

    page = client.get(reverse("cases:detail", args=[police.reference])).content.decode()

    assert "Mulig samme person" in page
    assert person_of(school).label in page
    assert (
        reverse("persons:confirm", args=[person_of(police).reference, person_of(school).reference])
        in page
    )


def test_the_proposal_says_in_danish_why_it_was_made(staff_client):
    school = person_of(make_notification(person_name="Youssef Haddad", person_birth_date=BORN))
    police = person_of(make_notification(person_name="Yusuf Hadad", person_birth_date=BORN))
    client = staff_client(roles.INTAKE)

    page = client.get(reverse("persons:detail", args=[police.reference])).content.decode()

    score = selectors.possible_matches(police)[0].score
    assert 85 <= score < 100
    assert f"Foreslået, fordi: navnene ligner hinanden ({score} af 100), samme fødselsdato." in page
    event = AuditEvent.objects.get(action="person.proposal_view", object_id=school.label)
    assert event.detail["why"] == {
        "name_score": score,
        "same_name": False,
        "birth": "same",
        "same_address": False,
    }


def test_parts_in_another_order_with_and_without_a_particle_are_one_name():
    earlier = person_of(make_notification(person_name="Hassan Al-Amin", person_birth_date=BORN))
    later = person_of(make_notification(person_name="Amin, Hasan", person_birth_date=BORN))

    assert proposals(later) == [
        (earlier, ["navnene ligner hinanden (100 af 100)", "samme fødselsdato"])
    ]


def test_a_birth_date_with_day_and_month_swapped_is_proposed():
    earlier = person_of(
        make_notification(person_name="Khadija Benali", person_birth_date=dt.date(2011, 5, 3))
    )
    later = person_of(
        make_notification(person_name="Khadidja Benali", person_birth_date=dt.date(2011, 3, 5))
    )

    assert proposals(later) == [
        (
            earlier,
            [
                "navnene ligner hinanden (100 af 100)",
                "samme fødselsdato med dag og måned byttet om",
            ],
        )
    ]


def test_only_an_age_finds_the_person_born_that_year(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)
    earlier = person_of(
        make_notification(person_name="Ayesha Siddiqui", person_birth_date=dt.date(2012, 2, 20))
    )
    older_namesake = person_of(
        make_notification(person_name="Ayesha Siddiqui", person_birth_date=dt.date(2006, 2, 20))
    )
    later = person_of(make_notification(person_name="Aisha Siddiqi", person_age=14))

    assert later.birth_date is None and later.birth_year == 2012
    assert [person for person, _reasons in proposals(later)] == [earlier]
    assert older_namesake not in [person for person, _reasons in proposals(later)]
    assert "samme fødselsår (den ene kender kun alderen)" in proposals(later)[0][1]


def test_a_name_alike_at_the_same_address_is_proposed_without_a_birth_date():
    earlier = person_of(
        make_notification(person_name="Abdirahman Warsame", person_address="Skolevej 4, Allerød")
    )
    later = person_of(
        make_notification(person_name="Abdurahman Warsame", person_address="Skolevej 4 Allerød")
    )

    assert proposals(later) == [
        (earlier, ["navnene ligner hinanden (100 af 100)", "samme adresse"])
    ]


def test_a_father_and_son_of_one_name_at_one_address_are_not_proposed():
    father = make_notification(
        person_name="Mohammed Ali", person_birth_date=dt.date(1975, 8, 20), person_address="Vej 1"
    )
    son = make_notification(
        person_name="Muhammad Ali", person_birth_date=dt.date(2009, 8, 20), person_address="Vej 1"
    )

    assert proposals(person_of(son)) == []
    assert proposals(person_of(father)) == []


def test_a_first_name_alone_with_the_same_birth_date_is_not_enough():
    person_of(make_notification(person_name="Mohammed Ali Hassan", person_birth_date=BORN))
    later = person_of(make_notification(person_name="Mohammed", person_birth_date=BORN))

    assert proposals(later) == []


def test_a_rejected_spelling_is_not_proposed_again(people):
    one = person_of(make_notification(person_name="Amin Hassan", person_birth_date=BORN))
    other = person_of(make_notification(person_name="Amina Hassan", person_birth_date=BORN))
    assert [person for person, _reasons in proposals(other)] == [one]

    services.reject_match(other, one, by=people["intake"])

    assert proposals(other) == [] and proposals(one) == []


def test_a_cpr_number_still_links_at_once_whatever_the_spelling():
    first = make_notification(person_name="Husain Ebrahim", person_cpr="0905124321")
    second = make_notification(person_name="Hussein Ibrahim", person_cpr="0905124321")

    assert person_of(first) == person_of(second)
    assert proposals(person_of(first)) == []


def test_a_common_name_with_only_an_age_is_not_proposed_with_every_namesake(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)
    for day in range(1, 5):
        make_notification(person_name="Mohammed Ali", person_birth_date=dt.date(2012, 2, day))
    later = person_of(make_notification(person_name="Muhammad Ali", person_age=14))

    assert proposals(later) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is on PostgreSQL only")
def test_on_postgresql_only_names_alike_in_trigrams_are_read_among_those_born_that_day():
    alike = person_of(make_notification(person_name="Leila Muhammad", person_birth_date=BORN))
    other = person_of(make_notification(person_name="Søren Kristensen", person_birth_date=BORN))
    new = person_of(make_notification(person_name="Leila Mohammed", person_birth_date=BORN))

    near, _same_key = selectors._candidates([new])
    read = list(near)

    assert selectors.trigram_available()
    assert alike in read and other not in read
