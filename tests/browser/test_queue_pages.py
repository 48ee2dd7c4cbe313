"""Modtagelsen pages through a long queue with a filter on, in the browser."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.intake.selectors import QUEUE_PAGE_SIZE
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.xdist_group("serial")


def test_paging_through_the_queue_keeps_the_filter(signed_in_page, screenshot, axe):
    received_at = timezone.now() - dt.timedelta(hours=2)
    for _ in range(QUEUE_PAGE_SIZE + 4):
        make_notification(received_at=received_at, age_group="child")
    make_notification(received_at=received_at, age_group="adult")
    page = signed_in_page(roles.INTAKE)

    page.goto("/medarbejder/underretninger/")
    page.select_option("#f-age", "child")
    page.get_by_role("button", name="Filtrér").click()
    page.get_by_role("navigation", name="Køens sider").get_by_role("link", name="Side 2").click()
    page.wait_for_url("**side=2**")

    assert "age=child" in page.url
    assert page.locator("#f-age").input_value() == "child"
    assert page.locator(".queue-row").count() == 4
    assert page.get_by_text(f"Viser {QUEUE_PAGE_SIZE + 1}–{QUEUE_PAGE_SIZE + 4} af").is_visible()
    assert page.locator('.queue-pager [aria-current="page"]').inner_text() == "2"
    screenshot(page, "second-page")
    assert axe(page) == []
