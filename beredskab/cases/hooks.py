"""What the apps above cases do when something happens to a case. They register in their
AppConfig.ready(); cases imports none of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
