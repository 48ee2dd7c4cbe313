"""One answer for a case the user may not see.

Whether the case exists, is on a track the user never works on, or does not exist, a page about
it answers 404 with the same page: "not found, or not yours", and the break-the-glass form for
the roles that work on cases. Views look a case up with `visible_case` and are wrapped by
`answers_hidden_cases`, which renders the refusal in this one place.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from beredskab.accounts import roles as r
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record

from .access import can_view
from .forms import BreakGlassForm
from .selectors import case_by_reference

# Leaders see every case, so they never need to break the glass.
BREAK_GLASS_ROLES = frozenset({r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT})


class CaseHidden(Exception):
    """The user may not see the case named `reference`, or there is no such case."""

    def __init__(self, reference: str, case=None, detail: dict | None = None):
        super().__init__(reference)
        self.reference = reference
        self.case = case
        self.detail = detail or {}


def visible_case(request, reference, *, detail=None):
    """The case, if the user may see it; otherwise CaseHidden (the same for every reason)."""
    case = case_by_reference(reference)
    if case is None or not can_view(request.user, case):
        raise CaseHidden(reference, case, detail)
    return case


def answers_hidden_cases(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except CaseHidden as hidden:
            record_refusal(request, hidden)
            return refusal_page(request, hidden.reference)

    return wrapper


def record_refusal(request, hidden: CaseHidden) -> None:
    if hidden.case is None:
        # Whatever was typed is not recorded: it may be anything, even a CPR number.
        record("case.not_found", request=request, detail=hidden.detail)
    else:
        case = hidden.case
        record(
            "case.view_refused",
            request=request,
            obj=case,
            person_key=case.audit_key,
            detail=hidden.detail,
        )


def refusal_page(request, reference, form=None, status=404):
    """The page for "not found, or not yours", with the break-the-glass form for case roles."""
    may_break_glass = bool(roles_of(request.user) & BREAK_GLASS_ROLES)
    return render(
        request,
        "cases/refused.html",
        {
            "reference": reference,
            "form": (form or BreakGlassForm()) if may_break_glass else None,
            "hours": settings.BEREDSKAB_BREAK_GLASS_HOURS,
        },
        status=status,
    )
