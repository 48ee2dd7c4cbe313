"""The "who to contact now" answer as JSON for the municipality's own website."""

import pytest

pytestmark = pytest.mark.usefixtures("allerod_plan")


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
