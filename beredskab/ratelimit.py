"""Rate limits on the public forms and on sign-in, per client address, in the shared cache.

A worried person who is limited still sees the phone numbers: being refused a form must never
mean being refused help.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def _client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    # Hashed: the cache is not the place for addresses.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


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


def rate_limit(scope: str, *, limit: int, period: int, methods=("POST",)):
    """At most `limit` requests (of `methods`) per `period` seconds per client address."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and settings.BEREDSKAB_RATE_LIMITS:
                count, retry_after = _count(f"rl:{scope}:{_client_key(request)}", period)
                if count > limit:
                    response = render(request, "ratelimited.html", status=429)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        for attribute in ("access",):
            if hasattr(view, attribute):
                setattr(wrapper, attribute, getattr(view, attribute))
        return wrapper

    return decorate
