"""The spelling keys are filled for the persons already there when the migrations run, the
birth year from the notification's age when no birth date was given."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beredskab.persons.models import NotificationPerson, Person
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BEFORE = [("persons", "0003_related_person_details")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_persons_registered_before_the_keys_get_them(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)
    dated = make_notification(person_name="Khadidja Benali", person_birth_date=dt.date(2011, 3, 5))
    aged = make_notification(person_name="Yusuf Al-Hassan", person_age=14)
    expected = {
        link.person.pk: (link.person.name_fold, link.person.name_key, link.person.birth_year)
        for link in NotificationPerson.objects.filter(notification__in=[dated, aged])
    }
    # Every app back to its latest migration: rolling persons back also unapplies the apps that
    # depend on it (safety), which the rest of the run needs.
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    migrate(BEFORE)
    migrate(latest)

    found = {
        person.pk: (person.name_fold, person.name_key, person.birth_year)
        for person in Person.objects.filter(pk__in=expected)
    }
    assert found == expected
    assert sorted(year for _fold, _key, year in found.values()) == [2011, 2012]
