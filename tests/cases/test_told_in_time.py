"""Told in time: the coordinator and the receiving unit get an e-mail (a link, nothing about the
case) when a case is routed or handed over to them, and whoever has a routed case is reminded
once on its review date."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import ReviewReminder
from beredskab.cases.reviews import remind_case_reviews
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

PERSON = {"person_name": "Aisha Hansen", "person_cpr": "0101901234", "description": "Trusler"}


def assessed(intake, **fields):
    case = make_notification(**{**PERSON, **fields}).case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    case.refresh_from_db()
    return case


def assert_nothing_personal(email, case):
    text = email.subject + email.body
    for personal in ("Aisha", "Hansen", "0101901234", "010190", "Trusler"):
        assert personal not in text
    assert case.notification.reference not in email.subject


def test_the_coordinator_is_e_mailed_a_link_when_a_case_is_routed(db):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = assessed(intake, age_group="adult")

    services.assign_coordinator(case, coordinator, by=intake)

    [email] = OutboundEmail.objects.filter(to=coordinator.email)
    assert email.subject == "En sag er givet videre til dig"
    assert f"/medarbejder/sager/{case.notification.reference}/" in email.body
    assert_nothing_personal(email, case)
    case.refresh_from_db()
    assert case.review_on == timezone.localdate() + dt.timedelta(days=30)


def test_the_receiving_unit_is_e_mailed_when_a_childs_case_is_handed_over(db):
    intake = make_staff("modtager", roles.INTAKE)
    unit = make_staff("boern", roles.CHILDREN_UNIT)
    colleague = make_staff("boern2", roles.CHILDREN_UNIT)
    case = assessed(intake, age_group="child", person_cpr="")

    services.hand_over_child_case(
        case,
        received_by=None,
        received_by_name="Børneområdets vagt",
        received_at=timezone.now(),
        method="phone",
        by=intake,
    )

    emails = OutboundEmail.objects.filter(subject="En sag er givet videre til dig")
    assert sorted(e.to for e in emails) == sorted([unit.email, colleague.email])
    for email in emails:
        assert_nothing_personal(email, case)


def test_a_review_date_reminds_once(db, time_machine):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = assessed(intake, age_group="adult")
    services.assign_coordinator(case, coordinator, by=intake)
    OutboundEmail.objects.all().delete()

    assert remind_case_reviews() == []
    time_machine.move_to(timezone.now() + dt.timedelta(days=30, hours=1))
    first = remind_case_reviews()
    call_command("remind_case_reviews", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert first == [case.pk]
    [email] = OutboundEmail.objects.all()
    assert email.to == coordinator.email and email.subject == "En sag skal følges op i dag"
    assert_nothing_personal(email, case)
    assert ReviewReminder.objects.count() == 1


def test_the_coordinator_moves_the_review_date(client):
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = assessed(intake, age_group="adult")
    services.assign_coordinator(case, coordinator, by=intake)
    sign_in(client, coordinator)
    url = f"/medarbejder/sager/{case.notification.reference}/opfoelgning/"
    day = timezone.localdate() + dt.timedelta(days=7)

    past = client.post(url, {"review_on": "01-01-2020"})
    response = client.post(url, {"review_on": day.strftime("%d-%m-%Y")})

    assert past.status_code == 400
    assert "Opfølgningsdatoen kan ikke ligge før i dag." in past.content.decode()
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.review_on == day
    assert case.journal.filter(kind="review").exists()
