"""What the apps above cases do when something happens to a case, what they add to its page, and
to whom they make a case visible. They register in their AppConfig.ready(); cases imports none
of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Q

# Called with (notification, at) in the transaction that records a case's first risk assessment
# (intake closes the notification's 24-hour deadline as met or missed).
_WHEN_ASSESSED: list[Callable[..., None]] = []


def when_assessed(action: Callable[..., None]) -> None:
    """Call `action(notification, at)` when a case's first risk assessment is recorded."""
    if action not in _WHEN_ASSESSED:
        _WHEN_ASSESSED.append(action)


def assessment_recorded(notification, at: dt.datetime) -> None:
    for action in _WHEN_ASSESSED:
        action(notification, at)


# -- Who else may see a case -------------------------------------------------------------------

# A rule is called with (user, the user's roles, now) and returns a filter on cases for the
# further cases the user may see, or None (e.g. the Indsatsgruppe's members see the cases on the
# agenda of a meeting they are invited to: meetings.access).
VisibilityRule = Callable[[object, frozenset[str], dt.datetime], Q | None]
_VISIBLE_THROUGH: list[VisibilityRule] = []


def visible_through(rule: VisibilityRule) -> None:
    """Let `rule` make further cases visible (cases.access.visible_cases_q)."""
    if rule not in _VISIBLE_THROUGH:
        _VISIBLE_THROUGH.append(rule)


def visibility_rules() -> Iterable[VisibilityRule]:
    return tuple(_VISIBLE_THROUGH)


# -- The case page's parts from the apps above ------------------------------------------------

# (position, template): the case page includes each template, by position, with its own context
# (case, user, can_work, ...). A template decides itself whether it shows anything for the case.
_CASE_PAGE_PARTS: list[tuple[int, str]] = []


def case_page_part(template: str, *, position: int) -> None:
    """Include `template` on the case page, ordered by `position` among the other parts."""
    if (position, template) not in _CASE_PAGE_PARTS:
        _CASE_PAGE_PARTS.append((position, template))


def case_page_parts() -> list[str]:
    return [template for _position, template in sorted(_CASE_PAGE_PARTS)]


# -- What the apps above add to a page's context ----------------------------------------------

# page ("case": the case page, "assess": the risk assessment) -> providers called with
# (request, notification) that return context for the parts they show there (the persons app:
# the person's earlier notifications and possible matches, read with need to know and audited).
_PAGE_CONTEXT: dict[str, list[Callable[..., dict]]] = {}


def page_context(page: str, provider: Callable[..., dict]) -> None:
    """Add `provider(request, notification)`'s context to `page`."""
    providers = _PAGE_CONTEXT.setdefault(page, [])
    if provider not in providers:
        providers.append(provider)


def context_for(page: str, request, notification) -> dict:
    context: dict = {}
    for provider in _PAGE_CONTEXT.get(page, ()):
        context.update(provider(request, notification))
    return context


# Each called with (case) when someone is about to close it: returns what is still open (in
# Danish, ready to show), e.g. open initiatives. The meetings app registers its initiatives.
_CLOSING_WARNINGS: list[Callable[..., list[str]]] = []


def add_closing_warning(check: Callable[..., list[str]]) -> None:
    """Register `check(case) -> list[str]`: what closing the case would leave undone."""
    if check not in _CLOSING_WARNINGS:
        _CLOSING_WARNINGS.append(check)


def registered_closing_warnings(case) -> list[str]:
    return [warning for check in _CLOSING_WARNINGS for warning in check(case)]


# Called with (case, since) when the case page asks why the risk assessment should be made again;
# each returns reasons (short texts without personal data) that arose after `since`.
_REASSESSMENT_REASONS: list[Callable[..., list[str]]] = []


def add_reassessment_reason(reasons: Callable[..., list[str]]) -> None:
    """Register `reasons(case, since) -> list[str]`: events that call for a new assessment
    (a new notification about the same person, a protective measure that has ended)."""
    if reasons not in _REASSESSMENT_REASONS:
        _REASSESSMENT_REASONS.append(reasons)


def reassessment_reasons(case, since: dt.datetime) -> list[str]:
    return [reason for reasons in _REASSESSMENT_REASONS for reason in reasons(case, since)]
