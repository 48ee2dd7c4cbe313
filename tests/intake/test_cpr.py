"""CPR numbers: the date and century are checked; a bad number is refused with a reason."""

import datetime as dt

import pytest

from beredskab import cpr


@pytest.mark.parametrize(
    "number, born",
    [
        ("010203-1234", dt.date(1903, 2, 1)),  # 7th digit 1: 1900s
        ("0102034234", dt.date(2003, 2, 1)),  # 4 and year <= 36: 2000s
        ("010240-4234", dt.date(1940, 2, 1)),  # 4 and year > 36: 1900s
        ("010210-5234", dt.date(2010, 2, 1)),  # 5-8 and year <= 57: 2000s
        ("010260-5234", dt.date(1860, 2, 1)),  # 5-8 and year > 57: 1800s
        ("290212 9999", dt.date(2012, 2, 29)),  # 9 and leap day
    ],
)
def test_birth_date(number, born):
    assert cpr.birth_date(number) == born


@pytest.mark.parametrize(
    "number", ["3102031234", "0013031234", "12345", "abcdefghij", "290213-4234"]
)
def test_invalid(number):
    with pytest.raises(cpr.InvalidCPR):
        cpr.birth_date(number)


def test_masked_hides_the_serial():
    assert cpr.masked("010203-1234") == "010203-xxxx"


def test_age():
    assert cpr.age_on(dt.date(2008, 11, 27), dt.date(2026, 11, 26)) == 17
    assert cpr.age_on(dt.date(2008, 11, 26), dt.date(2026, 11, 26)) == 18
