"""manage.py create_system_account: an account for another system (not a person), with roles and no
password. It signs in to the API only, with tokens from `create_api_token` (docs/api.md)."""

from django.core.management.base import BaseCommand, CommandError

from beredskab.accounts import system_accounts
from beredskab.accounts.roles import ROLES


class Command(BaseCommand):
    help = "Create an account for another system (API tokens only, no password)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            dest="roles",
            action="append",
            required=True,
            metavar="ROLE",
            help=f"one of: {', '.join(ROLES)} (repeat for more roles)",
        )
        parser.add_argument(
            "--description", required=True, help='which system, e.g. "SBSYS integration"'
        )

    def handle(self, *args, username, roles, description, **options):
        try:
            user = system_accounts.create_system_account(
                username, roles=roles, description=description
            )
        except ValueError as error:
            raise CommandError(f"Not created: {error}.") from error
        self.stdout.write(
            f"Created system account {user.get_username()}, roles: {', '.join(sorted(roles))}. "
            f"Give it a token with: manage.py create_api_token {user.get_username()}"
        )
