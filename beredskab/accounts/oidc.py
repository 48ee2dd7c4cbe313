"""Single sign-on with the municipality's login (OpenID Connect, mozilla-django-oidc), optional.

The provider decides who someone is and which of its groups they are in. The person is linked to
an account here by the ID token's issuer and subject only (`services.sign_in_external_identity`),
never by the user name or e-mail the provider sends. BEREDSKAB_OIDC_ROLE_MAP turns groups into our
roles (e.g. "modtagelsen=BER-Modtagelsen,leder=BER-Ledere"); someone with no mapped group is
refused. Whether the sign-in also counts as the second factor is
`services.finish_single_sign_on`'s decision.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from . import services
from .roles import ROLES


def parse_role_map(text: str) -> dict[str, set[str]]:
    """ "modtagelsen=BER-Modtagelsen,leder=BER-Ledere" → {"modtagelsen": {"BER-Modtagelsen"}, …}.
    A role may be named more than once to accept more than one group."""
    role_map: dict[str, set[str]] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        role, sep, group = (part.strip() for part in item.partition("="))
        if not sep or not role or not group:
            raise ValueError(f"{item.strip()!r} is not role=group")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; valid roles: {', '.join(ROLES)}")
        role_map.setdefault(role, set()).add(group)
    return role_map


def roles_from_claims(claims: dict, role_map: dict[str, set[str]]) -> set[str]:
    """Our roles for the provider's `groups` claim (a list of group names, or a single name)."""
    groups = claims.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    groups = {str(group) for group in groups}
    return {role for role, accepted in role_map.items() if accepted & groups}


def username_from_claims(claims: dict) -> str:
    """What the provider calls the person: only a hint for a new account's name."""
    return str(claims.get("preferred_username") or claims.get("email") or "").strip()


def user_from_claims(
    claims: dict, role_map: dict[str, set[str]] | None = None, *, issuer=None, request=None
):
    """The account for these claims (from the ID token, with userinfo added), created for a new
    subject and given exactly the mapped roles; None when the provider gives the person no role
    here. Raises services.SingleSignOnRefused for an account that must not sign in this way."""
    if role_map is None:
        role_map = parse_role_map(settings.BEREDSKAB_OIDC_ROLE_MAP)
    subject = str(claims.get("sub") or "")
    if not subject:
        return None
    return services.sign_in_external_identity(
        issuer or settings.BEREDSKAB_OIDC_ISSUER,
        subject,
        roles=roles_from_claims(claims, role_map),
        username_hint=username_from_claims(claims),
        email=str(claims.get("email") or ""),
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
        request=request,
    )


class MunicipalityOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with our accounts: linked by issuer and subject, roles
    from groups."""

    def authenticate(self, request, **kwargs):
        if "password" in kwargs:  # a password sign-in: not ours
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # Only the ID token comes with a nonce. mozilla-django-oidc checks its signature and expiry,
        # not who issued it or for whom.
        if "nonce" in kwargs:
            issuer = settings.BEREDSKAB_OIDC_ISSUER.rstrip("/")
            if str(payload.get("iss", "")).rstrip("/") != issuer:
                raise SuspiciousOperation("ID token from another issuer")
            audience = payload.get("aud")
            audience = [audience] if isinstance(audience, str) else audience or []
            if self.OIDC_RP_CLIENT_ID not in audience:
                raise SuspiciousOperation("ID token for another client")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        if not self.verify_claims(payload):
            raise SuspiciousOperation("no subject in the ID token")
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload["sub"]:
            raise SuspiciousOperation("userinfo is about someone else than the ID token")
        # Some providers put `groups` in the ID token only, others in userinfo only. Who it is
        # comes from the verified ID token: its issuer and subject.
        claims = {**payload, **userinfo, "sub": payload["sub"]}
        try:
            return user_from_claims(claims, issuer=payload["iss"], request=self.request)
        except (ValueError, services.SingleSignOnRefused) as error:
            raise SuspiciousOperation(str(error)) from error

    def get_user(self, user_id):
        # mozilla-django-oidc's get_user keeps a deactivated user signed in; Django's does not.
        return ModelBackend.get_user(self, user_id)


class MunicipalityOIDCCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the user back: sign in, then maybe count it as two factors."""

    def login_success(self):
        response = super().login_success()
        services.finish_single_sign_on(self.request, self.user)
        return response

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Du blev ikke logget ind med kommunens login. Du skal have en rolle i Beredskab "
                "for at logge ind – kontakt systemadministratoren, hvis du mener, du skal have det."
            ),
        )
        return redirect("accounts:login")
