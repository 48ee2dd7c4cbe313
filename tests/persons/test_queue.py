"""Modtagelsen's queue marks a notification about a person with earlier or open notifications,
without a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification
from tests.persons.conftest import assess

pytestmark = pytest.mark.usefixtures("allerod_plan")

URL = "/medarbejder/underretninger/koe/"
MARK = "Kendt person"


def row_of(page, reference):
    start = page.index(f">{reference}</a>")
    return page[start : page.index("</tr>", start)]


def test_a_repeat_notification_is_marked_and_links_to_the_person(staff_client):
    first = make_notification(person_cpr="0101901234")
    repeat = make_notification(person_cpr="0101901234")
    stranger = make_notification(person_cpr="0202901234")
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()

    person = NotificationPerson.objects.get(notification=repeat).person
    assert MARK in row_of(page, repeat.reference)
    assert f"/medarbejder/personer/{person.reference}/" in row_of(page, repeat.reference)
    assert MARK in row_of(page, first.reference)  # the repeat is still open
    assert MARK not in row_of(page, stranger.reference)


def test_a_closed_later_notification_does_not_mark_an_earlier_one(staff_client, people):
    from beredskab.cases import services as case_services

    first = make_notification(person_cpr="0101901234")
    later = make_notification(person_cpr="0101901234")
    assess(later.case, people["intake"])
    case_services.close_case(later.case, reason="no_grounds", note="", by=people["intake"])
    client = staff_client(roles.INTAKE, username="modtager2")

    page = client.get(URL).content.decode()

    assert MARK not in row_of(page, first.reference)


def test_the_marks_cost_no_query_per_row(staff_client):
    client = staff_client(roles.INTAKE)
    make_notification(person_cpr="0101901234")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for day in range(1, 9):
        make_notification(person_cpr=f"{day:02d}0290{day:04d}")
        make_notification(person_cpr=f"{day:02d}0290{day:04d}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()

    assert page.count(MARK) == 16
    assert len(many) == len(few)
