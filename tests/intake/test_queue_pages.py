"""The queue in pages: every open notification on exactly one page, the filters kept."""

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from beredskab.accounts import roles
from beredskab.intake.models import Notification
from beredskab.intake.selectors import QUEUE_PAGE_SIZE
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/medarbejder/underretninger/"
CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CPH)
REFERENCE = re.compile(r'href="/medarbejder/underretninger/(U-[0-9A-Z]{4}-[0-9A-Z]{4})/"')
NEXT = re.compile(r'<a href="([^"]+)" class="button button-arrow button-next"')


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def many(count, *, hours_ago=2, **fields):
    """`count` notifications received at the same moment: they share both sort keys, so only a
    total order keeps each on one page."""
    received_at = NOW - dt.timedelta(hours=hours_ago)
    return [make_notification(received_at=received_at, **fields) for _ in range(count)]


def walk(client, url):
    """Follow the pager's "next" links from `url`: the references on each page."""
    pages = []
    while url:
        page = client.get(url).content.decode()
        pages.append(REFERENCE.findall(page))
        found = NEXT.search(page)
        url = unescape(found.group(1)) if found else None
        assert len(pages) < 20, "the pager does not end"
    return pages


def test_every_open_notification_is_on_exactly_one_page(staff_client):
    created = many(QUEUE_PAGE_SIZE + 7) + many(QUEUE_PAGE_SIZE, hours_ago=30)
    client = staff_client(roles.INTAKE)

    pages = walk(client, URL)
    shown = [reference for page in pages for reference in page]

    assert len(pages) == 3
    assert [len(page) for page in pages] == [QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE, 7]
    assert len(shown) == len(set(shown))
    assert set(shown) == {notification.reference for notification in created}


def test_nearest_deadline_first_across_pages(staff_client):
    later = many(QUEUE_PAGE_SIZE, hours_ago=1)
    overdue = many(3, hours_ago=30)
    client = staff_client(roles.INTAKE)

    first, second = walk(client, URL)

    assert set(first[:3]) == {notification.reference for notification in overdue}
    assert set(first[3:] + second) == {notification.reference for notification in later}


def test_the_pager_keeps_the_filters(staff_client):
    children = many(QUEUE_PAGE_SIZE + 2, age_group="child")
    many(5, age_group="adult")
    client = staff_client(roles.INTAKE)

    first = client.get(URL, {"age": "child"}).content.decode()
    pages = walk(client, f"{URL}?age=child")

    assert "side=2" in first and "age=child" in unescape(NEXT.search(first).group(1))
    shown = [reference for page in pages for reference in page]
    assert sorted(shown) == sorted(notification.reference for notification in children)
    assert f"Viser 1–{QUEUE_PAGE_SIZE} af {len(children)}" in first


def test_the_refreshing_table_stays_on_its_page(staff_client):
    many(QUEUE_PAGE_SIZE + 1)
    client = staff_client(roles.INTAKE)

    page = client.get(URL, {"age": "adult", "side": "2"}).content.decode()
    table = client.get(URL + "koe/", {"age": "adult", "side": "2"}).content.decode()

    assert 'hx-get="/medarbejder/underretninger/koe/?age=adult&amp;side=2"' in page
    assert REFERENCE.findall(table) == REFERENCE.findall(page)
    assert len(REFERENCE.findall(table)) == 1
    # The pager's links lead to the whole page, not to the table alone.
    assert 'href="/medarbejder/underretninger/?age=adult&amp;side=1"' in table


def test_a_page_past_the_end_shows_the_last_one(staff_client):
    many(QUEUE_PAGE_SIZE + 1)
    client = staff_client(roles.INTAKE)

    past = client.get(URL, {"side": "99"})
    nonsense = client.get(URL, {"side": "x"})

    assert past.status_code == 200 and len(REFERENCE.findall(past.content.decode())) == 1
    assert nonsense.status_code == 200
    assert len(REFERENCE.findall(nonsense.content.decode())) == QUEUE_PAGE_SIZE


def test_one_page_has_no_pager(staff_client):
    many(3)
    client = staff_client(roles.INTAKE)

    page = client.get(URL).content.decode()

    assert Notification.objects.count() == 3
    assert 'class="pagination' not in page
