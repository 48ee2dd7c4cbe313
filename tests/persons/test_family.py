"""A notification's family: siblings and children in the household, with their own history."""

import datetime as dt

import pytest
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.persons import selectors, services
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification
from tests.persons.conftest import route_adult

pytestmark = pytest.mark.usefixtures("allerod_plan")

SISTER_CPR = "0505104321"


def test_a_sibling_added_on_the_page_is_shown_in_the_family(staff_client):
    notification = make_notification(person_name="Aisha Ølgaard", age_group="child")
    client = staff_client(roles.INTAKE)
    add = reverse("persons:add-related", args=[notification.reference])

    form = client.get(add)
    invalid = client.post(add, {"role": "sibling"})
    response = client.post(
        add, {"role": "sibling", "name": "Sara Ølgaard", "cpr": "050510-4321", "address": ""}
    )

    assert form.status_code == 200
    assert invalid.status_code == 400
    assert "Skriv mindst personens navn" in invalid.content.decode()
    assert response["Location"] == reverse("persons:family", args=[notification.reference])
    page = client.get(response["Location"]).content.decode()
    assert "Sara Ølgaard" in page and "Søskende" in page and "Aisha Ølgaard" in page
    sister = NotificationPerson.objects.get(notification=notification, role="sibling").person
    assert sister.cpr == SISTER_CPR and sister.birth_date == dt.date(2010, 5, 5)
    assert notification.case.journal.filter(text__contains=f"person {sister.label}").exists()
    assert AuditEvent.objects.filter(action="person.add_related").exists()


def test_a_sibling_with_a_known_cpr_brings_her_own_notifications(people):
    own = make_notification(person_name="Sara", person_cpr=SISTER_CPR, age_group="child")
    notification = make_notification(person_name="Aisha Ølgaard", age_group="child")
    services.add_related_person(
        notification, role="sibling", cpr=SISTER_CPR, name="Sara", by=people["intake"]
    )

    members = selectors.family(notification, people["intake"])

    assert [m.roles for m in members] == [["Personen underretningen handler om"], ["Søskende"]]
    assert [e.reference for e in members[1].history.entries] == [own.reference]


def test_the_family_view_applies_need_to_know_to_the_siblings_cases(people):
    own = make_notification(person_name="Sara", person_cpr="0505904321", age_group="adult")
    route_adult(own.case, intake=people["intake"], coordinator=people["coordinator"])
    notification = make_notification(person_name="Aisha Ølgaard")
    services.add_related_person(notification, role="sibling", cpr="0505904321", by=people["intake"])

    sister = selectors.family(notification, people["intake"])[1]

    assert sister.history.entries == []
    assert [h.reference for h in sister.history.hidden] == [own.reference]


def test_adding_the_same_person_twice_is_refused(people):
    notification = make_notification()
    services.add_related_person(notification, role="sibling", cpr=SISTER_CPR, by=people["intake"])

    with pytest.raises(services.PersonRuleError):
        services.add_related_person(
            notification, role="child_in_household", cpr=SISTER_CPR, by=people["intake"]
        )


def test_family_of_a_person_goes_through_the_notifications_the_user_may_see(people):
    notification = make_notification(person_cpr="0101901234")
    services.add_related_person(notification, role="sibling", name="Bror", by=people["intake"])
    person = NotificationPerson.objects.get(notification=notification, role="at_risk").person

    seen_by_intake = selectors.family(person, people["intake"])
    seen_by_stranger = selectors.family(person, people["child_unit"])

    assert [m.person.name for m in seen_by_intake] == ["", "Bror"]
    assert seen_by_intake[0].is_subject
    assert seen_by_stranger == []


def test_only_those_who_may_work_on_the_case_add_to_it(staff_client, people):
    notification = make_notification(age_group="adult")
    route_adult(notification.case, intake=people["intake"], coordinator=people["coordinator"])
    client = staff_client(roles.INTAKE, username="modtager2")

    assert (
        client.get(reverse("persons:add-related", args=[notification.reference])).status_code == 403
    )
    assert client.get(reverse("persons:family", args=[notification.reference])).status_code == 403
