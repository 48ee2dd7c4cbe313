"""The chain: what an event's HMAC covers, the chain's head, and the lock that sealing and
retention take (and recording never does)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, cast

from django.db import connection

from . import keys
from .models import AuditEvent, AuditRetention, AuditSubject

GENESIS = "0" * 64
# pg_advisory_xact_lock key for sealing and retention ("beredska" in ASCII).
LOCK_KEY = 0x6265726564736B61


class ChainedEvent(Protocol):
    """What an event's HMAC covers: an AuditEvent, or a row the scale data generator builds."""

    @property
    def seq(self) -> int | None: ...
    @property
    def id(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor_id(self) -> int | None: ...
    @property
    def actor_username(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def person_key(self) -> str: ...
    @property
    def ip(self) -> str: ...
    @property
    def detail(self) -> Any: ...


def event_payload(event: ChainedEvent, subjects: Iterable[str], prev_hash: str) -> bytes:
    """The bytes an event's HMAC is computed over: its chain position, its id, every field, its
    subjects and the previous event's hash. `event` is an AuditEvent or anything with the same
    attributes (the scale data generator builds rows without model instances)."""
    return json.dumps(
        [
            event.seq,
            event.id,
            event.at.astimezone(dt.UTC).isoformat(),
            event.actor_id,
            event.actor_username,
            event.action,
            event.object_type,
            event.object_id,
            event.person_key,
            event.ip,
            event.detail,
            sorted(subjects),
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    ).encode()


def event_hash(event: ChainedEvent, subjects: Iterable[str], prev_hash: str) -> str:
    return keys.mac(keys.CHAIN, event_payload(event, subjects, prev_hash))


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def head() -> Head:
    """The newest sealed event, or where retention left the chain, or the beginning."""
    newest = (
        AuditEvent.objects.filter(seq__isnull=False).order_by("-seq").values("seq", "hash").first()
    )
    if newest is not None:
        return Head(cast(int, newest["seq"]), newest["hash"])  # filtered on seq__isnull=False
    mark = AuditRetention.objects.order_by("-seq").values("seq", "hash").first()
    if mark is not None:
        return Head(mark["seq"], mark["hash"])
    return Head(0, GENESIS)


def lock() -> None:
    """Serialise sealers and the retention job (inside a transaction). On SQLite the
    transaction's write lock (BEGIN IMMEDIATE) already does it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def subjects_by_event(event_ids: Iterable[int]) -> dict[int, list[tuple[str, dt.datetime]]]:
    found: dict[int, list[tuple[str, dt.datetime]]] = {}
    rows = AuditSubject.objects.filter(event_id__in=event_ids).values_list("event_id", "key", "at")
    for event_id, key, at in rows:
        found.setdefault(event_id, []).append((key, at))
    return found
