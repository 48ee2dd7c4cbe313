"""Deleting audit events older than the plan's `retention.audit_log_years`.

The deletion is itself recorded where verify_audit finds it: first a signed "retention"
checkpoint outside the database ("events up to #N deleted, the hash at #N was H"), then a signed
mark in the database, then the rows go. The chain goes on from #N, so any other deletion still
shows. On PostgreSQL the rows can only go through here: the trigger refuses other deletions, and
the application's role has no DELETE at all (docs/operations.md, "Audit trail").

The plan app tells this module where the period comes from (`use_retention_period` in its
AppConfig.ready()): the audit trail does not read the plan itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import chain, checkpoints
from .models import AuditEvent, AuditRetention, AuditSubject
from .sealing import seal_events
from .services import record
from .verification import retention_signature

_period_source: Callable[[], int | None] | None = None


def use_retention_period(source: Callable[[], int | None]) -> None:
    """`source()` gives the retention period in years, or None when none is set."""
    global _period_source
    _period_source = source


def retention_years() -> int | None:
    return _period_source() if _period_source is not None else None


def years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


@dataclass
class RetentionResult:
    cutoff: dt.datetime
    through_seq: int = 0
    deleted: int = 0
    written_to: list[str] | None = None


def expire_events(
    years: int, *, now: dt.datetime | None = None, dry_run: bool = False
) -> RetentionResult:
    """Delete the sealed events older than `years` (from the oldest, without gaps)."""
    cutoff = years_before(now or timezone.now(), years)
    result = RetentionResult(cutoff=cutoff)
    seal_events()
    with transaction.atomic():
        chain.lock()
        head = chain.head()
        base = AuditRetention.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        first_kept = (
            AuditEvent.objects.filter(seq__isnull=False, at__gte=cutoff)
            .order_by("seq")
            .values_list("seq", flat=True)
            .first()
        )
        through = first_kept - 1 if first_kept is not None else head.seq
        if through <= base:
            return result
        sealed = AuditEvent.objects.filter(seq__isnull=False, seq__lte=through)
        result.through_seq, result.deleted = through, sealed.count()
        if dry_run:
            return result
        hash_at = AuditEvent.objects.get(seq=through).hash
        # Outside the database first: if that fails, nothing is deleted.
        result.written_to = checkpoints.write(
            checkpoints.retention_checkpoint(through, hash_at, result.deleted)
        )
        at = timezone.now()
        AuditRetention.objects.create(
            seq=through,
            hash=hash_at,
            deleted=result.deleted,
            at=at,
            signature=retention_signature(through, hash_at, result.deleted, at),
        )
        _delete_through(through)
        record("audit.retention", detail={"through_seq": through, "deleted": result.deleted})
    return result


def _delete_through(seq: int) -> None:
    """Plain DELETE statements (a million rows are not collected in Python), under the
    retention switch that the PostgreSQL trigger asks for."""
    quote = connection.ops.quote_name
    events, subjects = quote(AuditEvent._meta.db_table), quote(AuditSubject._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL beredskab.audit_retention = 'on'")
        cursor.execute(
            f"DELETE FROM {subjects} WHERE event_id IN "  # noqa: S608 - our own table names
            f"(SELECT id FROM {events} WHERE seq <= %s)",
            [seq],
        )
        cursor.execute(f"DELETE FROM {events} WHERE seq <= %s", [seq])  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL beredskab.audit_retention = 'off'")
