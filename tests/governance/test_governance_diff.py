"""The comparison of two plan versions names each changed field with its old and new value."""

import copy

import pytest

from beredskab.governance.diff import ADDED, CHANGED, REMOVED, diff_documents
from beredskab.plans.schema import PlanDocument


def dump(data) -> dict:
    return PlanDocument.model_validate(data).model_dump(mode="json")


@pytest.fixture
def old(allerod_data):
    return dump(allerod_data)


@pytest.fixture
def data(allerod_data):
    return copy.deepcopy(allerod_data)


def partner(data, key):
    return next(p for p in data["partners"] if p["key"] == key)


def as_text(changes):
    return [str(change) for change in changes]


def test_the_same_document_has_no_changes(old):
    assert diff_documents(old, copy.deepcopy(old)) == []


def test_a_changed_phone_number_is_named_by_the_partners_key(old, data):
    partner(data, "red_safehouse")["phone"] = "70 27 76 67"

    changes = diff_documents(old, dump(data))

    assert as_text(changes) == ["partners[red_safehouse].phone: 70 27 76 66 → 70 27 76 67"]
    assert changes[0].kind == CHANGED


def test_an_added_partner_is_one_added_item(old, data):
    data["partners"].append(
        {"key": "krisecenter", "name": "Krisecenter Nord", "offers": "Ophold", "for_whom": "Alle"}
    )

    changes = diff_documents(old, dump(data))

    assert [(c.path, c.kind, c.new_display) for c in changes] == [
        ("partners[krisecenter]", ADDED, "Krisecenter Nord (krisecenter)")
    ]


def test_a_removed_warning_sign_does_not_shift_the_signs_after_it(old, data):
    removed = data["warning_signs"]["signs"].pop(2)
    for language in data.get("languages", []):  # translated sign by sign
        signs = language.get("texts", {}).get("warning_signs.signs")
        if signs:
            signs.pop(2)

    changes = diff_documents(old, dump(data))

    # The sign, and its translation in each language that has the signs (nothing else).
    assert {(c.path.split("texts.")[-1], c.kind) for c in changes} == {
        ("warning_signs.signs[3]", REMOVED)
    }
    assert changes[0].path == "warning_signs.signs[3]"  # counted from 1
    assert changes[0].kind == REMOVED
    assert changes[0].old_display == (removed["da"] if isinstance(removed, dict) else removed)


def test_a_changed_opening_hour(old, data):
    data["contact"]["opening_hours"]["monday"][0]["closes"] = "16:00"

    assert as_text(diff_documents(old, dump(data))) == [
        "contact.opening_hours.monday[1].closes: 17:00 → 16:00"
    ]


def test_texts_are_compared_per_language(old, data):
    note = data["contact"]["phones"][0]["note"]
    note["en"] = "Call us."

    changes = diff_documents(old, dump(data))

    assert [(c.path, c.new_display) for c in changes] == [
        ("contact.phones[main].note.en", "Call us.")
    ]


def test_a_new_order_of_phones_is_a_change_because_the_first_is_the_main_number(old, data):
    data["contact"]["phones"].append(
        {"key": "duty", "label": "Vagttelefon", "number": "48 100 200"}
    )
    data["contact"]["phones"].reverse()

    paths = [c.path for c in diff_documents(old, dump(data))]

    assert "contact.phones[duty]" in paths
    assert "contact.phones (rækkefølge)" in paths
