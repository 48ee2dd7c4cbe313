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
