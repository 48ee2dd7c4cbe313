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


# Each called with (case) when someone is about to close it: returns what is still open (in
# Danish, ready to show), e.g. open initiatives. The meetings app registers its initiatives.
_CLOSING_WARNINGS: list[Callable[..., list[str]]] = []


def add_closing_warning(check: Callable[..., list[str]]) -> None:
    """Register `check(case) -> list[str]`: what closing the case would leave undone."""
    if check not in _CLOSING_WARNINGS:
        _CLOSING_WARNINGS.append(check)


def registered_closing_warnings(case) -> list[str]:
    return [warning for check in _CLOSING_WARNINGS for warning in check(case)]
