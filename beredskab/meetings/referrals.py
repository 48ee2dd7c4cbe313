"""Referrals waiting for an answer: when a partner has not answered a referral within
ANSWER_DAYS of it being sent, the responsible person is e-mailed once (a link, nothing of the
case)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email

from .models import Initiative, InitiativeStatus, ReferralReminder

# A partner that has not even acknowledged a referral after this many days is asked again.
ANSWER_DAYS = 7


def remind_referrals(now: dt.datetime | None = None) -> list[int]:
    """E-mail the responsible person about every referral without an answer; once each.
    Returns the ids of the initiatives reminded about."""
    now = now or timezone.now()
    sent_before = timezone.localtime(now).date() - dt.timedelta(days=ANSWER_DAYS)
    waiting = not_recorded(
        Initiative.objects.filter(
            status=InitiativeStatus.REFERRED, partner_answer="", referred_on__lte=sent_before
        ),
        ReferralReminder.objects,
        to="initiative",
    ).select_related("responsible")
    reminded = []
    for initiative in waiting.order_by("referred_on", "id"):
        person = initiative.responsible
        if not person.is_active or not person.email:
            continue

        def e_mail(reminder, initiative=initiative, address=person.email):
            url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
                "meetings:initiative-update", kwargs={"initiative_id": initiative.pk}
            )
            queue_email(
                kind=EmailKind.OTHER,
                to=address,
                subject=_("En henvisning har ikke fået svar"),
                body=_(
                    "En henvisning, du er ansvarlig for, har ikke fået svar fra "
                    "samarbejdspartneren efter %(days)d dage. Følg op, og notér svaret: %(url)s\n"
                )
                % {"days": ANSWER_DAYS, "url": url},
            )

        if record_once(ReferralReminder, then=e_mail, initiative=initiative, sent_at=now):
            reminded.append(initiative.pk)
    return reminded
