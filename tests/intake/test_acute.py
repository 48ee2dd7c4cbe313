"""Acute danger first: an acute notification goes to the top of the queue, alerts whom the plan
names at once (inside or outside the opening hours), must be acknowledged in the system, and
escalates when nobody acknowledges it in time. Web notifications outside the opening hours tell
the watched mailbox that one is waiting. No staff e-mail carries personal data."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import JournalKind
from beredskab.intake.models import AcuteAlert, AlertEscalation
from beredskab.intake.sweep import sweep
from beredskab.outbox.models import EmailKind, OutboundEmail
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

# Monday 30 November 2026 13.00 in Copenhagen: inside the opening hours (Monday 12-17).
MONDAY_OPEN = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
# Wednesday 2 December 2026 22.00 in Copenhagen: outside them.
WEDNESDAY_NIGHT = dt.datetime(2026, 12, 2, 21, 0, tzinfo=dt.UTC)

PERSON = {"person_name": "Aisha Testperson", "person_address": "Testvej 1, 3450 Allerød"}


def emails(kind):
    return list(OutboundEmail.objects.filter(kind=kind).order_by("to"))


def assert_no_personal_data(email, notification):
    for secret in (notification.reference, "Aisha", "Testvej", notification.description):
        assert secret not in email.subject
        assert secret not in email.body.replace(
            reverse("intake:detail", kwargs={"reference": notification.reference}), ""
        )


@pytest.fixture
def intake_staff(db):
    return make_staff("modtager", roles.INTAKE, email="modtager@kommune.example")


@pytest.fixture
def leader(db):
    return make_staff("chef", roles.LEADER, email="chef@kommune.example")


def test_inside_opening_hours_the_alert_goes_to_modtagelsen_and_its_mailbox(intake_staff):
    with time_machine.travel(MONDAY_OPEN, tick=False):
        notification = make_notification(
            channel="web_professional", immediate_danger=True, **PERSON
        )

    alert = AcuteAlert.objects.get(notification=notification)
    assert alert.outside_hours is False
    assert alert.escalate_at == MONDAY_OPEN + dt.timedelta(minutes=30)
    sent = emails(EmailKind.ACUTE_ALERT)
    assert [e.to for e in sent] == ["familier@alleroed.dk", "modtager@kommune.example"]
    for email in sent:
        assert_no_personal_data(email, notification)
        assert "/medarbejder/underretninger/" in email.body
    assert "Døgnvagt" not in sent[0].body
    # An acute notification in office hours sends no separate "waiting" copy.
    assert emails(EmailKind.WAITING_NOTICE) == []
    journal = notification.case.journal.filter(kind=JournalKind.ACUTE).get()
    assert "inden for åbningstiden" in journal.text


def test_outside_opening_hours_the_alert_says_call_the_social_doegnvagt(intake_staff):
    with time_machine.travel(WEDNESDAY_NIGHT, tick=False):
        notification = make_notification(
            channel="web_citizen", notifier_kind="citizen", immediate_danger=True, **PERSON
        )

    alert = AcuteAlert.objects.get(notification=notification)
    assert alert.outside_hours is True
    sent = emails(EmailKind.ACUTE_ALERT)
    # The mailbox the duty checks all year and the Socialchef, from the plan; not the staff.
    assert [e.to for e in sent] == ["familier@alleroed.dk", "giov@alleroed.dk"]
    assert "4927 1448" in sent[0].body
    assert "Døgnvagt" in sent[0].body
    for email in sent:
        assert_no_personal_data(email, notification)
    # The alert itself reached the watched mailbox: no second message there.
    assert emails(EmailKind.WAITING_NOTICE) == []


def test_an_alert_nobody_acknowledges_escalates_once_after_the_plans_minutes(intake_staff, leader):
    with time_machine.travel(MONDAY_OPEN, tick=False):
        notification = make_notification(channel="phone", immediate_danger=True, **PERSON)

    with time_machine.travel(MONDAY_OPEN + dt.timedelta(minutes=29), tick=False):
        assert sweep().alerts_escalated == []
    assert emails(EmailKind.ACUTE_ESCALATION) == []

    with time_machine.travel(MONDAY_OPEN + dt.timedelta(minutes=31), tick=False):
        assert sweep().alerts_escalated == [notification.reference]
        assert sweep().alerts_escalated == []  # recorded once, however often the sweep runs

    sent = emails(EmailKind.ACUTE_ESCALATION)
    assert [e.to for e in sent] == ["chef@kommune.example", "giov@alleroed.dk"]
    for email in sent:
        assert_no_personal_data(email, notification)
        assert "31 minutter" in email.body
    assert AlertEscalation.objects.get().recipients == 2
    entry = notification.case.journal.filter(kind=JournalKind.ACUTE).last()
    assert "eskaleret" in entry.text
    assert AuditEvent.objects.filter(action="notification.acute_escalate").count() == 1


def test_acknowledging_records_who_and_when_and_stops_the_escalation(client, intake_staff):
    with time_machine.travel(MONDAY_OPEN, tick=False):
        notification = make_notification(channel="phone", immediate_danger=True, **PERSON)
    sign_in(client, intake_staff)
    url = reverse("intake:detail", kwargs={"reference": notification.reference})

    with time_machine.travel(MONDAY_OPEN + dt.timedelta(minutes=10), tick=False):
        page = client.get(url).content.decode()
        assert "Ingen har kvitteret for alarmen endnu." in page
        response = client.post(
            reverse("intake:acknowledge-alert", kwargs={"reference": notification.reference})
        )
    assert response.status_code == 302

    alert = AcuteAlert.objects.get()
    assert alert.acknowledged_by == intake_staff
    assert alert.acknowledged_at == MONDAY_OPEN + dt.timedelta(minutes=10)
    assert AuditEvent.objects.filter(action="notification.acute_acknowledge").count() == 1
    with time_machine.travel(MONDAY_OPEN + dt.timedelta(minutes=11), tick=False):
        page = client.get(url).content.decode()
    assert "Kvitteret af Modtager" in page
    with time_machine.travel(MONDAY_OPEN + dt.timedelta(hours=2), tick=False):
        assert sweep().alerts_escalated == []
    assert emails(EmailKind.ACUTE_ESCALATION) == []


def test_staff_mark_a_notification_acute_and_it_goes_to_the_top_with_its_own_filter(
    client, intake_staff
):
    with time_machine.travel(MONDAY_OPEN, tick=False):
        earlier = make_notification(channel="phone", description="Først")
        later = make_notification(channel="phone", description="Senere")
    sign_in(client, intake_staff)
    queue = reverse("intake:queue")

    with time_machine.travel(MONDAY_OPEN + dt.timedelta(minutes=5), tick=False):
        page = client.get(queue).content.decode()
        assert page.index(earlier.reference) < page.index(later.reference)
        response = client.post(reverse("intake:mark-acute", kwargs={"reference": later.reference}))
        assert response.status_code == 302
        page = client.get(queue).content.decode()
        acute_only = client.get(queue, {"akut": "1"}).content.decode()

    later.refresh_from_db()
    assert later.immediate_danger and later.acute_marked_by == intake_staff
    assert page.index(later.reference) < page.index(earlier.reference)
    assert "alarm om akut fare er ikke kvitteret" in page
    assert later.reference in acute_only
    assert earlier.reference not in acute_only
    assert AcuteAlert.objects.get().raised_by == intake_staff
    assert [e.to for e in emails(EmailKind.ACUTE_ALERT)] == [
        "familier@alleroed.dk",
        "modtager@kommune.example",
    ]


def test_only_modtagelsen_and_leaders_mark_acute(client, db):
    notification = make_notification(channel="phone")
    sign_in(client, make_staff("boern", roles.CHILDREN_UNIT))
    response = client.post(
        reverse("intake:mark-acute", kwargs={"reference": notification.reference})
    )
    assert response.status_code == 403
    assert not AcuteAlert.objects.exists()


def test_a_web_notification_outside_opening_hours_tells_the_watched_mailbox(db):
    with time_machine.travel(WEDNESDAY_NIGHT, tick=False):
        night = make_notification(channel="web_professional", **PERSON)
        phoned = make_notification(channel="phone", **PERSON)
    with time_machine.travel(MONDAY_OPEN, tick=False):
        make_notification(channel="web_professional", **PERSON)

    sent = emails(EmailKind.WAITING_NOTICE)
    assert [(e.to, e.notification_id) for e in sent] == [("familier@alleroed.dk", night.pk)]
    assert_no_personal_data(sent[0], night)
    assert "venter" in sent[0].body
    assert not OutboundEmail.objects.filter(notification=phoned).exists()
