"""manage.py remind_plan_revision: e-mail plan administrators and leaders when the published plan's
revision date is within six months, and again within three months.

Safe to run daily or every minute, and from two places at once: each reminder is sent once."""

from django.core.management.base import BaseCommand

from beredskab.governance.services import remind_revision


class Command(BaseCommand):
    help = "Remind plan administrators and leaders that the revision date is near (once each)."

    def handle(self, *args, **options):
        report = remind_revision()
        if report.version is None:
            self.stdout.write("plan revision: no published plan")
            return
        reminded = ", ".join(report.reminded) or "none due"
        self.stdout.write(
            f"plan revision: version {report.version}, revise by {report.next_revision}; "
            f"reminders sent: {reminded}; {report.emails_queued} e-mails queued"
        )
