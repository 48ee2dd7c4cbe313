"""manage.py export_person --cpr NUMBER | --reference U-XXXX-XXXX: a subject access export (JSON).

The CPR number is read from the command line only by the operator; it is never logged."""

import json

from django.core.management.base import BaseCommand, CommandError

from beredskab.intake.cpr import InvalidCPR
from beredskab.privacy.services import export_person


class Command(BaseCommand):
    help = "Export everything held about a person (GDPR art. 15) as JSON to standard output."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--cpr")
        group.add_argument("--reference")

    def handle(self, *args, cpr=None, reference=None, **options):
        try:
            data = export_person(cpr_number=cpr or "", reference=reference or "")
        except InvalidCPR as exc:
            raise CommandError(f"invalid CPR number: {exc}") from exc
        if not data["notifications"]:
            raise CommandError("nothing found")
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
