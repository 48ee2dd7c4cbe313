"""manage.py create_staff_user: a new staff user with roles and a random password, printed once.

The user sets up their authenticator app (two-factor) the first time they sign in.
"""

from django.core.management.base import BaseCommand, CommandError

from beredskab.accounts import services
from beredskab.accounts.roles import ROLES


class Command(BaseCommand):
    help = "Create a staff user with roles; prints a random password once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--role",
            dest="roles",
            action="append",
            required=True,
            metavar="ROLE",
            help=f"one of: {', '.join(ROLES)} (repeat for more roles)",
        )
        parser.add_argument("--name", default="", help='full name, e.g. "Anne Hansen"')

    def handle(self, *args, username, email, roles, name, **options):
        try:
            user, password = services.create_staff_user(
                username, email=email, roles=roles, full_name=name
            )
        except ValueError as error:
            raise CommandError(f"Not created: {error}.") from error
        self.stdout.write(f"Created staff user {user.get_username()}, roles: {', '.join(roles)}")
        self.stdout.write(f"Password (shown only now, give it to the user safely): {password}")
        self.stdout.write(
            "At their first sign-in they set up an authenticator app (two-factor) on their phone."
        )
