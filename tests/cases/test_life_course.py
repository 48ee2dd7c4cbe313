"""The life course: a child case watched across the plan's adult age and moved to the adult
track; the receiving unit's status after the hand-over; a move to another municipality."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.cases.life_course import birthday, watch_age_limit
from beredskab.cases.models import AgeLimitEvent, JournalKind, MoveNotice, Track
from beredskab.intake.models import AgeGroup
from beredskab.intake.services import NotificationData, decide_age_group
from beredskab.outbox.models import EmailKind, OutboundEmail
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

EVE = dt.datetime(2026, 12, 9, 11, 0, tzinfo=dt.UTC)  # 9 December, the day before
BORN = dt.date(2008, 12, 10)  # turns 18 on 10 December 2026


def test_birthday_of_someone_born_on_29_february():
    assert birthday(dt.date(2008, 2, 29), 18) == dt.date(2026, 3, 1)
    assert birthday(dt.date(2008, 2, 29), 16) == dt.date(2024, 2, 29)


def test_the_age_limit_is_the_plans():
    data = NotificationData(
        channel="phone", notifier_kind="citizen", concern_types=[], description="x", person_age=19
    )
    assert decide_age_group(data, dt.date(2026, 1, 1)) == AgeGroup.ADULT
    assert decide_age_group(data, dt.date(2026, 1, 1), adult_from=23) == AgeGroup.CHILD


def test_a_child_case_is_watched_across_the_birthday_and_moved_to_the_adult_track(client):
    unit = make_staff("boern", roles.CHILDREN_UNIT, email="boern@kommune.example")
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    with time_machine.travel(EVE - dt.timedelta(days=30), tick=False):
        case = make_notification(age_group="child", person_birth_date=BORN).case
    assert case.track == Track.CHILD

    with time_machine.travel(EVE, tick=False):
        assert watch_age_limit() == []
    with time_machine.travel(EVE + dt.timedelta(days=1), tick=False):
        assert watch_age_limit() == [case.notification.reference]
        assert watch_age_limit() == []  # once

    event = AgeLimitEvent.objects.get()
    assert (event.age, event.reached_on) == (18, dt.date(2026, 12, 10))
    assert "voksensporet" in case.journal.filter(kind=JournalKind.AGE_LIMIT).get().text
    assert AuditEvent.objects.filter(action="case.age_limit_reached").count() == 1
    prompt = OutboundEmail.objects.get(kind=EmailKind.CASE_PROMPT)
    assert prompt.to == "boern@kommune.example"
    assert case.notification.reference not in prompt.subject + prompt.body.split("http")[0]

    leader = make_staff("chef", roles.LEADER)
    url = reverse("cases:detail", kwargs={"reference": case.notification.reference})
    with time_machine.travel(EVE + dt.timedelta(days=1, minutes=5), tick=False):
        sign_in(client, leader)
        page = client.get(url).content.decode()
        assert "Personen fyldte 18 år" in page
        response = client.post(
            reverse("cases:adult-track", kwargs={"reference": case.notification.reference}),
            {"coordinator": coordinator.pk},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.track == Track.ADULT and case.coordinator == coordinator
    assert "§ 12 a" in case.journal.filter(kind=JournalKind.AGE_LIMIT).last().text
    assert AuditEvent.objects.filter(action="case.adult_track").count() == 1
    del unit


def test_the_receiving_unit_reports_status_and_a_move_leaves_a_task(client):
    intake = make_staff("modtager", roles.INTAKE)
    leader = make_staff("chef", roles.LEADER)
    case = make_notification(
        age_group="child", person_name="Aisha Testperson", receipt_method="not_possible"
    ).case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="medium",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    services.hand_over_child_case(
        case,
        received_by_name="Børneområdet",
        received_at=dt.datetime.now(dt.UTC),
        method="phone",
        by=intake,
    )
    sign_in(client, leader)
    reference = case.notification.reference
    response = client.post(
        reverse("cases:receiving-status", kwargs={"reference": reference}),
        {"status": "investigation_started", "note": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", kwargs={"reference": reference})).content.decode()
    assert "Undersøgelse startet" in page
    # Modtagelsen keeps the case in view by reference and status, after its access has ended.
    sign_in(client, intake)
    listing = client.get(reverse("cases:handed-over")).content.decode()
    assert reference in listing and "Undersøgelse startet" in listing
    assert "Aisha" not in listing
    sign_in(client, leader)

    response = client.post(
        reverse("cases:close", kwargs={"reference": reference}), {"reason": "moved", "note": ""}
    )
    assert response.status_code == 400
    assert "Skriv hvilken kommune personen er flyttet til." in response.content.decode()
    client.post(
        reverse("cases:close", kwargs={"reference": reference}),
        {"reason": "moved", "note": "", "new_municipality": "Hillerød Kommune"},
    )
    notice = MoveNotice.objects.get(case=case)
    assert notice.informed_at is None
    page = client.get(reverse("cases:detail", kwargs={"reference": reference})).content.decode()
    assert "Orientér Hillerød Kommune" in page
    client.post(
        reverse("cases:move-informed", kwargs={"reference": reference}),
        {"how": "Sikker e-mail til familieafdelingen"},
    )
    notice.refresh_from_db()
    assert notice.informed_by == leader and notice.how == "Sikker e-mail til familieafdelingen"
    assert AuditEvent.objects.filter(action="case.new_municipality_informed").count() == 1
