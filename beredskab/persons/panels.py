"""The person fragments on other apps' pages (the case page, the risk assessment) and on the
person pages: built with need to know (selectors), and each read recorded in the audit trail
once for every person whose records were shown, so a search for any of them finds it."""

from __future__ import annotations

from beredskab.audit.services import record

from . import selectors
from .models import Person


def record_person_read(request, person: Person, history, *, page, person_key="", members=()):
    """A read of `person`'s records (and of the persons merged into it): which cases were
    shown, and how many were counted as hidden."""
    detail = {
        "page": page,
        "person": person.reference,
        "shown": [entry.reference for entry in history.entries],
        "hidden": len(history.hidden),
    }
    for subject in (person, *members):
        record("person.view", request=request, obj=subject, person_key=person_key, detail=detail)


def record_proposals_shown(request, person: Person, matches, *, page, person_key=""):
    """Each proposed match shown: what the user saw of the other person is on the record."""
    for match in matches:
        record(
            "person.proposal_view",
            request=request,
            obj=match.person,
            person_key=person_key,
            detail={
                "page": page,
                "proposed_for": person.reference,
                "shown": [entry.reference for entry in match.history.entries],
                "hidden": len(match.history.hidden),
                "why": match.evidence.codes(),
            },
        )


def _record(request, notification, context, *, page):
    person = context["person"]
    if person is None:
        return
    history = context["person_history"]
    if history.total:
        members = selectors.merged_members(person)
        record_person_read(
            request,
            person,
            history,
            page=page,
            person_key=notification.reference,
            members=members,
        )
    record_proposals_shown(
        request, person, context.get("matches", []), page=page, person_key=notification.reference
    )


def history_panel(request, notification, *, page="assess") -> dict:
    """persons/includes/history.html's context for a notification's page, audited."""
    context = selectors.history_for_notification(notification, request.user)
    _record(request, notification, context, page=page)
    return context


def person_panel(request, notification, *, page="case") -> dict:
    """persons/includes/history.html's and matches.html's context for a case page, audited."""
    context = selectors.person_panel(notification, request.user)
    _record(request, notification, context, page=page)
    return context
