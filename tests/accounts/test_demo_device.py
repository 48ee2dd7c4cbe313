"""services.ensure_demo_device: the demo accounts' published second factor (development only)."""

from base64 import b32encode

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from beredskab.accounts.services import ensure_demo_device
from tests.accounts.helpers import code_for, post_password
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_demo_user_gets_a_known_key_and_backup_codes(debug):
    user = make_staff("admin", with_device=False)

    secret, codes = ensure_demo_device(user)

    assert secret == "DEMODEMODEMODEMODEMODEMODEMODEMO"
    assert codes == ["11111111", "22222222", "33333333", "44444444", "55555555"]
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert b32encode(device.bin_key).decode() == secret


def test_running_it_again_changes_nothing_and_brings_used_codes_back(debug, client):
    user = make_staff("admin", with_device=False)
    ensure_demo_device(user)
    post_password(client, "admin")
    client.post(reverse("accounts:verify"), {"code": "11111111"})

    ensure_demo_device(user)

    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert StaticDevice.objects.filter(user=user).count() == 1
    assert StaticDevice.objects.get(user=user).token_set.count() == 5


def test_demo_key_and_backup_code_sign_in(debug, client):
    user = make_staff("admin", with_device=False)
    ensure_demo_device(user)

    post_password(client, "admin")
    response = client.post(
        reverse("accounts:verify"), {"code": code_for(TOTPDevice.objects.get(user=user))}
    )
    assert response["Location"] == reverse("staff-home")

    client.post(reverse("accounts:logout"))
    post_password(client, "admin")
    assert client.post(reverse("accounts:verify"), {"code": "55555555"})["Location"] == reverse(
        "staff-home"
    )


def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        ensure_demo_device(make_staff("admin", with_device=False))
