"""manage.py verify_audit: check that no audit event was changed, deleted or reordered, against
the chain's HMACs and the checkpoints kept outside the database."""

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beredskab.audit.sealing import seal_events
from beredskab.audit.verification import verify


class Command(BaseCommand):
    help = "Verify the audit trail; exits non-zero when it was tampered with."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-seal",
            action="store_true",
            help="verify what is sealed without sealing new events first",
        )
        parser.add_argument(
            "--checkpoints",
            action="append",
            default=[],
            metavar="FILE",
            help="also check the checkpoints in FILE (e.g. the syslog server's log); repeatable",
        )

    def handle(
        self, *args: Any, no_seal: bool = False, checkpoints: Sequence[str] = (), **options: Any
    ) -> None:
        if not no_seal:
            seal_events()
        report = verify(checkpoint_files=checkpoints)
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"the audit trail has been tampered with ({len(report.problems)} problem(s))"
            )
        plural = "" if report.checkpoints == 1 else "s"
        self.stdout.write(
            self.style.SUCCESS(
                f"audit trail intact: {report.events} events, sealed through "
                f"#{report.sealed_through}, {report.checkpoints} checkpoint{plural} checked"
            )
        )
        if not report.checkpoints:
            self.stdout.write(
                "no checkpoints to compare with: a wiped or truncated trail cannot be told from "
                "a new one (set BEREDSKAB_AUDIT_CHECKPOINT_DIR or BEREDSKAB_AUDIT_SYSLOG)"
            )
        if report.unsealed:
            plural = "" if report.unsealed == 1 else "s"
            self.stdout.write(f"{report.unsealed} event{plural} not sealed yet")
