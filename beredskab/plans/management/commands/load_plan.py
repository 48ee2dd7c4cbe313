"""manage.py load_plan FILE: create or update a plan version from a YAML file.

The command speaks English, like the rest of the command line; the upload page says the same
problems in Danish.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from beredskab.plans.services import PlanFileError, load_plan_file, parse_plan


class Command(BaseCommand):
    help = "Validate a plan file (plans/<municipality>.yaml) and create or update its version."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--draft", action="store_true", help="Load without publishing the version."
        )
        parser.add_argument(
            "--check", action="store_true", help="Only validate the file; change nothing."
        )

    def handle(self, *args, file, draft, check, **options):
        with translation.override("en"):
            self._load(file, draft=draft, check=check)

    def _load(self, file, *, draft, check):
        try:
            if check:
                with open(file, encoding="utf-8") as handle:
                    document = parse_plan(handle.read(), file)
                self.stdout.write(
                    self.style.SUCCESS(f"{file}: valid plan for {document.municipality.name['da']}")
                )
                return
            result = load_plan_file(file, publish=not draft)
        except OSError as exc:
            raise CommandError(f"{file}: cannot be read ({exc.strerror})") from exc
        except PlanFileError as exc:
            raise CommandError(f"the plan was not loaded:\n{exc}") from exc

        version = result.version
        if result.created:
            what = "created"
        elif result.changed:
            what = "updated"
        else:
            what = "unchanged"
        state = "published" if version.is_published else "draft"
        self.stdout.write(
            self.style.SUCCESS(f"{version.plan} version {version.version}: {what} ({state})")
        )
