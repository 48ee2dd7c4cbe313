"""Recording audit events. Call `record(...)` for every view, change, export and print of
sensitive data, inside the same transaction as the change.

Recording inserts the event and its subjects and nothing else: no lock, no hash. The sealer
(`manage.py seal_audit`, beredskab/audit/sealing.py) chains the committed events afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.request import Request

from beredskab.clientaddress import client_address

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
) -> AuditEvent | None:
    """Append one event. `detail` must hold no personal data (ids and codes only).

    The event is filed under the subjects of `obj` and of everything in `about` (objects with
    `audit_subjects()`, or subject keys), and under `person_key` when given, so the auditor
    finds it by the person's CPR number, person key or case reference."""
    if not _recording(request):
        return None
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "audit_key", obj.pk))
    event = AuditEvent.objects.create(
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
    subjects = subjects_of(obj, *about, str(person_key or ""))
    AuditSubject.objects.bulk_create(
        [AuditSubject(event=event, key=key, at=event.at) for key in sorted(subjects)]
    )
    return event


def verify_chain() -> list[str]:
    """Seal what is new, then check the whole trail: the problems found (empty when intact)."""
    seal_events()
    return verify().problems
