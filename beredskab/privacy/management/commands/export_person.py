"""manage.py export_person --cpr NUMBER | --reference U-XXXX-XXXX --by USERNAME: a subject access
export (JSON) made by the named employee, who is recorded in the audit trail.

The CPR number is read from the command line only by the operator; it is never logged."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from beredskab.accounts.roles import roles_of
from beredskab.cpr import InvalidCPR
from beredskab.privacy.services import export_person


class Command(BaseCommand):
    help = (
        "Export what is held about a person (GDPR art. 15) as JSON to standard output: their data, "
        "the log of uses by unit, and what was left out and why."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--cpr")
        group.add_argument("--reference")
        parser.add_argument(
            "--by",
            required=True,
            help="user name of the employee who answers the request (recorded in the audit trail)",
        )
        parser.add_argument(
            "--exempt-notifier",
            action="store_true",
            help="leave out a professional notifier's identity too, after a weighing",
        )

    def handle(self, *args, cpr=None, reference=None, by, exempt_notifier, **options):
        employee = get_user_model().objects.filter(username=by, is_active=True).first()
        if employee is None or not roles_of(employee):
            raise CommandError(f"--by: no active employee with a staff role is named {by!r}")
        try:
            with translation.override("da"):
                data = export_person(
                    cpr_number=cpr or "",
                    reference=reference or "",
                    by=employee,
                    exempt_notifier=exempt_notifier,
                )
        except InvalidCPR as exc:
            raise CommandError(f"invalid CPR number: {exc}") from exc
        if not data["notifications"]:
            raise CommandError("nothing found")
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
