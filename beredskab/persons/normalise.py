"""Matching keys for names and addresses: the same person spelled two ways gets the same key.

Danish letters have two spellings (Ølgaard / Oelgaard, Aalborg / Ålborg): both map to one form.
Case, accents, punctuation and repeated spaces are ignored.
"""

from __future__ import annotations

import re
import unicodedata

# After lower-casing; "Æ", "Ø" and "Å" become these too.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_name(value: str) -> str:
    """'  Aisha  ØLGAARD-Hansen ' -> 'aisha oelgaard hansen'."""
    text = unicodedata.normalize("NFKC", value or "").casefold().translate(_DANISH)
    # Decompose, then drop the accents (é -> e, ö -> o); ø and æ were handled above.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _NOT_WORD.sub(" ", text.casefold().translate(_DANISH))
    return " ".join(text.split())


def normalise_address(value: str) -> str:
    """Like names: 'Testvej 1, 3450 Allerød' -> 'testvej 1 3450 alleroed' (commas go too)."""
    return normalise_name(value)
