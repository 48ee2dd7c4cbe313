"""Need to know: who may see, change and take a case.

- Modtagelsen sees a notification and its case until it is routed (and the cases it closed
  itself without routing them), and afterwards reads the child cases it handed over for the
  plan's `tracks.intake_read_after_handover_days` (counted from the hand-over).
- After routing, a case is visible to the people assigned to it (while the assignment lasts),
  its coordinator (tovholder) and leaders, and to whom the apps above cases make it visible
  through `hooks.visible_through`: the members invited to an Indsatsgruppe meeting with the case
  on its agenda (meetings.access).
- A case's stage (intake, the adult track, the child track) is owned by one role: Modtagelsen,
  the coordinators, the children's unit. Only that role may take the case (assign themselves);
  anyone else breaks the glass: access for a limited time, journaled, audited and reported to
  the leaders (see services.break_glass). Leaders may assign anyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.plans.schema import InterventionGroup, Tracks
from beredskab.plans.selectors import NoPublishedPlan, current_plan

from .hooks import visibility_rules
from .models import (
    INTAKE_STATES,
    BreakGlassGrant,
    Case,
    CaseAssignment,
    CaseState,
    Handover,
    Track,
)

# -- The plan's bounds ------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessPeriods:
    agenda_days_after_meeting: int
    meeting_max_days_ahead: int
    intake_read_after_handover_days: int


def access_periods() -> AccessPeriods:
    """The plan's bounds on access; the schema's defaults when no plan is published yet."""
    try:
        plan = current_plan()
        group, tracks = plan.intervention_group, plan.tracks
        agenda_days, ahead = group.agenda_access_days_after_meeting, group.max_days_ahead
    except NoPublishedPlan:
        fields, tracks = InterventionGroup.model_fields, Tracks()
        agenda_days = fields["agenda_access_days_after_meeting"].default
        ahead = fields["max_days_ahead"].default
    return AccessPeriods(agenda_days, ahead, tracks.intake_read_after_handover_days)


# -- Stages: who owns the case now -----------------------------------------------------------

INTAKE_STAGE, ADULT_STAGE, CHILD_STAGE = "intake", "adult", "child"
STAGE_OWNER = {INTAKE_STAGE: r.INTAKE, ADULT_STAGE: r.COORDINATOR, CHILD_STAGE: r.CHILDREN_UNIT}
STAGE_OWNER_NAME = {
    INTAKE_STAGE: _("Modtagelsen"),
    ADULT_STAGE: _("tovholderne"),
    CHILD_STAGE: _("Børneenheden"),
}


def stage_of(case) -> str:
    """Intake until the case is routed (also when Modtagelsen closed it without routing), then
    the track it was routed on."""
    if case.routed_at is None:
        return INTAKE_STAGE
    return CHILD_STAGE if case.track == Track.CHILD else ADULT_STAGE


def owns_stage(user, case) -> bool:
    """The user's role owns the case's current stage. Assigning someone who does not is outside
    the normal flow, and the leaders are told."""
    return STAGE_OWNER[stage_of(case)] in roles_of(user)


def may_take(user, case) -> bool:
    """May assign themselves: a leader, or someone whose role owns the case's stage."""
    mine = roles_of(user)
    return r.LEADER in mine or STAGE_OWNER[stage_of(case)] in mine


def may_assign_others(user, case) -> bool:
    """A leader, or someone of the stage's own role who works on the case."""
    mine = roles_of(user)
    if r.LEADER in mine:
        return True
    return STAGE_OWNER[stage_of(case)] in mine and can_work_on(user, case)


# -- Seeing a case ---------------------------------------------------------------------------


def active_assignments():
    return CaseAssignment.objects.filter(ended_at__isnull=True)


def visible_cases_q(user, now=None) -> Q:
    """A filter for the cases `user` may see; Q(pk__in=[]) when none."""
    now = now or timezone.now()
    mine = roles_of(user)
    if not mine:
        return Q(pk__in=[])
    if r.LEADER in mine:
        return Q()
    q = Q(coordinator=user)
    q |= Q(Exists(active_assignments().filter(case=OuterRef("pk"), user=user)))
    q |= Q(
        Exists(BreakGlassGrant.objects.filter(case=OuterRef("pk"), user=user, expires_at__gt=now))
    )
    if r.INTAKE in mine:
        q |= Q(state__in=INTAKE_STATES)
        q |= Q(state=CaseState.CLOSED, routed_at__isnull=True)  # closed by Modtagelsen itself
        days = access_periods().intake_read_after_handover_days
        handed_over_since = now - dt.timedelta(days=days)
        q |= Q(
            Exists(Handover.objects.filter(case=OuterRef("pk"))),
            track=Track.CHILD,
            routed_at__gt=handed_over_since,
        )
    for rule in visibility_rules():
        further = rule(user, mine, now)
        if further is not None:
            q |= further
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


# -- Changing a case -------------------------------------------------------------------------


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
    return active_assignments().filter(case=case, user=user).exists()


def is_closed(case) -> bool:
    return case.state == CaseState.CLOSED
