"""Validation of plan files: a broken file is refused with the file and the field named."""

import copy

import pytest
import yaml

from beredskab.plans.services import PlanFileError, parse_plan
from tests.conftest import ALLEROD_FILE


def broken(data, change):
    data = copy.deepcopy(data)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True)


def problems_of(text, name="plans/broken.yaml"):
    with pytest.raises(PlanFileError) as caught:
        parse_plan(text, name)
    return str(caught.value)


def test_allerod_file_is_valid():
    document = parse_plan(ALLEROD_FILE.read_text(encoding="utf-8"), str(ALLEROD_FILE))

    assert document.municipality.slug == "allerod"
    assert document.main_phone.number == "48 100 100"
    assert document.contact.outside_hours.phone == "4927 1448"
    assert [c.key for c in document.procedure.concern_types] == [
        "social_control",
        "honour_abuse",
        "forced_marriage",
        "stay_abroad",
    ]


def test_missing_field_names_file_and_field(allerod_data):
    text = broken(allerod_data, lambda d: d["contact"].pop("outside_hours"))

    message = problems_of(text)

    assert "plans/broken.yaml: contact.outside_hours: required field is missing" in message


def test_misspelled_field_is_refused(allerod_data):
    text = broken(allerod_data, lambda d: d["deadlines"].update(receipt_workdays=6))

    assert "deadlines.receipt_workdays: unknown field" in problems_of(text)


def test_wrong_type_names_nested_field(allerod_data):
    def change(d):
        d["contact"]["opening_hours"]["monday"][0]["closes"] = "11:00"

    message = problems_of(broken(allerod_data, change))

    assert "contact.opening_hours.monday.0" in message
    assert "must be after opens" in message


def test_revision_more_than_four_years_after_adoption_is_refused(allerod_data):
    def change(d):
        d["plan"]["next_revision"] = "2029-01-01"

    assert "more than four years" in problems_of(broken(allerod_data, change))


def test_text_without_danish_is_refused(allerod_data):
    def change(d):
        d["plan"]["title"] = {"en": "Preparedness plan"}

    assert "plan.title: Danish text (da) is required" in problems_of(broken(allerod_data, change))


def test_concern_type_without_adult_steps_is_refused(allerod_data):
    def change(d):
        d["procedure"]["concern_types"][3]["steps"].pop("adult")

    message = problems_of(broken(allerod_data, change))

    assert "procedure.concern_types.3.steps" in message
    assert "adult" in message


def test_duplicate_keys_are_refused(allerod_data):
    def change(d):
        d["partners"].append(copy.deepcopy(d["partners"][0]))

    assert "partner key" in problems_of(broken(allerod_data, change))


def test_impossible_closed_day_is_refused(allerod_data):
    def change(d):
        d["contact"]["extra_closed_days"].append({"date": "02-30", "name": "Ingen dag"})

    assert "is not a real date" in problems_of(broken(allerod_data, change))


def test_bad_phone_number_is_refused(allerod_data):
    def change(d):
        d["contact"]["phones"][0]["number"] = "ring til os"

    assert "contact.phones.0.number" in problems_of(broken(allerod_data, change))


def test_yaml_syntax_error_names_the_line():
    message = problems_of("municipality:\n  slug: [unclosed\n", "plans/x.yaml")

    assert message.startswith("plans/x.yaml: line ")
    assert "not valid YAML" in message


def test_a_list_at_the_top_is_refused():
    assert "must be a YAML mapping" in problems_of("- a\n- b\n")


def test_unknown_language_is_refused(allerod_data):
    def change(d):
        d["plan"]["title"] = {"da": "Plan", "sv": "Plan"}

    assert "unknown language" in problems_of(broken(allerod_data, change))
