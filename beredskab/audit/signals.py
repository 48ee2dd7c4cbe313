"""Sign-ins, failed sign-ins and sign-outs go into the audit trail. (Role changes are audited, with
who made them, by `accounts.services.set_roles`, the one way roles change.)"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .services import record

User = get_user_model()


@receiver(user_logged_in)
def _logged_in(sender: object, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    record("auth.login", request=request, actor=user)


@receiver(user_logged_out)
def _logged_out(
    sender: object, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:
        record("auth.logout", request=request, actor=user)


@receiver(user_login_failed)
def _login_failed(
    sender: object,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Nothing typed is stored: people type passwords in the user name field, and the trail is
    # kept for years. When the name is an existing account's, the event names that account.
    typed = str(credentials.get("username", ""))
    account = User.objects.filter(**{User.USERNAME_FIELD: typed}).first() if typed else None
    record("auth.login_failed", request=request, obj=account)
