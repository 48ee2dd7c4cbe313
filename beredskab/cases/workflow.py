"""The case's life cycle: which state may follow which, and the one function that moves a case.

    received -> assessed -> routed -> in progress -> closed
                   |          |                       |
                   +----------+--------> closed       +-> reopened: received, assessed or
                                                          in progress (what it had reached)

Every change of state goes through `transition()`, which checks the table, writes the case's
life-cycle fields and journals the change. The services decide when a case moves (the first
risk assessment, routing, the first piece of work after routing, closing, reopening); this
module decides whether it may.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseState, JournalEntry, JournalKind


class CaseRuleError(ValidationError):
    """A change the case's life cycle does not allow (shown to the user as a message)."""


# From each state, the states a case may move to.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseState.RECEIVED: frozenset({CaseState.ASSESSED}),
    CaseState.ASSESSED: frozenset({CaseState.ROUTED, CaseState.CLOSED}),
    CaseState.ROUTED: frozenset({CaseState.IN_PROGRESS, CaseState.CLOSED}),
    CaseState.IN_PROGRESS: frozenset({CaseState.CLOSED}),
    CaseState.CLOSED: frozenset({CaseState.RECEIVED, CaseState.ASSESSED, CaseState.IN_PROGRESS}),
}

# The fields a transition writes: the state and the life-cycle fields the services set with it
# (routing sets routed_at, the coordinator and the track; closing the reason and the note).
LIFE_CYCLE_FIELDS = [
    "state",
    "routed_at",
    "closed_at",
    "close_reason",
    "close_note",
    "coordinator",
    "track",
]


def may_move(case: Case, to_state: str) -> bool:
    return to_state in ALLOWED_TRANSITIONS[case.state]


def refusal(case: Case, to_state: str) -> str | None:
    """Why `case` may not move to `to_state` now, in words for the user; None when it may."""
    if may_move(case, to_state):
        return None
    if to_state == CaseState.CLOSED:
        if case.state == CaseState.CLOSED:
            return _("Sagen er allerede lukket.")
        return _("En sag kan ikke lukkes, før den er risikovurderet.")
    if to_state == CaseState.ROUTED:
        return _("Sagen skal være risikovurderet, før den videregives.")
    return _("En sag med status »%(from)s« kan ikke få status »%(to)s«.") % {
        "from": CaseState(case.state).label,
        "to": CaseState(to_state).label,
    }


def check(case: Case, to_state: str) -> None:
    """Raise CaseRuleError unless `case` may move to `to_state` now."""
    reason = refusal(case, to_state)
    if reason is not None:
        raise CaseRuleError(reason)


def transition(
    case: Case, to_state: str, by, *, at: dt.datetime | None = None, note: str = ""
) -> Case:
    """Move `case` to `to_state`, if the table allows it, and journal the change.

    Call it inside the service's transaction, on the locked case, after setting what the change
    brings with it (routing: the coordinator; closing: the reason and the note). It dates the
    state itself: routed_at when routed (unless already set), closed_at when closed; reopening
    clears the closing's date, reason and note.
    """
    check(case, to_state)
    at = at or timezone.now()
    old = CaseState(case.state).label
    if to_state == CaseState.ROUTED and case.routed_at is None:
        case.routed_at = at
    if to_state == CaseState.CLOSED:
        case.closed_at = at
    elif case.state == CaseState.CLOSED:
        case.closed_at = None
        case.close_reason = ""
        case.close_note = ""
    case.state = to_state
    case.save(update_fields=LIFE_CYCLE_FIELDS)
    JournalEntry.objects.create(
        case=case,
        kind=JournalKind.STATE,
        text=f"{old} → {CaseState(to_state).label}" + (f": {note}" if note else ""),
        author=by,
        at=at,
    )
    return case


def start_progress(case: Case, by) -> None:
    """The first piece of work on a routed case (an agenda item, an initiative, § 12 a) puts it
    in progress; later work leaves the state as it is."""
    if case.state == CaseState.ROUTED:
        transition(case, CaseState.IN_PROGRESS, by)
