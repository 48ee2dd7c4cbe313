"""Recording audit events. Call `record(...)` for every view, change, export and print of
sensitive data, inside the same transaction as the change.

Recording inserts the event and its subjects and nothing else: no lock, no hash. The sealer
(`manage.py seal_audit`, beredskab/audit/sealing.py) chains the committed events afterwards.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.request import Request

from beredskab.clientaddress import client_address
from beredskab.db import insert

from .models import AuditEvent, AuditSubject
from .sealing import seal_events
from .subjects import subjects_of
from .verification import verify


class Actor(Protocol):
    """Who acted: a staff user, or a named system actor (accounts.services.SystemActor)."""

    @property
    def pk(self) -> Any: ...

    def get_username(self) -> str: ...


def client_ip(request: HttpRequest | Request | None) -> str:
    if request is None:
        return ""
    return client_address(request)[:45]


def _recording(request: HttpRequest | Request | None) -> bool:
    # BEREDSKAB_AUDIT_READS exists only in the benchmark's settings (bench/settings.py), to
    # measure what auditing a page read costs; the project's settings have no such switch.
    if getattr(settings, "BEREDSKAB_AUDIT_READS", True) or request is None:
        return True
    return request.method not in ("GET", "HEAD")


@dataclass
class _Pending:
    event: AuditEvent
    things: tuple[object, ...]


# The events of a `recorded_together()` block, written when the block ends.
_together: ContextVar[list[_Pending] | None] = ContextVar("audit_recorded_together", default=None)


@contextlib.contextmanager
def recorded_together() -> Iterator[None]:
    """Within the block, `record()` collects its events, and the block writes them all at its end
    in one statement for the events and one for their subjects, instead of two per event.

    For a transaction that records several events (a registration records two): use it inside
    the transaction, so the events still commit or fail with the change. Each event is filed
    under its objects' subjects as they stand when the block ends (a person linked later in the
    block is found under the notification's events too). A block that raises writes nothing.
    Nested blocks write at the end of the outermost."""
    if _together.get() is not None:
        yield
        return
    pending: list[_Pending] = []
    token = _together.set(pending)
    try:
        yield
    finally:
        _together.reset(token)
    _write(pending)


def _write(pending: list[_Pending]) -> None:
    if not pending:
        return
    events = [item.event for item in pending]
    insert(events)
    insert(
        [
            AuditSubject(event=event, key=key, at=event.at)
            for event, item in zip(events, pending, strict=True)
            for key in sorted(subjects_of(*item.things))
        ]
    )


# No savepoint of its own: inside a caller's transaction a failed record fails the whole of it
# (the change is never saved without its event), and two round trips fewer per event.
@transaction.atomic(savepoint=False)
def record(
    action: str,
    *,
    request: HttpRequest | Request | None = None,
    actor: Actor | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    person_key: str = "",
    detail: dict[str, Any] | None = None,
    about: Iterable[object] = (),
    subjects_of_obj: Iterable[str] | None = None,
) -> AuditEvent | None:
    """Append one event. `detail` must hold no personal data (ids and codes only).

    The event is filed under the subjects of `obj` and of everything in `about` (objects with
    `audit_subjects()`, or subject keys), and under `person_key` when given, so the auditor
    finds it by the person's CPR number, person key or case reference. A caller that has the
    keys of `obj` at hand (a registration, which has just made the links they come from) gives
    them as `subjects_of_obj`, and `obj.audit_subjects()` is not asked."""
    if not _recording(request):
        return None
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "audit_key", obj.pk))
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        person_key=str(person_key or "")[:64],
        ip=client_ip(request),
        # Through JSON, so dates and the like are stored as the strings the seal will cover.
        detail=json.loads(json.dumps(detail or {}, default=str)),
    )
    own = (obj,) if subjects_of_obj is None else tuple(subjects_of_obj)
    things = (*own, *about, str(person_key or ""))
    pending = _together.get()
    if pending is not None:
        pending.append(_Pending(event, things))
        return event
    event.save(force_insert=True)
    AuditSubject.objects.bulk_create(
        [AuditSubject(event=event, key=key, at=event.at) for key in sorted(subjects_of(*things))]
    )
    return event


def verify_chain() -> list[str]:
    """Seal what is new, then check the whole trail: the problems found (empty when intact)."""
    seal_events()
    return verify().problems
