"""Fictional persons for the scale data: names as a Danish municipality meets them (Danish,
Arabic, Turkish, Somali, Urdu, Persian, Kurdish), each name in the ways it is written in Latin
letters, birth dates or only an age, and addresses spread as households are.

Every combination is made up. A repeated notification about a person (the warning sign the
matcher exists for) is written with another of the name's spellings, as a second notifier would.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from beredskab.intake.models import REFERENCE_ALPHABET
from beredskab.persons.normalise import fold_name, name_key, normalise_address, normalise_name

# A notification about a person notified before (with another spelling of the name), and how
# many such persons are remembered to draw from.
REPEAT_SHARE = 0.15
KNOWN_PERSONS = 20_000
# The columns of the rows made here (bench.generator.Table).
PERSON_COLUMNS = (
    "id reference name birth_date birth_year address norm_name norm_address name_fold name_key "
    "created_at"
)
LINK_COLUMNS = "id notification_id person_id role linked_at linked_by_id name address cpr"

# Each group is one name in its usual spellings; the first is the most common.
FIRST = {
    "arabisk": [
        ("Mohammed", "Muhammad", "Mohamed", "Mohammad"),
        ("Ahmed", "Ahmad"),
        ("Ali",),
        ("Omar", "Umar"),
        ("Youssef", "Yusuf", "Yousef"),
        ("Hussein", "Husain", "Hussain"),
        ("Hassan", "Hasan"),
        ("Ibrahim", "Ebrahim"),
        ("Khalid", "Khaled"),
        ("Mustafa", "Moustafa", "Mostafa"),
        ("Abdul Rahman", "Abdulrahman", "Abdelrahman"),
        ("Fatima", "Fatimah", "Fatma"),
        ("Aisha", "Ayesha", "Aicha"),
        ("Khadija", "Khadidja"),
        ("Maryam", "Mariam"),
        ("Layla", "Leila", "Laila"),
        ("Noor", "Nour", "Nur"),
        ("Yasmin", "Yasmine", "Jasmin"),
        ("Zainab", "Zaynab", "Zeinab"),
        ("Amina", "Aminah"),
        ("Sara", "Sarah"),
        ("Hanan",),
        ("Rania",),
        ("Samira",),
    ],
    "tyrkisk": [
        ("Mehmet",),
        ("Mustafa",),
        ("Hüseyin", "Huseyin"),
        ("Emre",),
        ("Yusuf",),
        ("Ömer", "Omer"),
        ("Ayşe", "Ayse"),
        ("Elif",),
        ("Zeynep", "Zeynap"),
        ("Emine",),
        ("Merve",),
        ("Büşra", "Busra"),
        ("Esra",),
        ("Hatice",),
    ],
    "somali": [
        ("Mohamed", "Maxamed", "Mohammed"),
        ("Abdirahman", "Abdurahman", "Cabdiraxmaan"),
        ("Abdi", "Cabdi"),
        ("Ahmed", "Axmed"),
        ("Hassan", "Xasan"),
        ("Faadumo", "Fadumo", "Fatuma"),
        ("Hodan",),
        ("Ayaan", "Ayan"),
        ("Khadra", "Khadro"),
        ("Sahra", "Sahro"),
        ("Hawa", "Xawa"),
        ("Ifrah",),
        ("Ilhan",),
    ],
    "urdu": [
        ("Muhammad", "Mohammad"),
        ("Usman", "Osman"),
        ("Bilal",),
        ("Imran", "Imraan"),
        ("Hamza",),
        ("Ayesha", "Aisha"),
        ("Sana",),
        ("Zainab", "Zeinab"),
        ("Hira",),
        ("Maryam", "Mariam"),
        ("Iqra",),
    ],
    "farsi": [
        ("Mohammad", "Mohammed"),
        ("Mohammadreza", "Mohammad Reza"),
        ("Ali",),
        ("Hossein", "Hussein"),
        ("Mehdi", "Mahdi"),
        ("Reza",),
        ("Zahra",),
        ("Fatemeh", "Fatima"),
        ("Maryam", "Mariam"),
        ("Farzaneh", "Farzana"),
        ("Shirin",),
        ("Parisa",),
        ("Nasrin", "Nesrin"),
    ],
    "kurdisk": [
        ("Rebin", "Rêbîn"),
        ("Khalid", "Xalid"),
        ("Dilshad", "Dilşad"),
        ("Sherko", "Şêrko"),
        ("Hevi", "Hêvî"),
        ("Shilan", "Şîlan"),
        ("Nasrin", "Nesrin"),
        ("Bahar",),
        ("Rojin",),
    ],
    "dansk": [
        ("Mette",),
        ("Anne", "Ane"),
        ("Camilla", "Kamilla"),
        ("Louise",),
        ("Sofie", "Sophie"),
        ("Ida",),
        ("Emma",),
        ("Freja", "Freya"),
        ("Lars",),
        ("Søren", "Soeren"),
        ("Mads",),
        ("Frederik",),
        ("Christian", "Kristian"),
        ("Mikkel",),
        ("Oliver",),
        ("William",),
    ],
}
FAMILY = {
    "arabisk": [
        ("Ali",),
        ("Hassan", "Hasan"),
        ("Haddad", "Hadad"),
        ("Al-Khatib", "Khatib", "El Khatib"),
        ("Mansour", "Mansur"),
        ("Saleh", "Salih"),
        ("Abdullah", "Abdulla"),
        ("Ibrahim", "Ebrahim"),
        ("Benali", "Ben Ali"),
        ("Al-Masri", "El Masri", "Masri"),
        ("Khalil", "Khaleel"),
        ("Nasser", "Nasir"),
        ("Qasim", "Kassem", "Kasim"),
        ("Mahmoud", "Mahmud"),
        ("Abu Zaid", "Abuzaid"),
        ("Farouk", "Faruk"),
        ("Hamdan",),
        ("Darwish", "Darwiche"),
    ],
    "tyrkisk": [
        ("Yılmaz", "Yilmaz"),
        ("Kaya",),
        ("Demir",),
        ("Şahin", "Sahin"),
        ("Çelik", "Celik"),
        ("Yıldız", "Yildiz"),
        ("Öztürk", "Ozturk"),
        ("Aydın", "Aydin"),
        ("Doğan", "Dogan"),
        ("Arslan",),
        ("Kara",),
    ],
    "somali": [
        ("Warsame", "Warsama"),
        ("Hersi", "Hirsi", "Xirsi"),
        ("Osman", "Cusmaan"),
        ("Yusuf", "Yuusuf"),
        ("Nuur", "Nur"),
        ("Farah", "Faarax"),
        ("Abdi", "Cabdi"),
        ("Jama", "Jaamac"),
        ("Omar", "Cumar"),
        ("Ali", "Cali"),
        ("Aden", "Aadan"),
    ],
    "urdu": [
        ("Khan",),
        ("Chaudhry", "Chaudhary"),
        ("Siddiqui", "Siddiqi"),
        ("Qureshi", "Kureishi"),
        ("Akhtar", "Akhter"),
        ("Iqbal", "Ikbal"),
        ("Shah",),
        ("Malik",),
        ("Butt",),
        ("Hussain", "Husain"),
    ],
    "farsi": [
        ("Ahmadi",),
        ("Hosseini", "Hoseini"),
        ("Karimi",),
        ("Rezaei", "Rezai"),
        ("Mohammadi", "Mohamadi"),
        ("Jafari", "Jaafari"),
        ("Mousavi", "Musavi"),
        ("Sadeghi", "Sadeqi"),
        ("Ghorbani", "Qorbani"),
        ("Tehrani",),
        ("Rahimi",),
    ],
    "kurdisk": [
        ("Barzani",),
        ("Ahmed", "Ehmed"),
        ("Rashid", "Reşîd"),
        ("Mahmud", "Mehmud"),
        ("Kurdi",),
        ("Talabani",),
        ("Zebari",),
        ("Amedi", "Amêdî"),
    ],
    "dansk": [
        ("Jensen", "Jenssen"),
        ("Nielsen", "Nilsen"),
        ("Hansen", "Hanssen"),
        ("Pedersen", "Petersen"),
        ("Andersen",),
        ("Christensen", "Kristensen"),
        ("Larsen",),
        ("Sørensen", "Sorensen"),
        ("Rasmussen",),
        ("Jørgensen", "Joergensen"),
        ("Møller", "Moeller"),
        ("Mikkelsen", "Michelsen"),
        ("Olsen",),
        ("Madsen",),
    ],
}
# How often a name has a second first name (for Arabic, Somali and Urdu names often the father's).
SECOND_FIRST_NAME = {"arabisk": 0.4, "somali": 0.4, "urdu": 0.4, "dansk": 0.2}
LANGUAGE_NAMES = {"engelsk": "dansk"}  # the scale data's other languages: names as in Denmark
STREETS = [
    "Skolevej",
    "Kirkevej",
    "Bakkevej",
    "Stationsvej",
    "Engvej",
    "Parkvej",
    "Lindevej",
    "Egevej",
    "Søndergade",
    "Nørregade",
    "Vestergade",
    "Østergade",
    "Møllevej",
    "Birkevej",
    "Rosenvænget",
    "Solvej",
    "Fasanvej",
    "Ahornvej",
    "Bøgevej",
    "Granvej",
]
TOWNS = [
    "3450 Allerød",
    "3460 Birkerød",
    "3400 Hillerød",
    "2800 Kongens Lyngby",
    "2970 Hørsholm",
    "8000 Aarhus C",
    "5000 Odense C",
    "9000 Aalborg",
    "2300 København S",
    "2200 København N",
    "6700 Esbjerg",
    "7100 Vejle",
]


def _spelling(rng, group, *, other_than=None) -> str:
    """Mostly the common spelling; another one now and then, and always when asked for."""
    if other_than is not None and len(group) > 1:
        return rng.choice([spelling for spelling in group if spelling != other_than])
    return group[0] if rng.random() < 0.7 else rng.choice(group)


def new_name(rng, language: str) -> tuple:
    """A name as (language, [(group, spelling) per part]): one or two first names and a family
    name."""
    names = LANGUAGE_NAMES.get(language, language)
    firsts, families = FIRST[names], FAMILY[names]
    parts = [rng.choice(firsts)]
    if rng.random() < SECOND_FIRST_NAME.get(names, 0):
        parts.append(rng.choice(firsts))
    parts.append(rng.choice(families))
    return language, [(group, _spelling(rng, group)) for group in parts]


def respelled(rng, name: tuple) -> tuple:
    """The same name as another notifier writes it: another spelling of one part."""
    language, parts = name
    variable = [i for i, (group, _) in enumerate(parts) if len(group) > 1]
    if not variable:
        return name
    i = rng.choice(variable)
    group, spelling = parts[i]
    changed = list(parts)
    changed[i] = (group, _spelling(rng, group, other_than=spelling))
    return language, changed


def written(name: tuple) -> str:
    return " ".join(spelling for _group, spelling in name[1])


def birth(rng, age: int | None, on: dt.date) -> dt.date | None:
    """A birth date that gives the age on the day (None without an age)."""
    if age is None:
        return None
    latest = (
        on.replace(year=on.year - age)
        if not (on.month == 2 and on.day == 29)
        else (on.replace(year=on.year - age, day=28))
    )
    return latest - dt.timedelta(days=rng.randint(0, 364))


FLOORS = ["", "st. tv.", "st. th.", "1. tv.", "1. th.", "2. tv.", "2. th.", "3. mf."]


def address(rng) -> str:
    """One of some 770,000 addresses: at 10^6 notifications a person rarely shares one with
    someone else, as households in a country."""
    floor = rng.choice(FLOORS)
    number = f"{rng.randint(1, 400)}{', ' + floor if floor else ''}"
    return f"{rng.choice(STREETS)} {number}, {rng.choice(TOWNS)}"


def person_reference_for(number: int) -> str:
    """Like generator.reference_for, for persons: a bijection onto 60 bits, P-XXXX-XXXX-XXXX."""
    value = (number * 0x9E3779B97F4A7C15 + 0x5DEECE66D) % (1 << 60)
    code = "".join(REFERENCE_ALPHABET[(value >> (5 * i)) & 31] for i in range(12))
    return f"P-{code[:4]}-{code[4:8]}-{code[8:]}"


@lru_cache(maxsize=200_000)
def _name_keys(name: str) -> tuple[str, str, str]:
    return normalise_name(name), fold_name(name), name_key(name)


@dataclass
class Described:
    """A person as one notification describes them."""

    language: str
    name: str
    birth_date: dt.date | None
    age: int | None
    address: str
    on: dt.date  # the day the notification came in

    def row(self, pid: int, created_at) -> tuple:
        """The Person row persons.services.link_persons makes without a CPR number: a new
        person with its matching keys (PERSON_COLUMNS)."""
        norm_name, folded, key = _name_keys(self.name)
        year: int | None
        if self.birth_date:
            year = self.birth_date.year
        else:
            year = self.on.year - self.age if self.age is not None else None
        return (
            pid,
            person_reference_for(pid),
            self.name,
            self.birth_date,
            year,
            self.address,
            norm_name,
            normalise_address(self.address),
            folded,
            key,
            created_at,
        )

    def link(self, link_id, nid, pid, linked_at, linked_by) -> tuple:
        """The person at risk's link to the notification (LINK_COLUMNS)."""
        by = linked_by[0] if linked_by else None
        # (the person at risk is described by the notification itself, not on the link)
        return (link_id, nid, pid, "at_risk", linked_at, by, "", "", "")


