"""manage.py remind_referrals: e-mail the responsible person when a partner has not answered a
referral. Safe to run every minute, and from two places at once (once per referral)."""

from django.core.management.base import BaseCommand

from beredskab.meetings.referrals import remind_referrals


class Command(BaseCommand):
    help = "E-mail the responsible person about referrals a partner has not answered (once each)."

    def handle(self, *args, **options):
        reminded = remind_referrals()
        self.stdout.write(f"referrals: {len(reminded)} reminders")
