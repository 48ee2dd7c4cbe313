"""A plan without a press annex or an Indsatsgruppe: the press log and the meetings still work."""

import pytest
from django.urls import reverse

from beredskab.accounts import roles


@pytest.fixture
def without_press_and_group(any_plan):
    if any_plan.press is not None or any_plan.intervention_group is not None:
        pytest.skip("this plan has a press annex or an Indsatsgruppe")
    return any_plan


def test_the_press_log_gives_general_advice_without_a_press_annex(
    staff_client, without_press_and_group
):
    page = staff_client(roles.PRESS).get(reverse("press:new"))

    assert page.status_code == 200
    assert "Kontakt din leder, før du svarer." in page.content.decode()


def test_a_meeting_can_be_planned_without_an_indsatsgruppe_in_the_plan(
    staff_client, without_press_and_group
):
    page = staff_client(roles.COORDINATOR).get(reverse("meetings:new"))

    assert page.status_code == 200
    assert "Indsatsgruppen efter beredskabsplanen" not in page.content.decode()


def test_with_the_annex_the_press_log_gives_the_plans_steps(
    staff_client, allerod_document, allerod_plan
):
    page = staff_client(roles.PRESS).get(reverse("press:new")).content.decode()

    assert allerod_document.press.steps[0]["da"] in page
