"""Checking the trail: every sealed event's HMAC and link to the previous one, no gaps in the
chain except where the retention job deleted (and said so in a signed mark and checkpoint),
and agreement with every checkpoint kept outside the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from . import chain, checkpoints, keys
from .checkpoints import Checkpoint
from .models import AuditEvent, AuditRetention


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    events: int = 0
    sealed_through: int = 0
    checkpoints: int = 0
    unsealed: int = 0


def retention_signature(seq: int, hash_: str, deleted: int, at: dt.datetime) -> str:
    when = at.astimezone(dt.UTC).isoformat()
    return keys.mac(keys.CHECKPOINT, f"retention|{seq}|{hash_}|{deleted}|{when}".encode())


def _gap(first: int, last: int) -> str:
    if first == last:
        return f"event #{first} is missing"
    return f"events #{first}–#{last} are missing"


def _when(checkpoint: Checkpoint) -> str:
    return f"{checkpoint.when:%Y-%m-%d %H:%M} UTC"


def verify(*, checkpoint_files: Iterable[str] = (), batch_size: int = 5000) -> Report:
    report = Report()
    found, report.problems = checkpoints.read(checkpoint_files)
    report.checkpoints = len(found)
    heads = [c for c in found if c.kind == checkpoints.HEAD]
    retained = {c.seq: c.hash for c in found if c.kind == checkpoints.RETENTION}

    # Where the chain may begin: at the start, or after what a retention run deleted. A mark in
    # the database must also be in the checkpoints if they were kept then (or it was made up).
    starts = {0: chain.GENESIS, **retained}
    # When retention deleted (the marks are written in the deletion's transaction; a retention
    # checkpoint alone may stand for a deletion that then failed).
    retention_times = []
    for mark in AuditRetention.objects.order_by("seq"):
        expected = retention_signature(mark.seq, mark.hash, mark.deleted, mark.at)
        if not keys.same(mark.signature, expected):
            report.problems.append(f"the retention mark at #{mark.seq} was forged or altered")
        elif retained.get(mark.seq) != mark.hash and any(c.when <= mark.at for c in found):
            report.problems.append(f"the retention mark at #{mark.seq} is not in the checkpoints")
        else:
            starts.setdefault(mark.seq, mark.hash)
            retention_times.append((mark.at, mark.seq))

    # A head checkpoint's count is its position less what retention had deleted by then.
    for checkpoint in heads:
        earlier = [seq for at, seq in retention_times if at < checkpoint.when]
        allowed = {max(earlier, default=0)}
        allowed |= {seq for at, seq in retention_times if at == checkpoint.when}
        if checkpoint.seq - checkpoint.count not in allowed:
            report.problems.append(
                f"the checkpoint of {_when(checkpoint)} counted {checkpoint.count} events up to "
                f"#{checkpoint.seq}, which no retention accounts for"
            )

    expected_hashes: dict[int, list[Checkpoint]] = {}
    for checkpoint in heads:
        expected_hashes.setdefault(checkpoint.seq, []).append(checkpoint)

    prev_seq, prev_hash = None, None
    events = AuditEvent.objects.filter(seq__isnull=False).order_by("seq")
    after = 0
    while True:
        batch = list(events.filter(seq__gt=after)[:batch_size])
        if not batch:
            break
        subjects = chain.subjects_by_event([event.id for event in batch])
        for event in batch:
            assert event.seq is not None  # the query reads sealed events only
            linked: bool | None = True
            if prev_seq is None:
                base = event.seq - 1
                if base in starts:
                    linked = event.prev_hash == starts[base]
                else:
                    start = max(s for s in starts if s < event.seq)
                    report.problems.append(_gap(start + 1, event.seq - 1))
                    linked = None  # nothing to compare the first event's link with
            elif event.seq != prev_seq + 1:
                report.problems.append(_gap(prev_seq + 1, event.seq - 1))
                linked = None
            else:
                linked = event.prev_hash == prev_hash
            if linked is False:
                report.problems.append(f"event #{event.seq} does not follow the previous event")
            own = subjects.get(event.id, [])
            if not keys.same(
                chain.event_hash(event, [key for key, _ in own], event.prev_hash), event.hash
            ) or any(at != event.at for _, at in own):
                report.problems.append(f"event #{event.seq} was changed after it was sealed")
            for checkpoint in expected_hashes.get(event.seq, ()):
                if not keys.same(checkpoint.hash, event.hash):
                    report.problems.append(
                        f"event #{event.seq} differs from the checkpoint of {_when(checkpoint)}: "
                        "the chain was rewritten"
                    )
            prev_seq, prev_hash = event.seq, event.hash
            report.events += 1
        after = cast(int, batch[-1].seq)

    report.sealed_through = prev_seq or max(starts)
    newest = max(heads, key=lambda c: c.seq, default=None)
    if newest is not None and newest.seq > report.sealed_through:
        if prev_seq is None:
            report.problems.append(
                f"all events were deleted (the checkpoint of {_when(newest)} saw #{newest.seq})"
            )
        else:
            report.problems.append(
                f"the newest events after #{prev_seq} were deleted "
                f"(the checkpoint of {_when(newest)} saw #{newest.seq})"
            )
    report.unsealed = AuditEvent.objects.filter(seq__isnull=True).count()
    return report
