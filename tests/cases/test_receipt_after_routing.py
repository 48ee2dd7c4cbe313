"""A receipt owed by phone or letter is not lost when the case is routed: it goes with the case,
and whoever works on it now marks it as given, before the 6th working day."""

import pytest

from beredskab.accounts import roles
from beredskab.cases import services
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def routed_phone_case(intake):
    notification = make_notification(age_group="adult", receipt_method="phone")
    case = notification.case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    services.assign_coordinator(case, coordinator, by=intake)
    return notification, coordinator


def test_the_coordinator_marks_the_receipt_after_routing(client):
    intake = make_staff("modtager", roles.INTAKE)
    notification, coordinator = routed_phone_case(intake)
    sign_in(client, coordinator)
    reference = notification.reference

    case_page = client.get(f"/medarbejder/sager/{reference}/").content.decode()
    notification_page = client.get(f"/medarbejder/underretninger/{reference}/")
    response = client.post(
        f"/medarbejder/underretninger/{reference}/kvittering-sendt/",
        {"method": "phone", "back": "case"},
    )

    assert "Markér kvittering som givet" in case_page
    assert notification_page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == f"/medarbejder/sager/{reference}/"
    notification.refresh_from_db()
    assert notification.receipt_sent_at is not None
    assert notification.deadline_events.filter(deadline="receipt", event="met").exists()


def test_modtagelsen_is_told_before_routing_that_the_receipt_is_owed(client):
    intake = make_staff("modtager", roles.INTAKE)
    notification = make_notification(age_group="adult", receipt_method="phone")
    services.record_risk_assessment(
        notification.case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    sign_in(client, intake)

    page = client.get(f"/medarbejder/sager/{notification.reference}/videregiv/").content.decode()

    assert "Underretter har ikke fået kvittering endnu" in page


def test_someone_without_the_case_cannot_mark_its_receipt(client):
    intake = make_staff("modtager", roles.INTAKE)
    notification, _coordinator = routed_phone_case(intake)
    other = make_staff("anden", roles.COORDINATOR)
    sign_in(client, other)

    response = client.post(
        f"/medarbejder/underretninger/{notification.reference}/kvittering-sendt/",
        {"method": "phone"},
    )

    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.receipt_sent_at is None
