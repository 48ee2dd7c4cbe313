"""manage.py create_api_token: a new API token for a system account, printed once (only its hash is
kept). It expires after --days (default BEREDSKAB_API_TOKEN_DAYS, 90)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beredskab.accounts import system_accounts


class Command(BaseCommand):
    help = "Create an API token for a system account; prints it once."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the system account (create_system_account)")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"how long it lasts (1 to {system_accounts.MAX_TOKEN_DAYS}; default from "
            "BEREDSKAB_API_TOKEN_DAYS)",
        )

    def handle(self, *args, username, days, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        try:
            token, secret = system_accounts.issue_token(user, days=days)
        except ValueError as error:
            raise CommandError(f"No token made: {error}.") from error
        expires = timezone.localtime(token.expires_at)
        self.stdout.write(f"Token for {username}, valid until {expires:%Y-%m-%d %H:%M}:")
        self.stdout.write(secret)
        self.stdout.write(
            "Shown only now: give it to the system's operators the way you hand over other "
            f"secrets. It is listed in the admin as {token.prefix}…"
        )
