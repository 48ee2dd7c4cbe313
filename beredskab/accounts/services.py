"""Signing staff in with two factors, setting up an authenticator app, creating staff users,
changing roles (`set_roles`, the one way they change), and linking sign-ins with the
municipality's login (single sign-on) to accounts here.

The second factor is django-otp's: a device that accepted a code is put in the session with
`django_otp.login`, and OTPMiddleware then makes `request.user.is_verified()` true.
"""

import re
import secrets
from base64 import b32decode, b32encode
from dataclasses import dataclass
from typing import ClassVar

import django_otp
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from beredskab.audit.services import record

from .models import ExternalIdentity, IdentityProviderDevice, SystemAccount, UsedBackupCode
from .roles import ROLES, SYSADMIN
from .selectors import authenticator_devices, backup_code_devices

# Wrong codes in a row before the sign-in ends and must start again with the password.
MAX_WRONG_CODES = 5
WRONG_CODES_SESSION_KEY = "accounts_wrong_codes"

AUTHENTICATOR_NAME = "Godkendelses-app"
IDENTITY_PROVIDER_DEVICE_NAME = "Kommunens login"

# The demo accounts' second factor (development only): every demo user shares it, so a developer
# adds it to an authenticator app once. 32 base32 characters = a 20-byte key.
DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"  # noqa: S105 - published on purpose
DEMO_BACKUP_CODES = ("11111111", "22222222", "33333333", "44444444", "55555555")


@dataclass(frozen=True)
class SystemActor:
    """Who made a change when no staff member did, as the audit trail names it: the municipality's
    login (single sign-on) or an administrator's command on the server."""

    name: str
    pk: ClassVar[None] = None

    def get_username(self) -> str:
        return self.name


SINGLE_SIGN_ON = SystemActor("single sign-on")
COMMAND_LINE = SystemActor("manage.py")

# Accounts made by single sign-on are named like this, so no local account name can be taken.
SINGLE_SIGN_ON_USERNAME_PREFIX = "sso-"


class SingleSignOnRefused(Exception):
    """The provider vouched for someone, but we will not let them in (the reason holds no
    personal data: it goes to the log)."""


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of checking a code: the device that accepted it, or how long to wait because
    django-otp's throttling holds the device after earlier wrong codes (the code was not tried)."""

    device: Device | None = None
    wait_seconds: int = 0
    already_used: bool = False  # a backup code this user has used before


def normalise_code(code: str) -> str:
    """Codes come with spaces or dashes ("123 456", "1111-1111"); backup codes are lowercase."""
    return "".join(code.split()).replace("-", "").lower()


def is_authenticator_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def check_code(user, code: str) -> CodeCheck:
    """Check a 6-digit code from the user's authenticator app, or else one of their backup codes
    (a used backup code is gone). Every wrong code makes the device wait longer before the next
    try (django-otp's throttling: 1, 2, 4, 8 … seconds, kept across sign-ins)."""
    code = normalise_code(code)
    if is_authenticator_code(code):
        devices = list(authenticator_devices(user))
    else:
        devices = list(backup_code_devices(user))
    wait_seconds = 0
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            wait_seconds = max(wait_seconds, _seconds_until(details.get("locked_until")))
            continue
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            if isinstance(verified, StaticDevice):
                UsedBackupCode.objects.get_or_create(
                    user=user, digest=UsedBackupCode.digest_of(user, code)
                )
            return CodeCheck(device=verified)
    used = (
        not is_authenticator_code(code)
        and UsedBackupCode.objects.filter(
            user=user, digest=UsedBackupCode.digest_of(user, code)
        ).exists()
    )
    return CodeCheck(wait_seconds=wait_seconds, already_used=used)


def start_sign_in(request, user):
    """The password step: the user is signed in but not yet verified (see `complete_sign_in`)."""
    auth.login(request, user)
    request.session.pop(WRONG_CODES_SESSION_KEY, None)


