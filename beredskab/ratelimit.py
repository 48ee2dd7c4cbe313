"""Rate limits on the public forms and on sign-in, in the shared cache.

Each form has its own bucket per client address (`beredskab.clientaddress`, which sees through the
municipality's proxies), and sign-in has one per typed user name besides: a flood against one form
or one account leaves every other citizen and employee alone. A worried person who is limited
still sees the phone numbers: being refused a form must never mean being refused help.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from beredskab.clientaddress import client_address


def _bucket(scope: str, kind: str, value: str) -> str:
    # Hashed: the cache is not the place for addresses or user names.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{kind}:{digest}"


def _count(key: str, period: int) -> tuple[int, int]:
    """Count a request in a window that starts with the first request; approximate under races,
    which is enough for a rate limit. Returns (count, seconds until the window ends)."""
    now = time.time()
    count, started = cache.get(key) or (0, now)
    if now - started >= period:
        count, started = 0, now
    count += 1
    remaining = max(1, int(started + period - now))
    cache.set(key, (count, started), timeout=remaining)
    return count, remaining


def exceeded(
    request,
    scope: str,
    *,
    limit: int,
    period: int,
    username_field: str | None = None,
    username_limit: int | None = None,
) -> int | None:
    """Count this request in `scope`; the seconds to wait when it is over a limit, else None.

    At most `limit` requests per `period` seconds per client address and, with `username_field`,
    at most `username_limit` per typed user name (from any address)."""
    if not settings.BEREDSKAB_RATE_LIMITS:
        return None
    waits = []
    count, retry_after = _count(_bucket(scope, "address", client_address(request)), period)
    if count > limit:
        waits.append(retry_after)
    username = request.POST.get(username_field, "").strip().lower()[:150] if username_field else ""
    if username:
        count, retry_after = _count(_bucket(scope, "username", username), period)
        if count > (username_limit or limit):
            waits.append(retry_after)
    return max(waits) if waits else None


def too_many(request, retry_after: int, template="ratelimited.html", context=None):
    """The refusal: 429 with Retry-After, on a page that still gives the phone numbers."""
    response = render(request, template, context or {}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(scope: str, *, limit: int, period: int, methods=("POST",), **per_username):
    """A view decorator for `exceeded` (the same arguments), answering with `too_many`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                retry_after = exceeded(request, scope, limit=limit, period=period, **per_username)
                if retry_after is not None:
                    return too_many(request, retry_after)
            return view(request, *args, **kwargs)

        for attribute in ("access",):
            if hasattr(view, attribute):
                setattr(wrapper, attribute, getattr(view, attribute))
        return wrapper

    return decorate
