"""manage.py seal_audit: chain the audit events recorded since the last run (every minute), and
write a checkpoint outside the database when anything was sealed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beredskab.audit import checkpoints
from beredskab.audit.sealing import seal_events


class Command(BaseCommand):
    help = "Seal new audit events into the chain; safe to run concurrently and often."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-checkpoint", action="store_true", help="do not write a checkpoint afterwards"
        )

    def handle(self, *args: Any, no_checkpoint: bool = False, **options: Any) -> None:
        sealed = seal_events()
        self.stdout.write(f"sealed {sealed} events")
        if sealed and not no_checkpoint and checkpoints.destinations():
            try:
                checkpoints.write(checkpoints.head_checkpoint())
            except checkpoints.CheckpointError as error:
                raise CommandError(str(error)) from error
