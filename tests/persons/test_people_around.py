"""People around the person: other children at risk (with the prompt to notify about them), an
alleged perpetrator (with a warning), supporting adults, each a person with a role on the case;
seen only with need to know, as the person is."""

import pytest
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.persons.models import NotificationPerson
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_people_around_the_person_get_their_roles_prompts_and_warnings(staff_client):
    notification = make_notification(person_name="Aisha Testperson", age_group="child")
    client = staff_client(roles.INTAKE)
    add = reverse("persons:add-related", args=[notification.reference])

    for role, name in [
        ("other_child_at_risk", "Kusine Testbarn"),
        ("alleged_perpetrator", "Onkel Testudøver"),
        ("supporting_adult", "Lærer Teststøtte"),
    ]:
        response = client.post(add, {"role": role, "name": name, "cpr": "", "address": ""})
        assert response.status_code == 302, response.content.decode()

    assert set(
        NotificationPerson.objects.filter(notification=notification).values_list("role", flat=True)
    ) == {"at_risk", "other_child_at_risk", "alleged_perpetrator", "supporting_adult"}
    page = client.get(reverse("persons:family", args=[notification.reference])).content.decode()
    assert "Andet barn i risiko" in page and "Formodet udøver" in page
    assert "Støttende voksen" in page
    assert page.count('class="alert alert-warning child-prompt"') == 1
    assert "Registrér en underretning om barnet" in page
    assert page.count('class="alert alert-error perpetrator-warning"') == 1


def test_their_data_needs_need_to_know(client):
    notification = make_notification(person_name="Aisha Testperson", age_group="adult")
    intake = make_staff("modtager", roles.INTAKE)
    sign_in(client, intake)
    client.post(
        reverse("persons:add-related", args=[notification.reference]),
        {"role": "alleged_perpetrator", "name": "Onkel Testudøver", "cpr": "", "address": ""},
    )
    other = make_staff("tovholder", roles.COORDINATOR)  # not on the case
    client.logout()
    sign_in(client, other)

    response = client.get(reverse("persons:family", args=[notification.reference]))

    assert response.status_code in (403, 404)
    assert "Onkel Testudøver" not in response.content.decode()
