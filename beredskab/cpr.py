"""Danish CPR numbers (personnummer): DDMMYY-SSSS; the 7th digit and the year give the century.

Since 2007 numbers need not pass the modulus-11 check, so only the date is validated. A CPR
number is a confidential identifier: never log it, put it in a URL or show it in full in lists.
"""

from __future__ import annotations

import datetime as dt
import re

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


class InvalidCPR(ValueError):
    pass


def normalise(value: str) -> str:
    """'010203-1234', '0102031234' or '010203 1234' -> '0102031234'."""
    compact = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"\d{10}", compact):
        raise InvalidCPR("et CPR-nummer har 10 cifre, fx 010203-1234")
    return compact


def birth_date(value: str) -> dt.date:
    compact = normalise(value)
    day, month, year2, serial = (
        int(compact[0:2]),
        int(compact[2:4]),
        int(compact[4:6]),
        compact[6:],
    )
    century_digit = int(serial[0])
    if century_digit <= 3:
        century = 1900
    elif century_digit in (4, 9):
        century = 2000 if year2 <= 36 else 1900
    else:  # 5-8
        century = 2000 if year2 <= 57 else 1800
    try:
        return dt.date(century + year2, month, day)
    except ValueError as exc:
        raise InvalidCPR("de første seks cifre skal være en rigtig dato (DDMMÅÅ)") from exc


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def masked(value: str) -> str:
    """'0102031234' -> '010203-xxxx' for display where the full number is not needed."""
    try:
        compact = normalise(value)
    except InvalidCPR:
        return ""
    return f"{compact[:6]}-xxxx"
