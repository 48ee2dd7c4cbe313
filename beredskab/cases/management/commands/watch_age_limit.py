"""manage.py watch_age_limit: record, once each, the open child cases whose person has reached
the plan's age for the adult track, and prompt their people to move them. Run daily (or every
minute with the sweep: it is safe to run often and from two places at once)."""

from django.core.management.base import BaseCommand

from beredskab.cases.life_course import watch_age_limit


class Command(BaseCommand):
    help = "Prompt to move child cases whose person has reached the plan's adult age (once each)."

    def handle(self, *args, **options):
        recorded = watch_age_limit()
        self.stdout.write(f"age limit: {len(recorded)} cases reached the adult age")
