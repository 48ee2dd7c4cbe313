"""The "who to contact now" answer as JSON for the municipality's own website."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.usefixtures("allerod_plan", "now")


@pytest.fixture
def now(time_machine):
    """The answers below are about 2026; any `at` within five years of now is answered."""
    moment = dt.datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    time_machine.move_to(moment, tick=False)
    return moment


def get(client, **params):
    return client.get("/api/kontakt-nu/", params)


def test_open_answer_gives_the_municipality_number(client):
    body = get(client, at="2026-11-23T13:00:00+01:00").json()

    assert body["open"] is True
    assert body["reason"] == "open"
    assert body["closes_at"] == "2026-11-23T17:00:00+01:00"
    assert body["contact_now"][0] == {
        "kind": "phone",
        "label": body["contact_now"][0]["label"],
        "number": "48 100 100",
    }


def test_closed_answer_gives_the_social_doegnvagt(client):
    body = get(client, at="2026-04-03T10:00:00+02:00").json()  # Good Friday

    assert body["open"] is False
    assert body["reason"] == "holiday"
    assert body["closed_because"] == "Langfredag"
    assert body["contact_now"][0]["number"] == "4927 1448"
    assert body["next_opening"] == "2026-04-07T08:00:00+02:00"
    assert {a["number"] for a in body["acute"]} == {"112", "114"}


def test_time_without_offset_is_read_as_copenhagen_time(client):
    body = get(client, at="2026-07-06T12:30:00").json()  # Monday, summer time

    assert body["open"] is True
    assert body["at"] == "2026-07-06T12:30:00+02:00"


def test_utc_time_is_converted(client):
    body = get(client, at="2026-07-06T10:30:00Z").json()

    assert body["at"] == "2026-07-06T12:30:00+02:00"
    assert body["open"] is True


def test_english(client):
    body = get(client, at="2026-04-03T10:00:00+02:00", lang="en").json()

    assert body["closed_because"] == "Good Friday"
    assert body["municipality"] == "Allerød Kommune" or body["municipality"]


def test_default_is_now(client):
    body = get(client).json()

    assert "open" in body


def test_bad_time_is_a_clear_400(client):
    response = get(client, at="tomorrow")

    assert response.status_code == 400
    assert "at" in response.json()["errors"]


def test_bad_language_is_a_clear_400(client):
    response = get(client, lang="sv")

    assert response.status_code == 400
    assert "lang" in response.json()["errors"]


def test_can_be_embedded_by_another_site(client):
    response = get(client)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.cookies == {}


@pytest.mark.parametrize(
    "at",
    [
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "2031-12-01T12:00:00+01:00",
        "2021-11-01T12:00:00+01:00",
    ],
)
def test_a_time_outside_five_years_of_now_is_a_clear_400(client, at):
    response = get(client, at=at)

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "at": [
                "must be within five years of now: from 2021-11-30 to 2031-11-30",
            ]
        }
    }
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("at", ["2026-13-01T10:00:00", "2026-02-30T10:00:00", "10:00", "x" * 5000])
def test_an_impossible_time_is_a_clear_400(client, at):
    response = get(client, at=at)

    assert response.status_code == 400
    assert "ISO 8601" in response.json()["errors"]["at"][0]


def test_a_time_within_five_years_is_answered(client):
    assert get(client, at="2031-11-29T12:00:00+01:00").status_code == 200
    assert get(client, at="2021-12-01T12:00:00+01:00").status_code == 200


def test_the_acute_numbers_say_which_one_is_for_an_emergency(client):
    body = get(client).json()

    assert [(a["number"], a["emergency"]) for a in body["acute"]] == [("112", True), ("114", False)]
