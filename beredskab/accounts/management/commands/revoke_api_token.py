"""manage.py revoke_api_token: revoke API tokens at once, by the beginning the admin lists
(`bk_AbCd1234`) or all of a system account's tokens (--user)."""

from django.core.management.base import BaseCommand, CommandError

from beredskab.accounts import system_accounts
from beredskab.accounts.models import ApiToken
from beredskab.accounts.services import COMMAND_LINE


class Command(BaseCommand):
    help = "Revoke an API token (by its beginning, as listed) or all of an account's tokens."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("prefix", nargs="?", help="the token's beginning, e.g. bk_AbCd1234")
        which.add_argument("--user", help="revoke every token of this system account")

    def handle(self, *args, prefix, user, **options):
        tokens = ApiToken.objects.filter(revoked_at=None).select_related("user")
        if user:
            tokens = tokens.filter(user__username=user)
        else:
            tokens = tokens.filter(prefix=prefix)
            if len(tokens) > 1:
                raise CommandError(f"More than one token begins with {prefix!r}: use --user.")
        if not tokens:
            raise CommandError("No such token that is not already revoked.")
        for token in tokens:
            system_accounts.revoke_token(token, by=COMMAND_LINE)
            self.stdout.write(f"Revoked {token.prefix}… ({token.user.get_username()})")
