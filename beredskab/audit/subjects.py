"""Whom an audit event is about. `record(..., obj=...)` asks the object for its
`audit_subjects()` (a notification, a case, a person, a meeting answer with their references,
person keys and CPR keys); callers may add more with `about=`.

A CPR number is never stored: its subject key is an HMAC with the audit key, so the same number
always gives the same key (the auditor's search hashes what they type), and nobody without the
key can test numbers against the trail.
"""

from __future__ import annotations

import re

from . import keys

CPR_PREFIX = "CPR:"
MAX_LENGTH = 80


def normalise_cpr(value: str) -> str | None:
    """'010203-1234', '0102031234' or '010203 1234' -> '0102031234'; None if not 10 digits."""
    compact = re.sub(r"[\s-]", "", value or "")
    return compact if re.fullmatch(r"\d{10}", compact) else None


def cpr_subject(cpr: str) -> str:
    digits = normalise_cpr(cpr) or re.sub(r"\D", "", cpr or "")
    return CPR_PREFIX + keys.mac(keys.CPR, digits.encode())


def is_cpr_subject(key: str) -> bool:
    return key.startswith(CPR_PREFIX)


def subjects_of(*things: object) -> set[str]:
    """The subject keys of objects (through their `audit_subjects()`) and of plain strings."""
    found: set[str] = set()
    for thing in things:
        if thing is None:
            continue
        if isinstance(thing, str):
            values = [thing]
        elif hasattr(thing, "audit_subjects"):
            values = thing.audit_subjects()
        else:
            continue
        found.update(str(value).strip()[:MAX_LENGTH] for value in values if value)
    found.discard("")
    return found
