"""manage.py checkpoint_audit: seal, then write the chain's head, signed, outside the database
(BEREDSKAB_AUDIT_CHECKPOINT_DIR and/or BEREDSKAB_AUDIT_SYSLOG). Run it at least hourly."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from beredskab.audit import checkpoints
from beredskab.audit.sealing import seal_events


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit chain's head outside the database."

    def handle(self, *args: Any, **options: Any) -> None:
        seal_events()
        if not checkpoints.destinations():
            self.stdout.write(
                "no checkpoint destination: set BEREDSKAB_AUDIT_CHECKPOINT_DIR or "
                "BEREDSKAB_AUDIT_SYSLOG (docs/operations.md)"
            )
            return
        checkpoint = checkpoints.head_checkpoint()
        try:
            written = checkpoints.write(checkpoint)
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"checkpoint #{checkpoint.seq} ({checkpoint.count} events) written to "
            + ", ".join(written)
        )
