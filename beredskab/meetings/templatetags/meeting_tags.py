"""What the case page's parts meetings/includes/initiatives.html and meetings.html show: a case's
initiatives and its agenda items, each read in a fixed number of queries."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from beredskab.accounts.roles import has_role
from beredskab.meetings.access import can_run_meetings
from beredskab.meetings.forms import MEETING_ROLES
from beredskab.meetings.models import Decision, Meeting, MeetingStatus
from beredskab.meetings.views import initiative_names, is_overdue, may_go_on_agenda
from beredskab.plans.selectors import current_plan

register = template.Library()


@register.simple_tag
def case_initiatives(case):
    """The case's initiatives by due date, with the catalogue's name and whether overdue."""
    names = initiative_names(current_plan())
    today = timezone.localdate()
    return [
        {"initiative": i, "kind_name": names.get(i.kind, i.kind), "overdue": is_overdue(i, today)}
        for i in case.initiatives.select_related("responsible").order_by("due_on", "id")
    ]


@register.simple_tag
def case_agenda(case, user):
    """The case's agenda items with their decisions and, for those who run meetings, the planned
    meetings it can still be put on."""
    items = (
        case.agenda_items.select_related("meeting")
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("decided_at")))
        .order_by("meeting__starts_at")
    )
    can_add = can_run_meetings(user) and may_go_on_agenda(case)
    planned = []
    if can_add:
        planned = (
            Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
            .exclude(agenda__case=case)
            .order_by("starts_at")
        )
    return {
        "items": items,
        "can_add": can_add,
        "planned": planned,
        "can_see_meetings": has_role(user, *MEETING_ROLES),
    }
