"""Signs a staff member out after BEREDSKAB_SESSION_SECONDS (SESSION_COOKIE_AGE, 30 minutes)
without anything they did. A page that fetches a part of itself by itself (the queue's table every
minute) marks that request with the POLL_HEADER, and it does not count: a queue left open on an
unattended screen must not stay signed in for ever."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import auth
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone

LAST_ACTIVITY_SESSION_KEY = "accounts_last_activity"
POLL_HEADER = "Beredskab-Poll"


def is_poll(request) -> bool:
    return request.headers.get(POLL_HEADER) == "1"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only signed-in sessions: a public page must not get a session (or a cookie) from here.
        if auth.SESSION_KEY in request.session:
            now = int(timezone.now().timestamp())
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if last is not None and now - last > settings.SESSION_COOKIE_AGE:
                auth.logout(request)
                if request.headers.get("HX-Request"):
                    return _send_page_to_sign_in(request)
            elif last is None or not is_poll(request):
                request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return self.get_response(request)


def _send_page_to_sign_in(request):
    """HTMX would put the sign-in page in the polled box; HX-Redirect moves the whole page."""
    login = resolve_url(settings.LOGIN_URL)
    page = urlsplit(request.headers.get("HX-Current-URL", ""))
    next_url = page.path + (f"?{page.query}" if page.query else "")
    response = HttpResponse(status=204)
    response["HX-Redirect"] = f"{login}?{urlencode({'next': next_url})}" if page.path else login
    return response
