"""The public forms set no cookies, so Django's CSRF check cannot guard them: a POST must show
that it comes from this site's own page (Sec-Fetch-Site, Origin or Referer), as every browser in
use sends. A refused post gets a page in Danish that keeps the text and gives the phone numbers."""

import pytest
from django.test import Client

from beredskab.intake.models import Notification
from tests.intake.helpers import form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/underret/borger/"
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


def post(**headers):
    """A POST carrying exactly these headers: no browser's defaults."""
    return Client().post(URL, form_data(CITIZEN), headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "null"},
        {"Origin": "null", "Referer": "http://testserver/underret/borger/"},
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/underret/borger/"},
        {"Referer": "http://testserver.evil.example/"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
    ],
    ids=lambda headers: ",".join(f"{k}={v}" for k, v in headers.items()) or "nothing",
)
def test_a_post_not_shown_to_come_from_this_site_is_refused(headers):
    response = post(**headers)

    assert response.status_code == 403
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/underret/borger/"},  # a browser without Origin on POST
        {
            "Sec-Fetch-Site": "same-origin",
            "Origin": "http://testserver",
            "Referer": "http://testserver/underret/borger/",
        },
    ],
    ids=lambda headers: ",".join(headers),
)
def test_a_post_from_this_sites_own_page_is_accepted(headers):
    response = post(**headers)

    assert response.status_code == 200
    assert Notification.objects.count() == 1


def test_a_refused_post_keeps_the_text_and_gives_the_numbers_and_the_quick_exit():
    response = post(Origin="null")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Min veninde skal giftes med en, hun ikke kender.</textarea>" in page
    assert "kunne ikke se, at formularen blev sendt fra" in page
    assert 'id="quick-exit"' in page
    assert "112" in page and "48 100 100" in page and "4927 1448" in page
    assert response.cookies == {}
