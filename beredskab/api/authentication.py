"""The API's way in: `Authorization: Token <token>`, where the token belongs to a system account
and is usable now (not expired, not revoked). The rules are beredskab.accounts.system_accounts';
this is DRF's side of them."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from beredskab.accounts import system_accounts


class SystemAccountTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and 401 answer (`WWW-Authenticate: Token`), with our tokens: hashed
    at rest, expiring, for system accounts only. (drf-spectacular documents it as `tokenAuth`.)"""

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
