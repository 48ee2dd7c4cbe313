"""The staff start page, "Mit arbejde": the signed-in person's cases, initiatives and meetings
(beredskab.my_work), the leader's view of the team's load, and what their roles give access to."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from beredskab import my_work
from beredskab.access import staff
from beredskab.accounts import roles
from beredskab.accounts.roles import ROLES, roles_of
from beredskab.audit.services import record
from beredskab.governance.revision import revision_status
from beredskab.intake.selectors import queue_counts
from beredskab.plans.schema import Deadlines
from beredskab.plans.selectors import NoPublishedPlan, current_plan

CASE_ROLES = {
    roles.INTAKE,
    roles.COORDINATOR,
    roles.INTERVENTION_GROUP,
    roles.CHILDREN_UNIT,
    roles.LEADER,
}


@staff(*ROLES)
@require_GET
def staff_home(request):
    user = request.user
    mine = roles_of(user)
    now = timezone.now()
    revision = None
    if mine & {roles.LEADER, roles.PLAN_ADMIN}:
        # Leaders see when the plan must be revised (Barnets Lov § 15, stk. 3).
        revision = revision_status()
    context = {
        "role_names": [label for key, label in ROLES.items() if key in mine],
        "revision": revision,
        "works_on_cases": bool(mine & CASE_ROLES),
        "now": now,
        "today": timezone.localdate(),
    }
    if mine & CASE_ROLES:
        rows = my_work.my_cases(user, now)
        context.update(
            rows=rows,
            initiatives=my_work.my_initiatives(user),
            meetings=my_work.my_meetings_this_week(user, now),
        )
        # The page lists the cases by reference: a look at each, logged.
        record(
            "staff.my_work_view",
            request=request,
            detail={"cases": [row.case.notification.reference for row in rows]},
            about=[row.case for row in rows],
        )
    if roles.LEADER in mine:
        try:
            warning_hours = current_plan().deadlines.warning_hours
        except NoPublishedPlan:  # a new installation: the leader still sees the team
            warning_hours = Deadlines.model_fields["warning_hours"].default
        warning = dt.timedelta(hours=warning_hours)
        context.update(team=my_work.team_load(), queue=queue_counts(now=now, warning=warning))
    return render(request, "staff_home.html", context)
