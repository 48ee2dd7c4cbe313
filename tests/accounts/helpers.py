"""Helpers for the sign-in tests: real codes from a device's key, and the password step."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


def post_password(client, username, password=PASSWORD, next_url=None, **extra):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data, **extra)


def wait_out_throttling(user):
    """As if the user waited long enough after a wrong code (django-otp's growing delay)."""
    long_ago = timezone.now() - timedelta(days=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).exclude(throttling_failure_timestamp=None).update(
            throttling_failure_timestamp=long_ago
        )
