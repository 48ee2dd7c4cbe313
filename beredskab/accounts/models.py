"""Accounts' own models beside Django's users and groups (roles.py): the link from an identity at
the municipality's login to an account here, the second factor that login checked for us, the
accounts of other systems (not people) and their API tokens. TOTP and backup codes are
django-otp's."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager


class ExternalIdentity(models.Model):
    """Who someone is at the municipality's login (single sign-on): the provider's issuer and its
    subject (`sub`, which never changes for a person there), linked to one account here.

    Accounts are found through this link only, never by a user name or e-mail address the provider
    sends: those can change hands or be chosen by the person, and "admin" at the provider is not
    our "admin"."""

    issuer = models.CharField(_("udsteder"), max_length=255)
    subject = models.CharField(_("subjekt (sub)"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("bruger"),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    last_sign_in_at = models.DateTimeField(_("seneste login"), null=True, blank=True)

    class Meta:
        verbose_name = _("identitet hos kommunens login")
        verbose_name_plural = _("identiteter hos kommunens login")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"


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


class SystemAccount(models.Model):
    """Marks an account as another system's (a case system, the police liaison's tool), not a
    person's. Only a system account may hold API tokens; it has no password and no second factor,
    so it cannot use the staff pages. Created as such (`manage.py create_system_account`): a
    person's account never becomes one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="system_account",
        verbose_name=_("bruger"),
    )
    description = models.CharField(_("beskrivelse"), max_length=200)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("systemkonto")
        verbose_name_plural = _("systemkonti")

    def __str__(self):
        return str(self.user)


class ApiToken(models.Model):
    """A system account's key to the API. Only a hash is kept: the token itself is shown once,
    when it is made. Every token expires; a revoked token stays listed, with when and by whom."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("systemkonto"),
    )
    # The token's first characters, to tell tokens apart in the admin; not enough to use it.
    prefix = models.CharField(_("begynder med"), max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    last_used_at = models.DateTimeField(_("senest brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    revoked_by = models.CharField(_("tilbagekaldt af"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(token: str) -> str:
        """SHA-256 is enough here: a token is 256 random bits, not a password a person chose."""
        return hashlib.sha256(token.encode()).hexdigest()

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at


class UsedBackupCode(models.Model):
    """A backup code that has been used (django-otp deletes it): kept as a keyed hash so that a
    second try can be told "already used" rather than "wrong"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="used_backup_codes"
    )
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="used_backup_code_once")
        ]

    def __str__(self):
        return f"{self.user} {self.used_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(user, code: str) -> str:
        """A keyed hash: the user's id and the code under the project's secret key."""
        message = f"{user.pk}:{code}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
