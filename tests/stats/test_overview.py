"""The leaders' statistics page: charts with the numbers as tables, exact inside the system,
with the cells an export hides marked."""

import re

import pytest

from beredskab.accounts import roles

from .helpers import assessed, at, received

URL = "/medarbejder/statistik/"


def test_the_leader_sees_charts_tables_and_the_note_on_suppression(leader):
    for day in range(1, 8):
        assessed(received(at(2025, 5, day), channel="email"), 2)
    received(at(2025, 6, 3), channel="police", age_group="child")

    response = leader.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "8 underretninger modtaget" in page
    assert "1–4" in page and "&lt;5" in page  # the note that exports hide small numbers
    # Every chart is an image with a title and a description, followed by a table.
    charts = re.findall(r'<svg class="stats-chart"[^>]*>', page)
    assert len(charts) == 5  # four per month and the deadlines
    for svg in charts:
        assert 'role="img"' in svg
        labels = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        for label in labels:
            assert f'id="{label}"' in page
    assert page.count("<caption>") == 9  # one per table, the risk judgements included
    assert '<th scope="row">maj 2025</th>' in page
    assert 'scope="col"' in page
    # Exact numbers on the page: the lone police notification is 1, marked as "<5" in exports.
    assert re.search(r'stats-suppressed">1<span class="stats-mark" aria-hidden="true">\*', page)


def test_numbers_in_svg_are_not_written_with_a_decimal_comma(leader):
    for day in (1, 2, 3):
        received(at(2025, 5, day))

    page = leader.get(URL).content.decode()

    svg_numbers = re.findall(r'\s(?:x|y|width|height)="([^"]*)"', page)
    assert svg_numbers
    assert not [value for value in svg_numbers if "," in value]


def test_the_period_can_be_chosen(leader):
    received(at(2025, 5, 10))
    received(at(2025, 8, 10))

    page = leader.get(URL, {"from": "2025-08-01", "to": "2025-08-31"}).content.decode()

    assert "1 underretning modtaget" in page
    assert "august 2025" in page
    assert "maj 2025" not in page
    assert "from=2025-08-01&amp;to=2025-08-31&amp;kind=age" in page


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(leader):
    response = leader.get(URL, {"from": "2025-08-01", "to": "2025-07-01"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Til-datoen skal ligge efter fra-datoen" in page
    assert 'value="2025-08-01"' in page  # what the leader typed is kept


@pytest.mark.parametrize("url", [URL, URL + "eksport.csv?kind=age", URL + "notifikationer.csv"])
@pytest.mark.parametrize("role", [roles.INTAKE, roles.COORDINATOR, roles.PRESS, roles.AUDITOR])
def test_only_leaders_see_the_statistics(staff_client, allerod_plan, url, role):
    assert staff_client(role).get(url).status_code == 403


def test_signing_in_is_required(client, allerod_plan):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]
