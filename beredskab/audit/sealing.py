"""The sealer: chains the committed, unsealed events in order of their ids, a batch per
transaction, under the sealing lock. Recording an event never waits for it.

An event whose transaction commits late (it took its id before a newer event that committed
first) is simply sealed in a later run, after the newer one: the chain's order is the order of
sealing, and it has no gaps. Ids may have gaps (rolled-back transactions); the chain does not.
"""

from __future__ import annotations

from django.db import transaction

from . import chain
from .models import AuditEvent

BATCH = 2000


def seal_events(batch_size: int = BATCH) -> int:
    """Seal every event committed so far; returns how many were sealed."""
    total = 0
    while True:
        with transaction.atomic():
            chain.lock()
            head = chain.head()
            events = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:batch_size])
            if events:
                subjects = chain.subjects_by_event([event.id for event in events])
                seq, prev_hash = head.seq, head.hash
                for event in events:
                    seq += 1
                    event.seq, event.prev_hash = seq, prev_hash
                    keys = [key for key, _ in subjects.get(event.id, ())]
                    event.hash = chain.event_hash(event, keys, prev_hash)
                    prev_hash = event.hash
                # Only the sealing columns: the trigger (PostgreSQL) refuses any other change.
                AuditEvent.objects.bulk_update(events, ["seq", "prev_hash", "hash"], batch_size=500)
        total += len(events)
        if len(events) < batch_size:
            return total
