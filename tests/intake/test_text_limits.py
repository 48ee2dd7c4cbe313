"""Every text field of the public forms has a limit: 5 MiB in one field is a clear error on the
form, which keeps what was typed, and nothing is saved."""

import re

import pytest

from beredskab.intake.models import Notification
from tests.intake.helpers import VALID_PROFESSIONAL, form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")

FIVE_MIB = "x" * 5 * 2**20
CITIZEN = {
    "about": "other",
    "anonymous": "on",
    "age_group": "unknown",
    "children_in_household": "unknown",
    "concern_types": ["forced_marriage"],
    "description": "Min veninde skal giftes med en, hun ikke kender.",
    "immediate_danger": "no",
    "family_knows": "unknown",
}


@pytest.mark.parametrize(
    ("url", "base", "field"),
    [
        ("/underret/borger/", CITIZEN, "safe_contact_times"),
        ("/underret/borger/", CITIZEN, "description"),
        ("/underret/fagperson/", VALID_PROFESSIONAL, "children_details"),
        ("/underret/fagperson/", VALID_PROFESSIONAL, "notifier_actions"),
        ("/underret/fagperson/", VALID_PROFESSIONAL, "description"),
    ],
)
def test_a_5_mib_field_is_a_clear_error_and_nothing_is_saved(client, url, base, field):
    response = client.post(url, form_data(base, **{field: FIVE_MIB}))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Teksten må højst være" in page and "tegn" in page
    assert base["description"] in page or field == "description"
    assert not Notification.objects.exists()


@pytest.mark.parametrize("url", ["/underret/borger/", "/underret/fagperson/"])
def test_every_text_field_of_the_public_forms_has_a_limit(client, url):
    page = client.get(url).content.decode()

    for tag in re.findall(r"<(?:input|textarea)[^>]*>", page):
        if 'name="person_birth_date"' in tag:
            continue  # a date, checked as one
        kind = re.search(r'type="(\w+)"', tag)
        if tag.startswith("<textarea") or (kind and kind.group(1) in ("text", "email", "tel")):
            assert "maxlength=" in tag, tag
