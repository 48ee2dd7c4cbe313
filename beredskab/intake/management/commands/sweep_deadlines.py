"""manage.py sweep_deadlines: warn about near and passed deadlines; retry waiting e-mail.

Safe to run every minute, and from two places at once."""

from django.core.management.base import BaseCommand

from beredskab.intake.sweep import sweep


class Command(BaseCommand):
    help = (
        "E-mail Modtagelsen and the leader about deadlines that are near or passed, and escalate "
        "acute alerts nobody acknowledged in time (once each)."
    )

    def handle(self, *args, **options):
        report = sweep()
        self.stdout.write(
            f"deadlines: {len(report.warned)} due soon, {len(report.overdue)} overdue, "
            f"{report.emails_queued} e-mails queued, {report.retried} e-mails retried, "
            f"{len(report.alerts_escalated)} acute alerts escalated"
        )
