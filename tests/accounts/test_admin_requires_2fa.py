"""The Django admin: system administrators and superusers only, signed in with two factors, and
never through the admin's own sign-in form."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import post_password
from tests.factories import PASSWORD, make_staff, sign_in

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def test_anonymous_is_sent_to_our_sign_in(client):
    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fadmin%2F"


def test_admin_sign_in_form_is_not_offered(client):
    make_staff("sys", "systemadministrator", is_superuser=True)

    assert client.get("/admin/login/")["Location"].startswith(reverse("accounts:login"))
    # Posting a password to it does not sign anyone in.
    response = client.post("/admin/login/", {"username": "sys", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_password_alone_is_not_enough(client):
    make_staff("sys", "systemadministrator")
    post_password(client, "sys")

    response = client.get(ADMIN)

    assert response["Location"] == reverse("accounts:verify") + "?next=%2Fadmin%2F"


def test_system_administrator_with_two_factors_gets_in(client):
    sign_in(client, make_staff("sys", "systemadministrator"))

    # Which models they may then change is Django's model permissions' business.
    assert client.get(ADMIN).status_code == 200


def test_superuser_with_two_factors_gets_in_without_the_role(client):
    sign_in(client, make_staff("root", is_superuser=True))

    assert client.get(ADMIN).status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200


def test_superuser_without_two_factors_does_not(client):
    make_staff("root", is_superuser=True)
    post_password(client, "root")

    assert client.get("/admin/auth/user/")["Location"].startswith(reverse("accounts:verify"))


@pytest.mark.parametrize("path", [ADMIN, "/admin/auth/user/", "/admin/auth/group/1/change/"])
def test_other_staff_are_refused(client, path):
    sign_in(client, make_staff("leder", "leder"))

    response = client.get(path)

    assert response.status_code == 403
    assert "Du har ikke adgang til denne side" in response.text


def test_admin_login_sends_a_signed_in_administrator_on(client):
    sign_in(client, make_staff("sys", "systemadministrator"))

    assert client.get("/admin/login/?next=/admin/auth/user/")["Location"] == "/admin/auth/user/"
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == ADMIN


def test_administrator_who_is_not_django_staff_is_refused_not_looped(client):
    user = make_staff("sys", "systemadministrator")
    user.is_staff = False
    user.save()
    sign_in(client, user)

    response = client.get(ADMIN, follow=True)

    assert response.status_code == 403
    assert "is_staff" in response.text


def test_admin_does_not_show_anyones_authenticator_key(client):
    root = make_staff("root", is_superuser=True)
    sign_in(client, root)
    device = TOTPDevice.objects.get(user=root)

    response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert response.status_code == 200
    assert device.key not in response.text
