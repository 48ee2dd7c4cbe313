"""The audit key, kept outside the database (BEREDSKAB_AUDIT_KEY or BEREDSKAB_AUDIT_KEY_FILE).

Separate keys are derived from it for the chain, the checkpoints and the CPR numbers, so that a
value made for one purpose can never pass for another.
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from django.conf import settings

CHAIN = "chain"
CHECKPOINT = "checkpoint"
CPR = "cpr"
SIGN_IN = "sign-in"


@functools.lru_cache(maxsize=16)
def _derived(key: str, purpose: str) -> bytes:
    return hmac.new(key.encode(), purpose.encode(), hashlib.sha256).digest()


def mac(purpose: str, message: bytes) -> str:
    """HMAC-SHA256 of `message` with the key derived for `purpose`, as 64 hex digits."""
    key = _derived(settings.BEREDSKAB_AUDIT_KEY, purpose)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
