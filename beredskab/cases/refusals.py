"""The refusals of the case pages, each answered in one place.

- A case the user may not see: whether the case exists, is on a track the user never works on,
  or does not exist, a page about it answers 404 with the same page, "not found, or not yours",
  and the break-the-glass form for the roles that work on cases (CaseHidden).
- A case the user may see but may not do this to now: 403 with the reason (CaseRefused).
- A change the case's life cycle does not allow: the form shows why (CaseRuleError, from the
  services; `make_change`).

Views look a case up with `case_for` (or `visible_case`) and are wrapped by
`answers_hidden_cases`, which renders the first two.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.shortcuts import render

from beredskab.access import refuse
from beredskab.accounts import roles
from beredskab.accounts.roles import roles_of
from beredskab.audit.services import record

from .access import can_view
from .forms import BreakGlassForm
from .selectors import case_by_reference
from .workflow import CaseRuleError

# Leaders see every case, so they never need to break the glass.
BREAK_GLASS_ROLES = frozenset(
    {roles.INTAKE, roles.COORDINATOR, roles.INTERVENTION_GROUP, roles.CHILDREN_UNIT}
)


class CaseHidden(Exception):
    """The user may not see the case named `reference`, or there is no such case."""

    def __init__(self, reference: str, case=None, detail: dict | None = None):
        super().__init__(reference)
        self.reference = reference
        self.case = case
        self.detail = detail or {}


class CaseRefused(Exception):
    """The user may see the case but may not do this to it now (the reason, when given, is
    shown)."""

    def __init__(self, reason: str | None = None):
        super().__init__(reason)
        self.reason = reason


def visible_case(request, reference, *, detail=None):
    """The case, if the user may see it; otherwise CaseHidden (the same for every reason)."""
    case = case_by_reference(reference)
    if case is None or not can_view(request.user, case):
        raise CaseHidden(reference, case, detail)
    return case


def refuse_unless(request, case, may: Callable[..., bool] | None, reason: str | None = None):
    """CaseRefused unless `may(user, case)` (no test when `may` is None)."""
    if may is not None and not may(request.user, case):
        raise CaseRefused(reason)


def case_for(
    request,
    reference,
    *,
    may: Callable[..., bool] | None = None,
    reason: str | None = None,
    detail: dict | None = None,
):
    """The case named `reference`, if the user may see it (otherwise CaseHidden) and, when `may`
    is given, may do this to it now (`may(user, case)`; otherwise CaseRefused with `reason`)."""
    case = visible_case(request, reference, detail=detail)
    refuse_unless(request, case, may, reason)
    return case


def make_change[T](form, change: Callable[..., T], *args, **kwargs) -> T | None:
    """Make the change through the service `change`; when the case's rules refuse it
    (CaseRuleError), say why at the top of `form` and return None."""
    try:
        return change(*args, **kwargs)
    except CaseRuleError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None


def answers_hidden_cases(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except CaseHidden as hidden:
            record_refusal(request, hidden)
            return refusal_page(request, hidden.reference)
        except CaseRefused as refused:
            return refuse(request, reason=refused.reason)

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
