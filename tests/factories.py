"""Factories for tests: staff users with roles, signed in with two factors."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery-staple"


def make_staff(username="medarbejder", *roles, email=None, with_device=True, **fields):
    """A staff user with the given roles (group names) and, by default, a confirmed TOTP device."""
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=email if email is not None else f"{username}@kommune.example",
        is_staff=True,
        first_name=fields.pop("first_name", username.capitalize()),
        **fields,
    )
    if roles:
        # get_or_create: transactional tests flush the groups the migration created.
        user.groups.set([Group.objects.get_or_create(name=role)[0] for role in roles])
    if with_device:
        TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    return user


def sign_in(client, user):
    """Sign `user` in with password and second factor, as the sign-in pages would."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
