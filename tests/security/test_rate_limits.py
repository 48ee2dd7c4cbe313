"""Rate limits: the public forms and sign-in refuse a flood from one address, with the numbers."""

import pytest

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_public_form_is_limited_per_address_and_still_shows_the_numbers(client):
    for _ in range(30):
        assert client.post("/underret/borger/", {}).status_code == 400

    response = client.post("/underret/borger/", {})

    page = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "48 100 100" in page and "112" in page
    # Another address is not affected.
    assert client.post("/underret/borger/", {}, REMOTE_ADDR="10.1.2.3").status_code == 400


def test_reading_the_form_is_not_limited(client):
    for _ in range(40):
        client.post("/underret/borger/", {})

    assert client.get("/underret/borger/").status_code == 200


def test_sign_in_is_limited_per_address(client):
    for n in range(30):
        client.post("/medarbejder/konto/log-ind/", {"username": f"u{n}", "password": "x"})

    response = client.post("/medarbejder/konto/log-ind/", {"username": "u", "password": "x"})

    assert response.status_code == 429


def test_a_refused_citizen_keeps_the_text_the_numbers_and_the_quick_exit(client):
    for _ in range(30):
        client.post("/underret/borger/", {})

    response = client.post(
        "/underret/borger/",
        {
            "description": "Min søster må ikke gå i skole",
            "notifier_name": "Sara",
            "anonymous": "on",
        },
    )

    page = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "Min søster må ikke gå i skole</textarea>" in page
    assert 'value="Sara"' in page
    assert "For mange forsøg" in page
    assert 'id="quick-exit"' in page
    assert "112" in page and "48 100 100" in page and "4927 1448" in page
