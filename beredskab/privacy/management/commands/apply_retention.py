"""manage.py apply_retention: anonymise closed cases older than the plan's retention period, and
the Indsatsgruppe meetings that then concern only anonymised cases.

Run it daily from cron or a systemd timer; it reports what it did. What each field becomes is
listed in beredskab/privacy/registry.py."""

from django.core.management.base import BaseCommand

from beredskab.plans.selectors import current_plan
from beredskab.privacy.services import apply_retention


class Command(BaseCommand):
    help = "Anonymise closed cases older than the plan's retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the cases due, change nothing."
        )

    def handle(self, *args, dry_run, **options):
        years = current_plan().retention.closed_case_years
        report = apply_retention(years, dry_run=dry_run)
        verb = "would anonymise" if dry_run else "anonymised"
        self.stdout.write(
            f"retention: closed cases before {report.cutoff:%Y-%m-%d} ({years} years): "
            f"{verb} {len(report.anonymised)}"
        )
        for reference in report.anonymised:
            self.stdout.write(f"  {reference}")
        if dry_run:
            return
        self.stdout.write(
            f"retention: meetings that concern only anonymised cases: "
            f"anonymised {len(report.meetings)}"
        )
        if report.leftovers:
            self.stdout.write(f"retention: rows an earlier run had left: {report.leftovers}")
