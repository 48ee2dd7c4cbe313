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


def rate_limit(scope: str, *, limit: int, period: int, methods=("POST",)):
    """At most `limit` requests (of `methods`) per `period` seconds per client address."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and settings.BEREDSKAB_RATE_LIMITS:
                window = int(time.time() // period)
                key = f"rl:{scope}:{_client_key(request)}:{window}"
                cache.add(key, 0, timeout=period)
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, timeout=period)
                    count = 1
                if count > limit:
                    response = render(request, "ratelimited.html", status=429)
                    response["Retry-After"] = str(period - int(time.time()) % period)
                    return response
            return view(request, *args, **kwargs)

        for attribute in ("access",):
            if hasattr(view, attribute):
                setattr(wrapper, attribute, getattr(view, attribute))
        return wrapper

    return decorate
