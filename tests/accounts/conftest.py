import pytest

OIDC_BACKEND = "beredskab.accounts.oidc.MunicipalityOIDCBackend"
ROLE_MAP = "modtagelsen=BER-Modtagelsen,leder=BER-Ledere,leder=BER-Socialchef"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests sign in a lot; a real password hash would make each take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def single_sign_on(settings):
    """Switch single sign-on on as the environment variables would (settings.py), for a provider
    with this issuer and these endpoints."""

    def configure(issuer, *, authorization, token, userinfo, jwks, scopes="openid email profile"):
        settings.BEREDSKAB_OIDC_ENABLED = True
        settings.BEREDSKAB_OIDC_ISSUER = issuer
        settings.BEREDSKAB_OIDC_ROLE_MAP = ROLE_MAP
        settings.BEREDSKAB_OIDC_TRUSTS_MFA = False
        if OIDC_BACKEND not in settings.AUTHENTICATION_BACKENDS:
            settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
        settings.OIDC_RP_CLIENT_ID = "beredskab"
        settings.OIDC_RP_CLIENT_SECRET = "client-secret"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = authorization
        settings.OIDC_OP_TOKEN_ENDPOINT = token
        settings.OIDC_OP_USER_ENDPOINT = userinfo
        settings.OIDC_OP_JWKS_ENDPOINT = jwks
        settings.OIDC_RP_SCOPES = scopes
        return settings

    return configure
