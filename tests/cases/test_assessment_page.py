"""Modtagelsen's risk assessment page: every risk factor in the plan, the 24-hour deadline,
input kept on error, revisions as new versions."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases.models import RiskAssessment
from beredskab.deadlines.models import DeadlineEvent
from beredskab.plans.selectors import current_plan
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def url(case):
    return f"/medarbejder/sager/{case.notification.reference}/risikovurdering/"


def checked(page, name, value=None):
    """Whether the page's input `name` (with `value`) is checked."""
    value_attr = f' value="{value}"' if value else ""
    return re.search(rf'<input [^>]*name="{name}"{value_attr}[^>]*\bchecked\b', page) is not None


def answers(**overrides):
    data = {f"factor_{f.key}": "no" for f in current_plan().risk_factors}
    data.update(
        {
            "factor_own_fear": "yes",
            "note_own_fear": "Hun er bange for sin bror",
            "level": "high",
            "acute_action_needed": "yes",
            "police_contacted": "on",
            "other_action": "Aftalt møde i morgen",
            "justification": "Trusler og planlagt rejse.",
        }
    )
    data.update(overrides)
    return data


def test_every_risk_factor_of_the_plan_is_asked_with_the_deadline(staff_client):
    case = make_notification().case
    page = staff_client(roles.INTAKE).get(url(case)).content.decode()

    for factor in current_plan().risk_factors:
        assert factor.text["da"] in page
        assert f'name="factor_{factor.key}"' in page
    assert "Risikovurderingen skal laves senest" in page


def test_an_overdue_assessment_says_so(staff_client):
    case = make_notification(received_at=timezone.now() - dt.timedelta(hours=30)).case
    page = staff_client(roles.INTAKE).get(url(case)).content.decode()

    assert "Fristen er overskredet" in page


def test_errors_keep_what_was_typed(staff_client):
    case = make_notification().case
    data = answers(justification="")
    del data["factor_earlier_violence"]

    response = staff_client(roles.INTAKE).post(url(case), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en begrundelse for vurderingen." in page
    assert "Svar ja, nej eller ved ikke." in page
    assert "Hun er bange for sin bror" in page
    assert "Aftalt møde i morgen" in page
    assert checked(page, "level", "high")
    assert checked(page, "factor_own_fear", "yes")
    assert checked(page, "police_contacted")
    assert not checked(page, "social_doegnvagt")
    assert not RiskAssessment.objects.exists()


def test_an_assessment_in_time_meets_the_deadline(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)

    response = client.post(url(case), answers())

    assert response.status_code == 302
    assert response["Location"] == f"/medarbejder/sager/{case.notification.reference}/"
    assessment = RiskAssessment.objects.get(case=case)
    assert assessment.revision == 1 and assessment.level == "high"
    assert assessment.acute_action_needed and assessment.police_contacted
    assert assessment.answers.get(factor="own_fear").note == "Hun er bange for sin bror"
    assert assessment.answers.count() == len(current_plan().risk_factors)
    case.refresh_from_db()
    assert case.state == "assessed"
    assert DeadlineEvent.objects.filter(
        notification=case.notification, deadline="assessment", event="met"
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Risikovurderingen er gemt" in page
    assert "Høj" in page


def test_a_late_assessment_misses_the_deadline(staff_client):
    case = make_notification(received_at=timezone.now() - dt.timedelta(hours=30)).case

    staff_client(roles.INTAKE).post(url(case), answers())

    assert DeadlineEvent.objects.filter(
        notification=case.notification, deadline="assessment", event="missed"
    ).exists()


def test_a_revision_starts_from_the_current_assessment_and_is_version_two(staff_client):
    case = make_notification().case
    client = staff_client(roles.INTAKE)
    client.post(url(case), answers())

    form = client.get(url(case)).content.decode()
    client.post(url(case), answers(level="acute", justification="Ny viden fra politiet."))

    assert "Trusler og planlagt rejse." in form
    assert "Hun er bange for sin bror" in form
    assert checked(form, "level", "high")
    assert checked(form, "acute_action_needed", "yes")
    assert checked(form, "factor_own_fear", "yes")
    assert checked(form, "factor_earlier_violence", "no")
    assert checked(form, "police_contacted")
    assert list(case.assessments.values_list("revision", "level")) == [(2, "acute"), (1, "high")]


def test_only_modtagelsen_assesses_and_only_before_routing(staff_client):
    case = make_notification().case

    assert staff_client(roles.LEADER, username="chef").get(url(case)).status_code == 403
    case.state = "routed"
    case.save()
    response = staff_client(roles.INTAKE).post(url(case), answers())
    assert response.status_code == 404  # no longer Modtagelsen's to see
    assert not RiskAssessment.objects.exists()
