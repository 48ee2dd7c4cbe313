"""manage.py apply_audit_retention: delete audit events older than the plan's
`retention.audit_log_years`, recording the deletion in the checkpoints first. Run it daily, as
a role that may delete audit rows (docs/operations.md, "Audit trail")."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from beredskab.audit import checkpoints
from beredskab.audit.retention import expire_events, retention_years


class Command(BaseCommand):
    help = "Delete audit events older than the plan's retention period for the audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only say what would go")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        years = retention_years()
        if years is None:
            self.stdout.write("the plan sets no retention.audit_log_years: nothing deleted")
            return
        try:
            result = expire_events(years, dry_run=dry_run)
        except checkpoints.CheckpointError as error:
            raise CommandError(f"{error}; nothing was deleted") from error
        except DatabaseError as error:
            raise CommandError(
                f"could not delete audit events ({error.__class__.__name__}): run this command "
                "as the role that may delete them (docs/operations.md, 'Audit trail')"
            ) from error
        before = f"older than {result.cutoff:%Y-%m-%d} ({years} years)"
        if dry_run:
            self.stdout.write(f"would delete {result.deleted} audit events {before}")
        elif result.deleted:
            self.stdout.write(
                f"deleted {result.deleted} audit events {before}, through #{result.through_seq}; "
                "recorded in " + (", ".join(result.written_to or ()) or "the database only")
            )
        else:
            self.stdout.write(f"no audit events {before}")
