"""Closing a case with initiatives still open or a receipt still owed asks first, and what the
closer was warned of stays in the journal."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.meetings import services as meetings
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def routed_case(intake, coordinator, **fields):
    case = make_notification(age_group="adult", **fields).case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    return case


def test_closing_with_an_open_initiative_and_an_owed_receipt_asks_first(client):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_case(intake, coordinator, receipt_method="phone")
    meetings.create_initiative(
        case,
        kind="counselling",
        responsible=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=coordinator,
    )
    sign_in(client, coordinator)
    close_url = f"/medarbejder/sager/{case.notification.reference}/luk/"

    form = client.get(close_url).content.decode()
    unconfirmed = client.post(close_url, {"reason": "resolved", "note": "Afklaret"})
    confirmed = client.post(close_url, {"reason": "resolved", "note": "Afklaret", "confirm": "on"})

    assert "Noget i sagen er ikke afsluttet" in form
    assert "1 indsats er ikke afsluttet" in form
    assert "Underretter har ikke fået kvittering (telefon)." in form
    assert unconfirmed.status_code == 400
    assert "Bekræft, at den skal lukkes." in unconfirmed.content.decode()
    assert "Afklaret" in unconfirmed.content.decode()  # what was typed is kept
    assert confirmed.status_code == 302
    case.refresh_from_db()
    assert case.state == "closed"
    assert case.journal.filter(kind="state", text__contains="Lukket trods advarsel").exists()


def test_a_case_with_nothing_open_closes_without_asking(client):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_case(intake, coordinator, receipt_method="not_possible")
    sign_in(client, coordinator)
    close_url = f"/medarbejder/sager/{case.notification.reference}/luk/"

    form = client.get(close_url).content.decode()
    response = client.post(close_url, {"reason": "resolved", "note": ""})

    assert "Noget i sagen er ikke afsluttet" not in form
    assert response.status_code == 302
