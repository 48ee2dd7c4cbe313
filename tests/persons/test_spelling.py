"""The same person under another spelling: a school writes "Muhammad", the police "Mohammed".
The second caseworker must see the first notification proposed, and why."""

import datetime as dt

import pytest
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BORN = dt.date(2012, 5, 9)


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


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
    assert reverse("persons:confirm", args=[person_of(police).reference, person_of(school).reference]) in page
