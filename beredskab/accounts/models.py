"""The one model of our own in accounts: a second factor that the municipality's identity provider
checked for us. Staff roles are Django groups (roles.py); TOTP and backup codes are django-otp's."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager


class IdentityProviderDeviceManager(DeviceManager):
    """Finds nothing while the installation does not trust the identity provider's MFA.

    django-otp's OTPMiddleware loads the session's device through this manager on every request,
    so switching BEREDSKAB_OIDC_TRUSTS_MFA off ends every session verified this way at once.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if settings.BEREDSKAB_OIDC_TRUSTS_MFA else queryset.none()


class IdentityProviderDevice(Device):
    """Stands for the multi-factor sign-in the municipality's identity provider did (single sign-on
    over OpenID Connect with BEREDSKAB_OIDC_TRUSTS_MFA=1). It never accepts a code of its own;
    `services.finish_single_sign_on` puts it in the session with `django_otp.login`, which is what
    makes `request.user.is_verified()` true for the `staff` decorator and the admin."""

    objects = IdentityProviderDeviceManager()

    class Meta:
        verbose_name = _("MFA hos kommunens login")
        verbose_name_plural = _("MFA hos kommunens login")