class Persons:
    """The persons notified in one run of the generator."""

    def __init__(self, rng: random.Random, languages: Sequence[str]) -> None:
        self.rng = rng
        self.languages = languages
        self.known: dict[str, list] = {}

    def describe(self, day: dt.date, age: int | None, age_group: str) -> Described:
        """The person a notification received on `day` is about. Mostly someone new; now and
        then (REPEAT_SHARE) a person notified before, with another spelling of the name. The
        birth date is given in seven notifications of ten (otherwise only the age), the address
        in six."""
        rng = self.rng
        known = self.known.setdefault(age_group, [])
        if known and rng.random() < REPEAT_SHARE:
            name, born, home = rng.choice(known)
            name = respelled(rng, name)
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        else:
            name = new_name(rng, rng.choice(self.languages))
            born, home = birth(rng, age, day), address(rng)
            if born is not None and len(known) < KNOWN_PERSONS:
                known.append((name, born, home))
            elif born is not None:
                known[rng.randrange(KNOWN_PERSONS)] = (name, born, home)
        return Described(
            language=name[0],
            name=written(name),
            birth_date=born if born is not None and rng.random() < 0.7 else None,
            age=age,
            address=home if rng.random() < 0.6 else "",
            on=day,
        )


def _spellings() -> list[tuple[str, tuple]]:
    """Every spelling that has another, longest first (so "Abdul Rahman" before "Rahman")."""
    found = {
        spelling: group
        for groups in (*FIRST.values(), *FAMILY.values())
        for group in groups
        if len(group) > 1
        for spelling in group
    }
    return sorted(found.items(), key=lambda item: -len(item[0]))


def respell(rng, text: str) -> str:
    """A written name as another notifier may write it: one part with another spelling (the
    name unchanged when none of its parts has another)."""
    words = f" {text} "
    for spelling, group in _spellings():
        if f" {spelling} " in words:
            other = _spelling(rng, group, other_than=spelling)
            return words.replace(f" {spelling} ", f" {other} ", 1).strip()
    return text
