"""Matching keys: the same name spelled the Danish way or not, in any case, with any punctuation,
gives the same key."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beredskab.persons.normalise import normalise_address, normalise_name

DANISH = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA"}
letters = st.text(alphabet=string.ascii_letters + "æøåÆØÅéüö", min_size=1, max_size=12)
separators = st.text(alphabet=" ,.-'\t", min_size=1, max_size=3)
names = st.lists(letters, min_size=1, max_size=4)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Aisha Ølgaard", "aisha oelgaard"),
        ("ÅSE ÆRØ", "Aase Aeroe"),
        ("José  Müller-Hansen", "jose muller hansen"),
        ("Testvej 1, 3450 Allerød", "testvej 1 3450 alleroed"),
        ("  Søren   Kierkegaard. ", "soeren kierkegaard"),
    ],
)
def test_spellings_of_one_name_give_one_key(one, other):
    assert normalise_name(one) == normalise_name(other)


def test_different_names_stay_different():
    assert normalise_name("Aisha Ølgaard") != normalise_name("Aisha Olgaard")
    assert normalise_name("") == ""


@given(st.text())
def test_normalising_twice_changes_nothing(value):
    assert normalise_name(normalise_name(value)) == normalise_name(value)


@given(names)
def test_case_is_ignored(words):
    name = " ".join(words)
    assert normalise_name(name.upper()) == normalise_name(name.lower()) == normalise_name(name)


@given(names)
def test_danish_letters_and_their_two_letter_spelling_match(words):
    name = " ".join(words)
    spelled_out = "".join(DANISH.get(c, c) for c in name)
    assert normalise_name(spelled_out) == normalise_name(name)


@given(names, st.data())
def test_punctuation_and_spaces_between_words_are_ignored(words, data):
    glued = "".join(word + data.draw(separators) for word in words)
    assert normalise_name(glued) == normalise_name(" ".join(words))


@given(st.text())
def test_keys_are_lower_case_words_separated_by_single_spaces(value):
    key = normalise_name(value)
    assert key == key.strip()
    assert "  " not in key
    assert not any(c in key for c in "æøå,.-")
    assert key == key.casefold()


@given(names)
def test_addresses_ignore_commas(words):
    assert normalise_address(", ".join(words)) == normalise_address(" ".join(words))
