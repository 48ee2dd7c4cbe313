"""Whether two records may be one person, and why: the name's similarity (rapidfuzz over the
folded parts, persons.normalise), birth date and address, weighed together. Pure functions: the
candidates come from persons.selectors, which finds them through indexes.

A proposal needs two things that agree, as a caseworker would want before looking twice:

- a similar name and the same birth date (or the same date with day and month swapped, a common
  slip when dates are written the other way round abroad);
- a very similar name and a birth year that fits, when one of the two only gave an age (not
  for a common name: persons.selectors);
- a similar name and the same address, when the birth dates do not contradict it;
- the same birth date and the same address, whatever the names.

The thresholds are set with the table in tests/persons/test_spelling_table.py, which reports
recall and the false proposals: a similar name scores 85 of 100, with each part of the shorter
name at least 85 like a part of the other; a part whose consonants are the same as the other's
(Yusuf / Youssef, Umer / Umar) counts as 90 when its letters are at least 75 alike, which keeps
Hassan and Hussein (72) apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from .normalise import skeleton

SIMILAR = 85  # a name this alike, with the same birth date or address, is proposed
VERY_SIMILAR = 90  # ... with only the same birth year (one of them gave an age)
PART_MIN = 85  # every part of the shorter name at least this alike to one of the other's
SAME_CONSONANTS = 90  # a part with the same skeleton counts as this alike ...
SAME_CONSONANTS_FROM = 75  # ... when its letters are at least this alike
JOINED_MIN = 92  # parts written together or apart (Mohammadreza / Mohammad Reza)
SINGLE_PART_CAP = 80  # one part against several: a first name alone is not a similar name


@dataclass(frozen=True)
class Record:
    """What matching knows of a person: the matching keys of persons.models.Person."""

    norm_name: str
    name_fold: str
    birth_date: dt.date | None
    birth_year: int | None  # from the birth date, or from an age (then give or take one)
    norm_address: str

    FIELDS = ("norm_name", "name_fold", "birth_date", "birth_year", "norm_address")

    @classmethod
    def of(cls, person) -> Record:
        return cls(*(getattr(person, name) for name in cls.FIELDS))


class Birth:
    SAME = "same"
    SWAPPED = "swapped"
    SAME_YEAR = "year"
    CONTRADICTS = "contradicts"
    UNKNOWN = ""


@dataclass(frozen=True)
class Evidence:
    """Which parts of two records agreed, and how alike the names are (0–100)."""

    name_score: int
    same_name: bool
    birth: str
    same_address: bool

    @property
    def proposed(self) -> bool:
        similar = self.same_name or self.name_score >= SIMILAR
        if self.birth == Birth.SAME and (similar or self.same_address):
            return True
        if self.birth == Birth.SWAPPED and similar:
            return True
        if self.birth == Birth.SAME_YEAR and (self.same_name or self.name_score >= VERY_SIMILAR):
            return True
        return self.same_address and similar and self.birth != Birth.CONTRADICTS

    @property
    def strength(self) -> int:
        """For ordering the proposals: the strongest first."""
        birth = {Birth.SAME: 40, Birth.SWAPPED: 25, Birth.SAME_YEAR: 10}.get(self.birth, 0)
        return self.name_score + birth + (30 if self.same_address else 0)

    def reasons(self) -> list[str]:
        """In Danish, for the proposal: each part that agreed."""
        reasons = []
        if self.same_name:
            reasons.append(_("samme navn"))
        elif self.name_score >= SIMILAR:
            reasons.append(
                _("navnene ligner hinanden (%(score)d af 100)") % {"score": self.name_score}
            )
        if self.birth == Birth.SAME:
            reasons.append(_("samme fødselsdato"))
        elif self.birth == Birth.SWAPPED:
            reasons.append(_("samme fødselsdato med dag og måned byttet om"))
        elif self.birth == Birth.SAME_YEAR:
            reasons.append(_("samme fødselsår (den ene kender kun alderen)"))
        if self.same_address:
            reasons.append(_("samme adresse"))
        return reasons

    def codes(self) -> dict:
        """The same for the audit trail, without personal data."""
        return {
            "name_score": self.name_score,
            "same_name": self.same_name,
            "birth": self.birth,
            "same_address": self.same_address,
        }


def swapped(day: dt.date | None) -> dt.date | None:
    """The date with day and month swapped (3 May -> 5 March), None when that is no other date."""
    if day is None or day.day == day.month or day.day > 12:
        return None
    return day.replace(month=day.day, day=day.month)


def compare_birth(a: Record, b: Record) -> str:
    if a.birth_date and b.birth_date:
        if a.birth_date == b.birth_date:
            return Birth.SAME
        if swapped(a.birth_date) == b.birth_date:
            return Birth.SWAPPED
        return Birth.CONTRADICTS
    if a.birth_year and b.birth_year:
        return Birth.SAME_YEAR if year_fits(a, b) else Birth.CONTRADICTS
    return Birth.UNKNOWN


def birth_years(record: Record) -> tuple[int, int]:
    """The years a record may be born in: its birth date's, or, from an age on a day, the year
    the age points to or the one before (birth_year holds the later)."""
    if record.birth_year is None:
        raise ValueError("a record without a birth year has no birth years")
    if record.birth_date:
        return record.birth_year, record.birth_year
    return record.birth_year - 1, record.birth_year


def year_fits(a: Record, b: Record) -> bool:
    """The years two records may be born in overlap (one of them only gave an age)."""
    (a_first, a_last), (b_first, b_last) = birth_years(a), birth_years(b)
    return a_first <= b_last and b_first <= a_last


def _part_score(a: str, b: str) -> float:
    score = fuzz.ratio(a, b)
    if score >= SAME_CONSONANTS_FROM and skeleton(a) == skeleton(b):
        score = max(score, SAME_CONSONANTS)
    return score


def name_score(a_fold: str, b_fold: str) -> int:
    """How alike two folded names are, 0–100, the parts in any order.

    Each part of the name with fewer parts is paired with the most alike unpaired part of the
    other (extra parts, such as a grandfather's name or a second surname, are not held against
    it); the score is the paired parts' similarity weighted by their length, or 0 when one part
    is too unlike any. Names written as one part or several (Mohammadreza / Mohammad Reza) are
    also compared as a whole.
    """
    a, b = a_fold.split(), b_fold.split()
    if not a or not b:
        return 0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    pairs = sorted(
        ((_part_score(s, t), i, j) for i, s in enumerate(short) for j, t in enumerate(long)),
        reverse=True,
    )
    paired, used_short, used_long = {}, set(), set()
    for score, i, j in pairs:
        if i not in used_short and j not in used_long:
            paired[i] = score
            used_short.add(i)
            used_long.add(j)
    weight = sum(len(part) for part in short)
    aligned = sum(paired[i] * len(part) for i, part in enumerate(short)) / weight
    if min(paired.values()) < PART_MIN:
        aligned = min(aligned, PART_MIN - 1)
    if len(short) == 1 and len(long) > 1:
        aligned = min(aligned, SINGLE_PART_CAP)
    joined = fuzz.ratio("".join(a), "".join(b))
    if joined < JOINED_MIN:
        joined = 0
    return round(max(aligned, joined))


def compare(a: Record, b: Record) -> Evidence:
    same_name = bool(a.norm_name) and a.norm_name == b.norm_name
    return Evidence(
        name_score=100 if same_name else name_score(a.name_fold, b.name_fold),
        same_name=same_name,
        birth=compare_birth(a, b),
        same_address=bool(a.norm_address) and a.norm_address == b.norm_address,
    )
