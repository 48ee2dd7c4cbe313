"""The scale data (manage.py generate_scale_data) has persons as registration makes them: a
person with its matching keys for each notification still holding personal data, and some
persons notified again under another spelling, which the matcher proposes."""

import pytest

from bench.generator import generate
from beredskab.intake.models import Notification
from beredskab.persons import selectors
from beredskab.persons.models import NotificationPerson, Person
from beredskab.persons.normalise import fold_name, name_key, normalise_name

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_each_notification_with_personal_data_has_its_person_with_matching_keys():
    generate(300, seed=5)

    kept = Notification.objects.filter(anonymised_at__isnull=True)
    assert NotificationPerson.objects.filter(role="at_risk").count() == kept.count() > 0
    assert not Notification.objects.filter(anonymised_at__isnull=False, person_links__isnull=False)
    for link in NotificationPerson.objects.select_related("person", "notification")[:100]:
        person, notification = link.person, link.notification
        assert person.name == notification.person_name != ""
        assert person.birth_date == notification.person_birth_date
        assert (person.norm_name, person.name_fold, person.name_key) == (
            normalise_name(person.name),
            fold_name(person.name),
            name_key(person.name),
        )
        assert person.birth_year is not None or notification.person_age is None
    assert Person.objects.values("reference").distinct().count() == Person.objects.count()


def test_some_persons_come_again_under_another_spelling_and_are_proposed():
    generate(400, seed=5)

    proposed = [person for person in Person.objects.all() if selectors.possible_matches(person)]
    assert len(proposed) >= 10
