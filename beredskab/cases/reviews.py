"""Review dates: the day a routed case's review date comes, whoever has it (the coordinator, or
the people assigned to it) is e-mailed once, with a link and nothing of the case."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email

from .access import active_assignments
from .models import Case, CaseState, ReviewReminder


def _addresses(case) -> list[str]:
    users = [case.coordinator] if case.coordinator_id else []
    users += [a.user for a in active_assignments().filter(case=case).select_related("user")]
    return sorted({u.email for u in users if u is not None and u.is_active and u.email})


def remind_case_reviews(now: dt.datetime | None = None) -> list[int]:
    """E-mail about every open case whose review date has come, once per case and date.
    Returns the ids of the cases reminded about."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    due = not_recorded(
        Case.objects.filter(review_on__lte=today).exclude(state=CaseState.CLOSED),
        ReviewReminder.objects,
        to="case",
        review_on=OuterRef("review_on"),
    ).select_related("coordinator", "notification")
    reminded = []
    for case in due.order_by("review_on", "id"):
        addresses = _addresses(case)
        if not addresses:
            continue  # not recorded: sent once someone has the case

        def e_mail(reminder, case=case, addresses=addresses):
            url = settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
                "cases:detail", kwargs={"reference": case.notification.reference}
            )
            for address in addresses:
                queue_email(
                    kind=EmailKind.OTHER,
                    to=address,
                    subject=_("En sag skal følges op i dag"),
                    body=_(
                        "En sag, du har, har opfølgningsdato i dag. Log ind for at se den og "
                        "sætte en ny dato: %(url)s\n"
                    )
                    % {"url": url},
                )

        if record_once(
            ReviewReminder, then=e_mail, case=case, review_on=case.review_on, sent_at=now
        ):
            reminded.append(case.pk)
    return reminded
