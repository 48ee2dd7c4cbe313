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
