"""manage.py generate_scale_data N: fictional notifications at national scale, for benchmarks.

Writes N notifications with their cases, deadline events, risk assessments, journal, hand-overs,
initiatives, receipts and a valid audit trail (`manage.py verify_audit` stays clean), spread over
--years years, in one transaction. Needs a published plan (manage.py load_plan plans/allerod.yaml).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.generator import generate
from beredskab.plans.selectors import NoPublishedPlan


class Command(BaseCommand):
    help = "Write N fictional notifications and all that follows from them, in bulk (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("n", type=int, help="how many notifications")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
        parser.add_argument("--years", type=int, default=10, help="spread over this many years")
        parser.add_argument(
            "--chunk-size", type=int, default=20000, help="notifications per bulk write"
        )
        parser.add_argument(
            "--check-constraints",
            action="store_true",
            help="let PostgreSQL check every foreign key (slower; skipped by default)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also with DJANGO_DEBUG off (the data is fictional: never in production)",
        )

    def handle(self, *args, n, seed, years, chunk_size, check_constraints, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Scale data is fictional and meant for benchmark databases; DJANGO_DEBUG is off, "
                "so add --force if this really is one."
            )
        if n < 0 or years < 1 or chunk_size < 1:
            raise CommandError("N must be 0 or more, --years and --chunk-size at least 1.")
        verbosity = options["verbosity"]
        try:
            report = generate(
                n,
                seed=seed,
                years=years,
                chunk_size=chunk_size,
                check_constraints=check_constraints,
                progress=(lambda line: self.stdout.write(line)) if verbosity > 1 else None,
            )
        except NoPublishedPlan as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(report.counts.values())
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{n} notifications ({report.open_in_intake} open in intake), {rows} rows "
                    f"in {report.seconds:.1f} s"
                )
            )
            for name, count in report.counts.items():
                self.stdout.write(f"  {name:<15} {count:>12,}")
