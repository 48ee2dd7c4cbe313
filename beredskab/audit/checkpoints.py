"""Signed checkpoints of the chain, written outside the database: appended to a file in
BEREDSKAB_AUDIT_CHECKPOINT_DIR (make it append-only, ideally on another machine) and/or sent to
the syslog server at BEREDSKAB_AUDIT_SYSLOG (host:port, UDP).

A "head" checkpoint holds the newest sealed event's position and hash and how many sealed events
there were; a "retention" checkpoint says the retention job deleted the events up to `seq`, whose
hash was `hash`. Each line is `beredskab-audit-checkpoint {json}`, signed with the audit key, so
`verify_audit --checkpoints FILE` can read them back from any log the syslog server keeps.
A checkpoint holds no personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import chain, keys
from .models import AuditEvent

MARKER = "beredskab-audit-checkpoint"
HEAD = "head"
RETENTION = "retention"
# Facility local0, severity notice (RFC 5424).
SYSLOG_PRIORITY = 16 * 8 + 5


class CheckpointError(Exception):
    pass


@dataclass(frozen=True)
class Checkpoint:
    kind: str
    seq: int
    hash: str
    count: int
    at: str  # ISO 8601, UTC

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)

    def signature(self) -> str:
        return keys.mac(keys.CHECKPOINT, _canonical(asdict(self)))

    def line(self) -> str:
        body = {**asdict(self), "sig": self.signature()}
        return f"{MARKER} {json.dumps(body, sort_keys=True, separators=(',', ':'))}"


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def destinations() -> list[str]:
    found: list[str] = []
    if settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR:
        found.append(str(settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR))
    if settings.BEREDSKAB_AUDIT_SYSLOG:
        found.append(f"syslog {settings.BEREDSKAB_AUDIT_SYSLOG}")
    return found


def head_checkpoint() -> Checkpoint:
    """The chain's head now (read under the sealing lock, so head and count agree)."""
    with transaction.atomic():
        chain.lock()
        head = chain.head()
        count = AuditEvent.objects.filter(seq__isnull=False).count()
        at = _now()  # inside the lock: before any retention that follows
    return Checkpoint(HEAD, head.seq, head.hash, count, at)


def retention_checkpoint(seq: int, hash_: str, deleted: int) -> Checkpoint:
    return Checkpoint(RETENTION, seq, hash_, deleted, _now())


def _now() -> str:
    return timezone.now().astimezone(dt.UTC).isoformat()


def write(checkpoint: Checkpoint) -> list[str]:
    """Append the checkpoint to every configured destination; returns where it went. Raises
    CheckpointError when a destination fails (the timer's job then fails visibly)."""
    line = checkpoint.line()
    written = []
    folder = settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR
    if folder:
        path = Path(folder) / f"audit-checkpoints-{checkpoint.when:%Y-%m}.log"
        try:
            # O_APPEND: the file may be append-only (chattr +a); nothing is ever rewritten.
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, (line + "\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise CheckpointError(f"cannot write the checkpoint to {path}: {error}") from error
        written.append(str(path))
    if settings.BEREDSKAB_AUDIT_SYSLOG:
        address = settings.BEREDSKAB_AUDIT_SYSLOG
        try:
            _send_syslog(address, line, checkpoint.at)
        except (OSError, ValueError) as error:
            message = f"cannot send the checkpoint to syslog {address}: {error}"
            raise CheckpointError(message) from error
        written.append(f"syslog {address}")
    return written


def _send_syslog(address: str, line: str, at: str) -> None:
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        raise ValueError("BEREDSKAB_AUDIT_SYSLOG must be host:port")
    hostname = socket.gethostname().split(".")[0] or "-"
    message = f"<{SYSLOG_PRIORITY}>1 {at} {hostname} beredskab - audit - {line}".encode()
    family, kind, proto, _, target = socket.getaddrinfo(host, int(port), type=socket.SOCK_DGRAM)[0]
    with socket.socket(family, kind, proto) as sock:
        sock.sendto(message, target)


def read(extra_files: Iterable[str] = ()) -> tuple[list[Checkpoint], list[str]]:
    """Every checkpoint in the checkpoint folder and in `extra_files` (e.g. what the syslog
    server kept), with the problems found: unreadable files, lines with a bad signature."""
    files = []
    folder = settings.BEREDSKAB_AUDIT_CHECKPOINT_DIR
    if folder and Path(folder).is_dir():
        files += sorted(Path(folder).glob("audit-checkpoints-*.log"))
    files += [Path(name) for name in extra_files]
    found: dict[Checkpoint, None] = {}
    problems = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            problems.append(f"cannot read checkpoints from {path}: {error}")
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if MARKER not in line:
                continue
            checkpoint = _parse(line.split(MARKER, 1)[1])
            if checkpoint is None:
                problems.append(f"checkpoint {path}:{number} has a bad signature (forged?)")
            else:
                found[checkpoint] = None
    return list(found), problems


def _parse(text: str) -> Checkpoint | None:
    try:
        body = json.loads(text)
        signature = body.pop("sig")
        checkpoint = Checkpoint(**body)
        checkpoint.when  # noqa: B018 - a valid time
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(signature, str) or not keys.same(signature, checkpoint.signature()):
        return None
    return checkpoint
