"""Reading the Indsatsgruppe's work: the follow-up list of initiatives, what closing a case
would leave open, and initiatives that have ended since a case's risk assessment."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beredskab.cases.access import cases_visible_to
from beredskab.plans.selectors import NoPublishedPlan, current_plan
from beredskab.plans.templatetags.plan_text import t

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


def open_initiatives_warning(case) -> list[str]:
    """The case's open initiatives, as a closing warning (registered with
    cases.hooks.add_closing_warning in MeetingsConfig.ready())."""
    names = list(
        Initiative.objects.filter(case=case, status__in=OPEN_INITIATIVE_STATES).values_list(
            "kind", flat=True
        )
    )
    if not names:
        return []
    return [
        ngettext(
            "%(count)d indsats er ikke afsluttet: %(names)s.",
            "%(count)d indsatser er ikke afsluttet: %(names)s.",
            len(names),
        )
        % {"count": len(names), "names": ", ".join(initiative_label(kind) for kind in names)}
    ]


def initiative_label(kind: str) -> str:
    """The catalogue's Danish name for an initiative kind."""
    try:
        types = current_plan().initiative_types
    except NoPublishedPlan:
        return kind
    for item in types:
        if item.key == kind:
            return item.name["da"]
    return kind


def ended_initiatives_since(case, since: datetime) -> list[str]:
    """A reason to reassess the risk: an initiative or protective measure on the case (a stay
    at a safe house, a crisis shelter) that has ended after `since`."""
    ended = Initiative.objects.filter(case=case, updated_at__gt=since).exclude(
        status__in=OPEN_INITIATIVE_STATES
    )
    names = {item.key: t(item.name) for item in current_plan().initiative_types}
    return [
        _("Indsatsen »%s« er afsluttet efter vurderingen.") % names.get(kind, kind)
        for kind in ended.values_list("kind", flat=True)
    ]
