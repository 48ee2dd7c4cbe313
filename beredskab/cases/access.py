"""Need to know: who may see and change a case.

- Modtagelsen sees a notification and its case until it is routed (and the cases it closed
  itself without routing them), and afterwards keeps read access to the child cases it handed
  over.
- After routing, a case is visible to the people assigned to it (the children's unit employee who
  received it, others assigned), its coordinator (tovholder), the Indsatsgruppe's members while the
  case is on a meeting's agenda (from when it is put there until BEREDSKAB_AGENDA_ACCESS_DAYS after
  the meeting), and leaders.
- Anyone else may "break the glass" with a written reason: access for a limited time, journaled,
  audited and reported to the leader (see services.break_glass).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of

from .models import (
    INTAKE_STATES,
    AgendaItem,
    BreakGlassGrant,
    Case,
    CaseAssignment,
    CaseState,
    Handover,
    MeetingStatus,
)


def _agenda_since(now):
    return now - dt.timedelta(days=settings.BEREDSKAB_AGENDA_ACCESS_DAYS)


def visible_cases_q(user, now=None) -> Q:
    """A filter for the cases `user` may see; Q(pk__in=[]) when none."""
    now = now or timezone.now()
    mine = roles_of(user)
    if not mine:
        return Q(pk__in=[])
    if r.LEADER in mine:
        return Q()
    q = Q(coordinator=user)
    q |= Q(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=user)))
    q |= Q(
        Exists(BreakGlassGrant.objects.filter(case=OuterRef("pk"), user=user, expires_at__gt=now))
    )
    if r.INTAKE in mine:
        q |= Q(state__in=INTAKE_STATES)
        q |= Q(state=CaseState.CLOSED, routed_at__isnull=True)  # closed by Modtagelsen itself
        q |= Q(Exists(Handover.objects.filter(case=OuterRef("pk"))))
    if r.INTERVENTION_GROUP in mine:
        q |= Q(
            Exists(
                AgendaItem.objects.filter(
                    case=OuterRef("pk"), meeting__starts_at__gte=_agenda_since(now)
                ).exclude(meeting__status=MeetingStatus.CANCELLED)
            )
        )
    return q


def cases_visible_to(user, now=None):
    return Case.objects.filter(visible_cases_q(user, now))


def can_view(user, case, now=None) -> bool:
    if not roles_of(user):
        return False
    if r.LEADER in roles_of(user):
        return True
    return Case.objects.filter(visible_cases_q(user, now), pk=case.pk).exists()


def has_break_glass(user, case, now=None) -> bool:
    now = now or timezone.now()
    return BreakGlassGrant.objects.filter(case=case, user=user, expires_at__gt=now).exists()


def can_handle_intake(user, case) -> bool:
    """May record intake work (receipt, risk assessment, routing) on this case."""
    return r.INTAKE in roles_of(user) and case.state in INTAKE_STATES


def can_work_on(user, case) -> bool:
    """May add notes, initiatives, § 12 a records, and close or reopen the case."""
    mine = roles_of(user)
    if r.LEADER in mine:
        return True
    if case.state in INTAKE_STATES or (case.state == CaseState.CLOSED and not case.routed_at):
        return r.INTAKE in mine
    if case.coordinator_id == user.pk:
        return True
    return CaseAssignment.objects.filter(case=case, user=user).exists()


def can_run_meetings(user) -> bool:
    return bool(roles_of(user) & {r.COORDINATOR, r.LEADER})


def is_closed(case) -> bool:
    return case.state == CaseState.CLOSED
