"""Need to know for the Indsatsgruppe: the members invited to a meeting read the cases on its
agenda from when the agenda is sent until the plan's
`intervention_group.agenda_access_days_after_meeting` after the meeting (a cancelled meeting
opens nothing). The rule is registered with cases (cases.hooks.visible_through), which asks it
whenever it decides who may see a case."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.cases.access import access_periods

from .models import AgendaItem, MeetingStatus


def on_an_agenda_q(user, roles: frozenset[str], now: dt.datetime) -> Q | None:
    """The cases on the agenda of a meeting `user` is invited to, while the agenda gives access."""
    if r.INTERVENTION_GROUP not in roles:
        return None
    meeting_since = now - dt.timedelta(days=access_periods().agenda_days_after_meeting)
    return Q(
        Exists(
            AgendaItem.objects.filter(
                case=OuterRef("pk"),
                meeting__participants=user,
                meeting__agenda_sent_at__lte=now,
                meeting__starts_at__gte=meeting_since,
            ).exclude(meeting__status=MeetingStatus.CANCELLED)
        )
    )


def can_run_meetings(user) -> bool:
    """The coordinators (tovholdere) and leaders schedule and run the meetings."""
    return bool(roles_of(user) & {r.COORDINATOR, r.LEADER})
