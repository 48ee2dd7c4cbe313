"""The name table (tests/persons/spelling_table.py) through registration and matching: each pair
registered as two notifications with the same birth date and no address, as the school and the
police would send them. Recall and the false proposals are printed after the run.

The thresholds: recall at least 0.9. The table's last eleven pairs are harder on purpose, and two
of them are a name's form in another language (Turkish Hatice for Arabic Khadija, Mehmet for
Mohammed), which the folding leaves apart because one person keeps one of them: 74 of 76 are
found today, and a change that loses more than five of the rest should be looked at. At most
two false proposals: two names that differ only by a feminine ending (Amin / Amina, Ali Reza /
Alia Rezai) score as alike, and with no gender recorded only a person can tell them apart; staff
reject such a pair once and it is not proposed again.
"""

import datetime as dt

import pytest

from beredskab.persons import selectors
from beredskab.persons.models import NotificationPerson
from tests.intake.helpers import make_notification

from .spelling_table import DIFFERENT, SAME

pytestmark = pytest.mark.usefixtures("allerod_plan")

MIN_RECALL = 0.9
MAX_FALSE_PROPOSALS = 2


def birth_dates():
    """A birth date per pair; days after the 12th, so that no date is another's swapped."""
    day = dt.date(1985, 1, 13)
    while True:
        if day.day > 12:
            yield day
        day += dt.timedelta(days=1)


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


def register(name, born):
    return person_of(make_notification(person_name=name, person_birth_date=born))


def test_spellings_of_one_person_are_proposed_and_different_people_are_not(record_property):
    dates = birth_dates()
    pairs = [
        (same, language, register(a, born), register(b, born), a, b)
        for same, table in ((True, SAME), (False, DIFFERENT))
        for language, a, b in table
        for born in [next(dates)]
    ]

    found, missed, false, strays = 0, [], [], []
    for same, language, first, second, a, b in pairs:
        proposed = [match.person for match in selectors.possible_matches(second)]
        strays += [(b, p.name) for p in proposed if p != first]
        if same and first in proposed:
            found += 1
        elif same:
            missed.append(f"  {language}: {a} / {b}")
        elif first in proposed:
            false.append(f"  {language}: {a} / {b}")

    recall = found / len(SAME)
    summary = "\n".join(
        [
            f"Name matching: recall {recall:.2f} ({found} of {len(SAME)} pairs of one person "
            f"proposed), {len(false)} false proposals among {len(DIFFERENT)} pairs of "
            "different people with the same birth date.",
            "Not proposed:",
            *missed,
            "Proposed, but different people:",
            *false,
        ]
    )
    record_property("summary", summary)
    assert strays == []
    assert recall >= MIN_RECALL, summary
    assert len(false) <= MAX_FALSE_PROPOSALS, summary
