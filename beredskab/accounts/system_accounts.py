"""Other systems' accounts and their API tokens (services).

A system account (a case system, the police liaison's tool) is made as such and never belongs to a
person: it has no password and no second factor, so it cannot use the staff pages, and only it may
hold API tokens. A person's account gets no token: a token would let them past the second factor.

A token is shown once, when it is made; only its SHA-256 hash is kept. Every token expires
(BEREDSKAB_API_TOKEN_DAYS, at most MAX_TOKEN_DAYS) and can be revoked; its last use is kept.
"""

import secrets
from datetime import timedelta
from typing import cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredskab.audit.services import record
from beredskab.db import Reader

from .models import ApiToken, SystemAccount
from .roles import ROLES, remember_roles
from .services import COMMAND_LINE, set_roles

TOKEN_PREFIX = "bk_"  # noqa: S105 - how every token begins, not a secret
MAX_TOKEN_DAYS = 366
# How often a token's last use is written down (and its use audited): not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenRefused(Exception):
    """The token does not open the API; `message` says why, for the caller (no personal data)."""

    def __init__(self, reason: str, message):
        super().__init__(reason)
        self.reason, self.message = reason, message


REFUSALS = {
    "unknown": _("Ukendt token."),
    "revoked": _("Tokenet er tilbagekaldt. Bed systemadministratoren om et nyt."),
    "expired": _("Tokenet er udløbet. Bed systemadministratoren om et nyt."),
    "not_a_system_account": _("Tokenet tilhører ikke en systemkonto og kan ikke bruges."),
    "inactive": _("Systemkontoen er lukket."),
}


def is_system_account(user) -> bool:
    try:
        user.system_account  # noqa: B018 - the question is whether it exists
    except ObjectDoesNotExist:
        return False
    return not user.is_superuser


@transaction.atomic
def create_system_account(username: str, *, roles, description: str, by=COMMAND_LINE):
    """A new account for another system, with `roles` and no password."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    SystemAccount.objects.create(user=user, description=description)
    record("account.system_account_created", actor=by, obj=user, detail={"roles": sorted(roles)})
    set_roles(user, roles, by=by)
    return user


@transaction.atomic
def issue_token(user, *, days: int | None = None, by=COMMAND_LINE, request=None):
    """A new token for the system account `user`: returns (the ApiToken, the token itself, which
    is never stored and cannot be shown again)."""
    days = settings.BEREDSKAB_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"a token lasts from 1 to {MAX_TOKEN_DAYS} days, not {days}")
    if not is_system_account(user):
        raise ValueError(
            f"{user.get_username()!r} is not a system account: a person's account gets no API "
            "token (people sign in with two factors); see manage.py create_system_account"
        )
    if not user.is_active:
        raise ValueError(f"{user.get_username()!r} is closed (inactive)")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        prefix=secret[: len(TOKEN_PREFIX) + 8],
        key_hash=ApiToken.hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    record("api_token.created", request=request, actor=by, obj=token, detail={"days": days})
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, by, request=None) -> bool:
    """Revoke `token` at once (it stays listed). Returns False if it already was."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.revoked_by = by.get_username()
    token.save(update_fields=["revoked_at", "revoked_by"])
    record("api_token.revoked", request=request, actor=by, obj=token)
    return True


_token_statement: tuple[str, Reader, Reader, Reader] | None = None


def _token_with_account(key_hash: str) -> ApiToken | None:
    """The token with `key_hash`, its account, the account's system account if it is one, and
    its roles, in one statement whose text is built once per process (compiling the same query
    for every API request cost more processor time than running it)."""
    global _token_statement
    if _token_statement is None:
        user_model = get_user_model()
        tokens, users, accounts = (
            Reader(ApiToken, "t"),
            Reader(user_model, "u"),
            Reader(SystemAccount, "s"),
        )
        groups = user_model._meta.get_field("groups").remote_field
        memberships = groups.through._meta  # type: ignore[union-attr]
        q = connection.ops.quote_name
        _token_statement = (
            f"SELECT {', '.join([*tokens.select, *users.select, *accounts.select])}, g.{q('name')} "  # noqa: S608 - names from the models
            f"FROM {q(ApiToken._meta.db_table)} t "
            f"JOIN {q(user_model._meta.db_table)} u ON u.{q('id')} = t.{q('user_id')} "
            f"LEFT JOIN {q(SystemAccount._meta.db_table)} s ON s.{q('user_id')} = u.{q('id')} "
            f"LEFT JOIN {q(memberships.db_table)} ug ON ug.{q('user_id')} = u.{q('id')} "
            f"LEFT JOIN {q(Group._meta.db_table)} g ON g.{q('id')} = ug.{q('group_id')} "
            f"AND g.{q('name')} IN ({', '.join(['%s'] * len(ROLES))}) "
            f"WHERE t.{q('key_hash')} = %s",
            tokens,
            users,
            accounts,
        )
    sql, token_reader, user_reader, account_reader = _token_statement
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ROLES, key_hash])
        rows = cursor.fetchall()
    if not rows:
        return None
    first = rows[0]
    user_starts = len(token_reader)
    account_starts = user_starts + len(user_reader)
    token = cast(ApiToken, token_reader(first[:user_starts]))
    user = user_reader(first[user_starts:account_starts])
    account_values = first[account_starts:-1]
    # As select_related leaves them: the token's account, and its system account or None.
    user._state.fields_cache["system_account"] = (
        account_reader(account_values) if account_values[0] is not None else None
    )
    token._state.fields_cache["user"] = user
    remember_roles(user, [row[-1] for row in rows if row[-1]])
    return token


def use_token(secret: str, *, request=None) -> ApiToken:
    """The token for `secret`, if it opens the API now; else TokenRefused. A known token that is
    refused is audited with the reason; a use is audited (and its time kept) at most once a
    minute per token, beside the audit of each read and change made with it."""
    token = _token_with_account(ApiToken.hash(secret))
    if token is None:
        raise TokenRefused("unknown", REFUSALS["unknown"])
    now = timezone.now()
    if token.revoked_at is not None:
        reason = "revoked"
    elif now >= token.expires_at:
        reason = "expired"
    elif not is_system_account(token.user):
        reason = "not_a_system_account"
    elif not token.user.is_active:
        reason = "inactive"
    else:
        reason = None
    if reason is not None:
        record("api_token.refused", request=request, actor=None, obj=token, detail={"why": reason})
        raise TokenRefused(reason, REFUSALS[reason])
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            record("api_token.used", request=request, actor=token.user, obj=token)
        token.last_used_at = now
    return token
