"""manage.py remind_press_deadlines: e-mail the press team about journalists' deadlines that are
near or passed. Safe to run every minute, and from two places at once."""

from django.core.management.base import BaseCommand

from beredskab.press.services import remind_press_deadlines


class Command(BaseCommand):
    help = "E-mail the spokesperson about press deadlines that are near or passed (once each)."

    def handle(self, *args, **options):
        report = remind_press_deadlines()
        self.stdout.write(
            f"press: {len(report.before)} due soon, {len(report.overdue)} overdue, "
            f"{report.emails_queued} e-mails queued"
        )
