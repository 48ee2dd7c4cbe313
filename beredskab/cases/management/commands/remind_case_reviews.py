"""manage.py remind_case_reviews: e-mail whoever has a case when its review date comes. Safe to
run every minute, and from two places at once (once per case and date)."""

from django.core.management.base import BaseCommand

from beredskab.cases.reviews import remind_case_reviews


class Command(BaseCommand):
    help = "E-mail the coordinator or the assigned staff when a case's review date comes."

    def handle(self, *args, **options):
        reminded = remind_case_reviews()
        self.stdout.write(f"cases: {len(reminded)} review reminders")
