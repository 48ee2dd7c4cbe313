"""Reading the Indsatsgruppe's work: the follow-up list of initiatives."""

from __future__ import annotations

from django.db.models import Q

from beredskab.cases.access import cases_visible_to

from .models import OPEN_INITIATIVE_STATES, Initiative


def follow_up_initiatives(user, *, include_done=False):
    """Initiatives on the cases the user may see, and those the user is responsible for (who
    may not see the case once it has left the agenda), by due date."""
    queryset = Initiative.objects.filter(
        Q(case__in=cases_visible_to(user)) | Q(responsible=user)
    ).select_related("case__notification", "responsible")
    if not include_done:
        queryset = queryset.filter(status__in=OPEN_INITIATIVE_STATES)
    return queryset.order_by("due_on", "id")
