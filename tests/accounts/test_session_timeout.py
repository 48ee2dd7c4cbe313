"""Staff sessions end after 30 minutes without activity. Activity is what the person does: the
queue page fetching its table every minute by itself does not count."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db

QUEUE = "/medarbejder/underretninger/"


def idle_for(client, minutes):
    """As if the last request was `minutes` ago: the session's expiry moves back with it."""
    expiry = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - minutes * 60)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=expiry)


def test_inactivity_limit_is_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_session_idle_for_more_than_thirty_minutes_is_signed_out(client):
    sign_in(client, make_staff("anne", "modtagelsen"))
    assert client.get(reverse("staff-home")).status_code == 200

    idle_for(client, 31)
    response = client.get(reverse("staff-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_session_used_within_thirty_minutes_goes_on(client):
    sign_in(client, make_staff("anne", "modtagelsen"))

    idle_for(client, 29)
    assert client.get(reverse("staff-home")).status_code == 200
    idle_for(client, 29)  # 58 minutes since sign-in, but never 30 idle
    assert client.get(reverse("staff-home")).status_code == 200


# The queue page, left open on a screen, fetches its table every minute.


@pytest.fixture
def at(time_machine):
    start = timezone.now().replace(microsecond=0)

    def move(minutes):
        time_machine.move_to(start + timedelta(minutes=minutes), tick=False)

    move(0)
    return move


def poll_request(page: str) -> tuple[str, dict]:
    """The URL and headers of the request HTMX sends every minute, read from the page as served."""
    [tag] = re.findall(r'<div id="queue-table"[^>]*>', page)
    found = re.search(r'hx-get="([^"]*)"', tag)
    assert found is not None
    url = unescape(found.group(1))
    assert 'hx-trigger="every 60s"' in tag
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "queue-table"}
    headers["HTTP_HX_TRIGGER"] = "queue-table"
    extra = re.search(r"hx-headers='([^']*)'", tag)
    if extra:
        for name, value in json.loads(unescape(extra.group(1))).items():
            headers["HTTP_" + name.upper().replace("-", "_")] = value
    return url, headers


def open_queue(client, at, minute):
    at(minute)
    response = client.get(QUEUE)
    assert response.status_code == 200
    return poll_request(response.text)


def poll(client, at, minutes, url, headers):
    for minute in minutes:
        at(minute)
        response = client.get(url, **headers)
    return response


def test_the_queue_polling_for_31_minutes_does_not_keep_the_session_alive(client, at, allerod_plan):
    sign_in(client, make_staff("anne", "modtagelsen"))
    url, headers = open_queue(client, at, 0)

    assert poll(client, at, range(1, 30), url, headers).status_code == 200  # minute 29
    poll(client, at, range(30, 32), url, headers)

    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_a_poll_after_the_limit_sends_the_whole_page_to_sign_in(client, at, allerod_plan):
    sign_in(client, make_staff("anne", "modtagelsen"))
    url, headers = open_queue(client, at, 0)

    response = poll(client, at, range(1, 32), url, headers)

    # HTMX follows HX-Redirect with the whole page, instead of the table's box.
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_what_the_person_does_starts_the_thirty_minutes_again(client, at, allerod_plan):
    sign_in(client, make_staff("anne", "modtagelsen"))
    url, headers = open_queue(client, at, 0)
    poll(client, at, range(1, 21), url, headers)

    open_queue(client, at, 20)  # she looks at the queue again (a click)

    assert poll(client, at, range(21, 50), url, headers).status_code == 200  # 29 idle
    assert poll(client, at, range(50, 52), url, headers).status_code != 200  # 31 idle
    assert client.get(QUEUE).status_code == 302
