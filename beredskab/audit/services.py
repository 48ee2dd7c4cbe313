"""Recording audit events. Call `record(...)` for every view, change, export and print of
sensitive data, inside the same transaction as the change."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from beredskab.clientaddress import client_address

from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def client_ip(request) -> str:
    if request is None:
        return ""
    return client_address(request)[:45]


def event_hash(event: AuditEvent, prev_hash: str) -> str:
    payload = json.dumps(
        [
            event.seq,
            event.at.isoformat(),
            event.actor_id,
            event.actor_username,
            event.action,
            event.object_type,
            event.object_id,
            event.person_key,
            event.ip,
            event.detail,
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def record(
    action: str,
    *,
    request=None,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    person_key: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain. `detail` must hold no personal data (ids and codes only)."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "audit_key", obj.pk))
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        person_key=str(person_key or ""),
        ip=client_ip(request),
        detail=detail or {},
        prev_hash=head.hash,
    )
    # Round-trip the detail through JSON so the hash is computed on what the database returns.
    event.detail = json.loads(json.dumps(event.detail, default=str))
    event.hash = event_hash(event, head.hash)
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def verify_chain(batch_size: int = 5000) -> list[str]:
    """Recompute the chain; return the problems found (empty when intact)."""
    problems = []
    expected_seq = 1
    prev_hash = GENESIS
    last = None
    queryset = AuditEvent.objects.order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            problems.append(f"event #{expected_seq} is missing (next is #{event.seq})")
        if event.prev_hash != prev_hash:
            problems.append(f"event #{event.seq} does not follow the previous event")
        if event_hash(event, event.prev_hash) != event.hash:
            problems.append(f"event #{event.seq} was changed after it was recorded")
        expected_seq = event.seq + 1
        prev_hash = event.hash
        last = event
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.seq != (last.seq if last else 0):
        problems.append(f"the newest event(s) after #{last.seq if last else 0} were deleted")
    elif head is not None and last is not None and head.hash != last.hash:
        problems.append(f"the newest event #{last.seq} was replaced")
    return problems