def complete_sign_in(request, device: Device):
    """The second step: the code was right, the session is verified, under a new session key
    (a key seen or planted before this step must not become a signed-in session)."""
    django_otp.login(request, device)
    request.session.pop(WRONG_CODES_SESSION_KEY, None)
    request.session.cycle_key()
    kind = "backup_code" if isinstance(device, StaticDevice) else "authenticator"
    record("auth.two_factor_verified", request=request, detail={"method": kind})


def record_wrong_code(request) -> int:
    """Count a wrong code in this sign-in. After MAX_WRONG_CODES in a row the user is signed out and
    must start again with the password. Returns how many tries are left (0: signed out)."""
    wrong = request.session.get(WRONG_CODES_SESSION_KEY, 0) + 1
    record("auth.two_factor_failed", request=request, detail={"in_a_row": wrong})
    if wrong >= MAX_WRONG_CODES:
        auth.logout(request)
        return 0
    request.session[WRONG_CODES_SESSION_KEY] = wrong
    return MAX_WRONG_CODES - wrong


def start_enrolment(user) -> TOTPDevice:
    """The authenticator app the user is setting up: unconfirmed until they type a code from it.
    Showing the set-up page again shows the same key, so a half-done set-up can be finished."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def confirm_enrolment(request, device: TOTPDevice, code: str) -> CodeCheck:
    """Confirm the app if `code` is right: from then on it is the user's second factor, and this
    session counts as verified."""
    code = normalise_code(code)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(wait_seconds=_seconds_until(details.get("locked_until")))
    with transaction.atomic():
        verified = django_otp.verify_token(request.user, device.persistent_id, code)
        if verified is None:
            return CodeCheck()
        verified.confirmed = True
        verified.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=verified.user_id, confirmed=False).delete()
        record("auth.two_factor_enrolled", request=request, detail={"method": "authenticator"})
    django_otp.login(request, verified)
    request.session.pop(WRONG_CODES_SESSION_KEY, None)
    request.session.cycle_key()
    return CodeCheck(device=verified)


def finish_single_sign_on(request, user):
    """After a sign-in with the municipality's login: if this installation trusts the provider's
    MFA (BEREDSKAB_OIDC_TRUSTS_MFA=1), the session is verified through an IdentityProviderDevice;
    otherwise the user still types a code from their authenticator app, like after a password."""
    request.session.pop(WRONG_CODES_SESSION_KEY, None)
    if not settings.BEREDSKAB_OIDC_TRUSTS_MFA:
        return
    device, _ = IdentityProviderDevice.objects.get_or_create(
        user=user, defaults={"name": IDENTITY_PROVIDER_DEVICE_NAME, "confirmed": True}
    )
    django_otp.login(request, device)
    record("auth.two_factor_verified", request=request, detail={"method": "identity_provider"})


@transaction.atomic
def set_roles(user, roles, *, by, request=None) -> bool:
    """Give `user` exactly `roles` (role names; groups that are not roles are left alone). The one
    way roles change: the admin and single sign-on both come here. Audited as
    `account.roles_changed` with who changed them (a staff member, SINGLE_SIGN_ON or COMMAND_LINE)
    and the role names before and after. Returns whether anything changed."""
    roles = set(roles)
    unknown = sorted(roles - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(unknown)}; valid roles: {', '.join(ROLES)}")
    before = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if before == roles:
        return False
    # get_or_create: the migration made the groups, but a flushed test database has none.
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles | before}
    user.groups.remove(*(groups[name] for name in before - roles))
    user.groups.add(*(groups[name] for name in roles - before))
    user.__dict__.pop("_beredskab_roles", None)  # roles_of's cache
    record(
        "account.roles_changed",
        request=request,
        actor=by,
        obj=user,
        detail={"before": sorted(before), "after": sorted(roles)},
    )
    return True


@transaction.atomic
def sign_in_external_identity(
    issuer: str,
    subject: str,
    *,
    roles,
    username_hint: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    request=None,
):
    """The account behind a single sign-on: the one linked to the provider's `issuer` and
    `subject`, or a new one for a subject seen for the first time. Never an existing account
    found by user name or e-mail, whatever the provider calls the person.

    The account gets exactly `roles` (set_roles, by SINGLE_SIGN_ON), never superuser; Django's
    is_staff (the admin) only with the system administrator's role. Returns None, and takes away
    the roles of a linked account, when `roles` is empty: the provider no longer gives this
    person a role here. Raises SingleSignOnRefused for an account that must not be reached this
    way (a superuser, another system's account)."""
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        if not roles:
            return None
        user = _new_single_sign_on_account(username_hint)
        identity = ExternalIdentity.objects.create(issuer=issuer, subject=subject, user=user)
        record("account.single_sign_on_linked", request=request, actor=SINGLE_SIGN_ON, obj=user)
    user = identity.user
    if user.is_superuser:
        raise SingleSignOnRefused("the identity is linked to a superuser")
    if SystemAccount.objects.filter(user=user).exists():
        raise SingleSignOnRefused("the identity is linked to a system account")
    set_roles(user, roles, by=SINGLE_SIGN_ON, request=request)
    if not roles:
        return None
    # The account exists for this identity alone, so the provider's names and e-mail are its own.
    user.email = email or user.email
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_staff = SYSADMIN in roles
    user.save(update_fields=["email", "first_name", "last_name", "is_staff"])
    identity.last_sign_in_at = timezone.now()
    identity.save(update_fields=["last_sign_in_at"])
    return user


def _new_single_sign_on_account(username_hint: str):
    """A new account with no password (it signs in with the municipality's login only), named
    "sso-" and the provider's user name, made unique: it never takes or matches a local name."""
    User = get_user_model()
    hint = re.sub(r"[^\w.@+-]", "-", username_hint.strip())[:120] or "bruger"
    base = SINGLE_SIGN_ON_USERNAME_PREFIX + hint
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    return user


def create_staff_user(
    username: str, *, email: str, roles, full_name: str = "", by: SystemActor = COMMAND_LINE
):
    """A new staff user with `roles` and a random password, returned once as (user, password).
    They set up their authenticator app the first time they sign in."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown or not roles:
        raise ValueError(
            f"unknown role(s): {', '.join(unknown) or '(none given)'}; "
            f"valid roles: {', '.join(ROLES)}"
        )
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    first_name, _, last_name = full_name.strip().rpartition(" ")
    if not first_name:  # one word: a first name only
        first_name, last_name = last_name, ""
    password = secrets.token_urlsafe(18)
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save()
        record("accounts.staff_user_created", actor=by, obj=user, detail={"roles": sorted(roles)})
        set_roles(user, roles, by=by)
    return user, password


def ensure_demo_device(user) -> tuple[str, list[str]]:
    """Give a demo user the published demo second factor: a confirmed authenticator with
    DEMO_TOTP_SECRET and backup codes DEMO_BACKUP_CODES (used ones come back). Running it again
    changes nothing else. Development only: anyone who reads this file can pass the second step."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo second factors are for development only (DEBUG is off).")
    key = b32decode(DEMO_TOTP_SECRET).hex()
    with transaction.atomic():
        totp, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Demo-app", defaults={"key": key, "confirmed": True}
        )
        if totp.key != key or not totp.confirmed:
            totp.key, totp.confirmed = key, True
            totp.save(update_fields=["key", "confirmed"])
        static, _ = StaticDevice.objects.get_or_create(
            user=user, name="Demo-reservekoder", defaults={"confirmed": True}
        )
        if not static.confirmed:
            static.confirmed = True
            static.save(update_fields=["confirmed"])
        have = set(static.token_set.values_list("token", flat=True))
        missing = [code for code in DEMO_BACKUP_CODES if code not in have]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in missing])
    return b32encode(totp.bin_key).decode(), list(DEMO_BACKUP_CODES)


def _seconds_until(moment) -> int:
    if moment is None:
        return 1
    return max(1, int((moment - timezone.now()).total_seconds()) + 1)
