"""After "Besvaret" the journalist's deadline is history: no "Snart" badge on the inquiry, and
the list counts "1 åben", not "1 åbne"."""

import datetime as dt

import pytest

from beredskab.accounts import roles
from beredskab.press.services import update_inquiry
from tests.factories import make_staff
from tests.press.helpers import NOW, URL, make_inquiry, url

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_an_answered_inquiry_shows_no_deadline_badge(staff_client, time_machine):
    time_machine.move_to(NOW, tick=False)
    contact = make_staff("modtager", roles.INTAKE)
    inquiry = make_inquiry(contact, deadline=NOW + dt.timedelta(hours=1))
    client = staff_client(roles.PRESS)
    assert "Snart" in client.get(url(inquiry)).content.decode()

    update_inquiry(
        inquiry,
        spokesperson=None,
        status="answered",
        answered_at=None,
        answer_summary="Henvist til socialchefen.",
        by=contact,
    )
    page = client.get(url(inquiry)).content.decode()

    assert "Snart" not in page and "Overskredet" not in page
    assert "man. 30. nov. kl. 11.00" in page


def test_one_open_inquiry_is_counted_in_the_singular(staff_client, time_machine):
    time_machine.move_to(NOW, tick=False)
    make_inquiry(make_staff("modtager", roles.INTAKE), deadline=NOW + dt.timedelta(days=1))

    page = staff_client(roles.PRESS).get(URL).content.decode()

    assert "<strong>1</strong> åben" in page and "1</strong> åbne" not in page
