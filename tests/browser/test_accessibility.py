"""axe-core finds no serious or critical accessibility violation on any public page."""

import pytest

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/tilgaengelighed/",
    "/unge/",
    "/en/unge/",
    "/underret/borger/",
    "/fagperson/",
    "/fagperson/?concern=stay_abroad",  # with the error summary
    "/fagperson/stay_abroad/under-18/",
    "/fagperson/social_control/over-18/",
    "/en/fagperson/forced_marriage/under-18/",
    "/fagperson/underret/?concern=honour_abuse&age=over-18",
    "/fagperson/plan/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_serious_violations(page, axe, path):
    page.goto(path)

    assert axe(page) == []
