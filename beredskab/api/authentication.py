"""The API's way in: `Authorization: Token <token>`, where the token belongs to a system account
and is usable now (not expired, not revoked). The rules are beredskab.accounts.system_accounts';
this is DRF's side of them."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from beredskab.accounts import system_accounts


class SystemAccountTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and 401 answer (`WWW-Authenticate: Token`), with our tokens: hashed
    at rest, expiring, for system accounts only (documented as `tokenAuth` below)."""

    def authenticate(self, request):
        # DRF makes an authenticator per request; the audit wants the request's address. The
        # Django request, not DRF's: asking DRF's for its user here would authenticate again.
        self.http_request = request._request
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        try:
            token = system_accounts.use_token(key, request=self.http_request)
        except system_accounts.TokenRefused as refusal:
            raise AuthenticationFailed(refusal.message) from None
        return token.user, token


class SystemAccountTokenScheme(OpenApiAuthenticationExtension):
    """The schema's `tokenAuth`: what a client sends, and whose token it must be."""

    target_class = SystemAccountTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, e.g. `Authorization: Token bk_AbCd1234…`. The token "
            "of a system account, made with `manage.py create_api_token`; it expires (90 days "
            "unless chosen otherwise) and can be revoked. Without a usable token the API answers "
            "401.",
        }
