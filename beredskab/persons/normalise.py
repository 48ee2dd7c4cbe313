"""Matching keys for names and addresses: the same person spelled two ways gets the same key.

Three forms of a name, from strict to loose:

- `normalise_name`: case, accents, punctuation and repeated spaces ignored; Danish letters have
  two spellings (Ølgaard / Oelgaard, Aalborg / Ålborg) and both map to one form. Equal forms are
  "the same name".
- `fold_name`: a phonetic folding of each part, for names written in Latin letters in many ways
  (Arabic, Persian, Somali, Urdu, Kurdish, Turkish, and Danish spelling variants): Mohammed /
  Mohamed -> "muhamed", Hussein / Hussain / Husain -> "husain", Khadija / Khadidja -> "hadija",
  Christensen / Kristensen -> "kristensen". Particles (El-, Al-, Abu, bin, ibn) are dropped and
  "Abdul Rahman" / "Abdirahman" / "Abdurahman" become one part. Similarity is scored on these
  (persons.matching).
- `name_key`: the consonant skeleton of each folded part (vowels carry most of the variation in
  transliterated names: Muhammad / Mohammed -> "mhmt", Yusuf / Youssef -> "ysf"), parts sorted,
  so that the order of the parts does not matter. An index finds persons by it; it is a net for
  candidates, never enough alone (Hassan and Hussein share "hsn").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


# -- Spelling variants -------------------------------------------------------------------------

# Apostrophes and the ayn/hamza signs are not part separators: Sa'id = Said, Ala'a = Alaa.
_APOSTROPHES = str.maketrans("", "", "'’ʼʻ`´ʿʾ")
# Turkish dotless i does not decompose.
_LETTERS = str.maketrans({"ı": "i"})
# Words that are not a name of their own: the article (al-, el-, and its assimilated forms before
# sun letters: ar-Rashid, as-Sayed, ad-Din), "father of", "son/daughter of".
_PARTICLES = {"al", "el", "ul", "abu", "abou", "bin", "ibn", "bint", "binti"}
_SUN_ARTICLES = {"ar", "as", "ash", "ad", "an", "at", "az", "ed", "er", "es", "en", "et"}
# "Servant of": written apart (Abdul Rahman) or together (Abdulrahman, Abdirahman, Abdurahman).
_ABD_ALONE = {"abd", "abdul", "abdel", "abdal", "abdoul", "abdol", "abdu"}
_ABD_JOINED = re.compile(r"^abd(?:oul|ul|el|al|ol|u|i|e|a|o)?(?=[^aeiouy]{1}[a-z]{2,})")

# Ordered rewrites of one part. Digraphs first, then single letters, then vowels.
_REWRITES = [
    (re.compile(r"sch|sh"), "s"),  # Schmidt, Aisha / Ayşe (ş -> s)
    (re.compile(r"ch(?=[rl])"), "k"),  # Christensen / Kristensen, Christian / Kristian
    (re.compile(r"ck"), "k"),
    (re.compile(r"ch"), "s"),  # Aicha, Rachid (the French transliteration of sh)
    (re.compile(r"kh|x"), "h"),  # Khalid, Kurdish Xalid, Turkish Halit; Somali Maxamed
    (re.compile(r"^ou(?=[aei])"), "v"),  # French: Ouissam / Wissam
    (re.compile(r"dj|dzh|j"), "y"),  # Khadidja / Khadija, Jusuf / Yusuf, Jasmin / Yasmin
    (re.compile(r"gh"), "k"),  # Persian writes q as gh: Sadeghi / Sadeqi, Ghorbani / Qorbani
    (re.compile(r"th"), "t"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"q"), "k"),  # Qasim / Kasim
    (re.compile(r"c"), "k"),  # Carsten / Karsten, Cabdi
    (re.compile(r"w"), "v"),  # Waleed / Valid
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),  # Ayesha, Sayyid
    (re.compile(r"(?<=[^aeiou])y"), "i"),  # Syed / Said
    (re.compile(r"ae"), "e"),  # Mærsk / Maersk
    (re.compile(r"oe"), "o"),  # Søren / Soeren / Soren
    (re.compile(r"ou|oo"), "u"),  # Youssef / Yusuf, Mahmood / Mahmud
    (re.compile(r"ee|(?<=[aeiou])ie"), "i"),  # Waleed / Walid, Ayesha / Aisha
    (re.compile(r"[ae][iy]"), "ai"),  # Hussein / Hussain / Husayn, Zeinab / Zaynab
    (re.compile(r"o"), "u"),  # Mohammed / Muhammad, Omar / Umar, Osman / Usman
]
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")


def _parts(value: str) -> list[str]:
    """The name's parts, particles dropped and "servant of" joined to what follows."""
    text = unicodedata.normalize("NFKC", value or "").translate(_APOSTROPHES).translate(_LETTERS)
    parts = normalise_name(text).split()
    joined = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if part in _ABD_ALONE and i + 1 < len(parts):
            joined.append("abd" + parts[i + 1])
            i += 2
            continue
        following = parts[i + 1] if i + 1 < len(parts) else ""
        if part in _PARTICLES or (part in _SUN_ARTICLES and following.startswith(part[1:])):
            i += 1
            continue
        joined.append(part)
        i += 1
    return joined or parts


def fold_part(part: str) -> str:
    """One part of a name, folded: 'mohammed' -> 'muhamed', 'abdirahman' -> 'abdrahman'."""
    text = _ABD_JOINED.sub("abd", part)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _DOUBLE.sub(r"\1", text)
    # Persian writes a final -a as -eh: Farzaneh / Farzana, Fatemeh (not Saleh, Fateh).
    if len(part) >= 6 and text.endswith("eh") and text[-3] not in "aeiou":
        text = text[:-2] + "a"
    # A final h after a vowel is silent (Fatimah, Abdullah); a final e mostly (Rahmane, Anne).
    if len(text) > 3 and text.endswith("h") and text[-2] in "aeiu":
        text = text[:-1]
    if len(text) > 3 and text.endswith("e") and text[-2] not in "aeiu":
        text = text[:-1]
    return text


@lru_cache(maxsize=4096)  # called for every pair of parts scored; names repeat
def skeleton(folded_part: str) -> str:
    """A folded part's consonants: an initial vowel counts as one ('umar' -> 'amr'), d as t
    (Turkish writes a final d as t: Ahmet / Ahmed, Murat / Murad; Danish Pedersen / Petersen)."""
    if not folded_part:
        return ""
    head, rest = folded_part[0], folded_part[1:]
    if head in "aeiouy" and not (head == "y" and rest[:1] in ("a", "e", "i", "o", "u")):
        head = "a"
    return _DOUBLE.sub(r"\1", (head + _VOWELS.sub("", rest)).replace("d", "t"))


def folded_parts(value: str) -> list[str]:
    """The folded parts in the order written."""
    return [folded for folded in (fold_part(part) for part in _parts(value)) if folded]


def fold_name(value: str) -> str:
    """'Mohammed Al-Hassan' -> 'muhamed hasan' (the parts in the order written)."""
    return " ".join(folded_parts(value))


def name_key(value: str) -> str:
    """'Hassan, Muhammad' and 'Mohammed el-Hasan' -> 'hsn mhmt': skeletons, sorted."""
    return " ".join(sorted({skeleton(part) for part in folded_parts(value)} - {""}))


def birth_year(birth_date, age: int | None = None, on=None) -> int | None:
    """The birth date's year; without one, the year an age on a day points to (the person may
    also have been born the year before)."""
    if birth_date:
        return birth_date.year
    if age is not None and on is not None:
        return on.year - age
    return None
