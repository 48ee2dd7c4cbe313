"""What second factors a staff member has."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_devices(user):
    """The user's confirmed authenticator apps (TOTP)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def backup_code_devices(user):
    """The user's confirmed sets of backup codes that still have an unused code."""
    return (
        StaticDevice.objects.devices_for_user(user, confirmed=True)
        .filter(token_set__isnull=False)
        .distinct()
    )


def has_authenticator(user) -> bool:
    return authenticator_devices(user).exists()


def needs_enrolment(user) -> bool:
    """True when the user has no second factor yet and must set up an authenticator app before
    signing in (a user with only backup codes signs in with one of them first)."""
    return not has_authenticator(user) and not backup_code_devices(user).exists()
