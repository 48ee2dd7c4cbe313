"""A referral to a partner records sent (referred), acknowledged, accepted or declined; without
an answer after a week the responsible person is reminded once (a link, nothing of the case)."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import ReferralReminder
from beredskab.meetings.referrals import ANSWER_DAYS, remind_referrals
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff, sign_in
from tests.meetings.helpers import PERSON, routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture
def referral(db):
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    case = routed_adult_case(coordinator)
    initiative = meeting_services.create_initiative(
        case,
        kind="red_safehouse",
        responsible=coordinator,
        due_on=timezone.localdate() + dt.timedelta(days=30),
        by=coordinator,
    )
    meeting_services.update_initiative(initiative, status="referred", by=coordinator)
    OutboundEmail.objects.all().delete()
    initiative.refresh_from_db()
    return coordinator, initiative


def test_the_partners_answer_is_recorded(client, referral):
    coordinator, initiative = referral
    sign_in(client, coordinator)
    url = f"/medarbejder/indsatsgruppen/indsats/{initiative.pk}/"

    form = client.get(url).content.decode()
    response = client.post(url, {"status": "referred", "partner_answer": "accepted"})

    assert "Intet svar endnu" in form
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.partner_answer == "accepted"
    assert initiative.answered_on == timezone.localdate()
    assert initiative.case.journal.filter(text__contains="taget imod").exists()


def test_no_answer_after_a_week_reminds_once(referral, time_machine):
    coordinator, initiative = referral

    assert remind_referrals() == []
    time_machine.move_to(timezone.now() + dt.timedelta(days=ANSWER_DAYS, hours=1))
    first, again = remind_referrals(), remind_referrals()

    assert first == [initiative.pk] and again == []
    [email] = OutboundEmail.objects.all()
    assert email.to == coordinator.email
    assert email.subject == "En henvisning har ikke fået svar"
    assert PERSON.split()[0] not in email.body + email.subject
    assert initiative.case.notification.reference not in email.subject
    assert ReferralReminder.objects.count() == 1


def test_an_answered_referral_is_not_reminded_about(referral, time_machine):
    coordinator, initiative = referral
    meeting_services.update_initiative(
        initiative, status="referred", partner_answer="acknowledged", by=coordinator
    )
    time_machine.move_to(timezone.now() + dt.timedelta(days=ANSWER_DAYS + 1))

    assert remind_referrals() == []
