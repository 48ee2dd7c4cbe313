"""Validation of plan files: a broken file is refused with the file and the field named."""

import copy
import re

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from beredskab.plans.services import PlanFileError, parse_plan
from tests.conftest import ALLEROD_FILE, YAML_DUMPER


def broken(data, change):
    data = copy.deepcopy(data)
    change(data)
    return yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True)


def problems_of(text, name="plans/broken.yaml", language="en"):
    """The loader's message, in English as the command line shows it (or in `language`)."""
    with translation.override(language), pytest.raises(PlanFileError) as caught:
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


# In Danish on the upload page --------------------------------------------------------------------


def test_problems_are_in_danish_for_the_danish_pages(allerod_data):
    def change(d):
        d["contact"].pop("outside_hours")
        d["contact"]["opening_hours"]["monday"][0]["closes"] = "11:00"
        d["contact"]["phones"][0]["number"] = "ring til os"
        d["deadlines"]["receipt_workdays"] = 6
        d["deadlines"]["assessment_hours"] = "et døgn"
        d["plan"]["title"] = {"en": "Preparedness plan"}
        d["procedure"]["concern_types"][3]["steps"].pop("adult")
        d["partners"].append(copy.deepcopy(d["partners"][0]))

    message = problems_of(broken(allerod_data, change), language="da")

    assert "contact.outside_hours: feltet mangler" in message
    assert "contact.opening_hours.monday.0: lukketiden (11:00) skal ligge efter åbningstiden" in (
        message
    )
    assert "contact.phones.0.number: et telefonnummer har kun cifre og mellemrum" in message
    assert "deadlines.receipt_workdays: ukendt felt" in message
    assert "deadlines.assessment_hours: skal være et helt tal" in message
    assert "plan.title: dansk tekst (da) skal være udfyldt" in message
    assert "procedure.concern_types.3.steps: trin mangler for aldersgruppen: adult" in message
    for english in ("required", "missing", "must", "unknown", "Input should", "Value error"):
        assert english not in message


def test_a_file_that_is_not_yaml_is_named_in_danish():
    message = problems_of("municipality:\n  slug: [unclosed\n", "plans/x.yaml", language="da")

    assert message.startswith("plans/x.yaml: linje ")
    assert "er ikke gyldig YAML" in message


def test_the_command_line_stays_english(allerod_data, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(broken(allerod_data, lambda d: d["contact"].pop("outside_hours")))

    with translation.override("da"), pytest.raises(CommandError) as caught:
        call_command("load_plan", "--check", str(path))

    assert "contact.outside_hours: required field is missing" in str(caught.value)


# The plan's exact words ----------------------------------------------------------------------
# Each test below quotes the plan (the OCR text of Allerød's PDF, with æ, ø and å restored) and
# checks the file says what the plan says, or says why not in `ambiguities`.


def published_texts(data, path=""):
    """(path, text) for every text the pages may show: everything but `ambiguities`."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path == "" and key == "ambiguities":
                continue
            yield from published_texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from published_texts(value, f"{path}.{index}")
    elif isinstance(data, str):
        yield path, data


def ambiguities_text(data):
    return " ".join(" ".join(item.values()) for item in data["ambiguities"])


def test_viso_helps_with_honour_related_abuse_not_with_defamation(allerod_document, allerod_data):
    # Plan: "Social og Boligstyrelsen rådgiver fagpersoner, når en borger er udsat for
    # æreskrænkelse." An "æreskrænkelse" (ærekrænkelse) is defamation; the table is about
    # honour-related abuse, the plan's own "overgreb begrundet med ære".
    viso = next(p for p in allerod_document.partners if p.key == "viso")

    assert viso.offers["da"].startswith(
        "Social- og Boligstyrelsen rådgiver fagpersoner, når en borger er udsat for "
        "overgreb begrundet med ære."
    )
    assert "defamation" not in viso.offers["en"] and "violations of honour" not in viso.offers["en"]
    for path, text in published_texts(allerod_data):
        assert "ærekrænkelse" not in text.lower() and "æreskrænkelse" not in text.lower(), path
    assert "æreskrænkelse" in ambiguities_text(allerod_data)


def test_only_the_confirmed_family_address_is_published(allerod_data):
    # Plan, "Kontakt": "Mail: familier@alleroed.dk"; the front page and the table of actors write
    # "familier@allerod.dk". The municipality's domain is alleroed.dk.
    published = [path for path, text in published_texts(allerod_data) if "@allerod.dk" in text]

    assert published == []
    assert allerod_data["contact"]["emails"][0]["address"] == "familier@alleroed.dk"
    assert "familier@allerod.dk" in ambiguities_text(allerod_data)


def test_notes_for_the_municipality_stay_out_of_the_published_texts(allerod_data):
    for path, text in published_texts(allerod_data):
        for words in ("bør bekræfte", "skal bekræftes", "skal bekræfte", "bør kontrolleres"):
            assert words not in text, f"{path}: {text}"


def test_opening_hours_are_the_plans(allerod_document):
    # Plan, "Kontakt": "Åbningstid: Mandag 12-17, Tirsdag 8-12, Torsdag 12-17"; "Uden for
    # åbningstiden kontaktes Allerød Kommunes Sociale Døgnvagt via Nordsjællands Politi".
    hours = {
        day: [(span.opens.strftime("%H"), span.closes.strftime("%H")) for span in spans]
        for day, spans in allerod_document.contact.opening_hours.items()
    }

    assert hours == {
        "monday": [("12", "17")],
        "tuesday": [("08", "12")],
        "thursday": [("12", "17")],
    }
    assert allerod_document.contact.outside_hours.text["da"] == (
        "Uden for kommunens åbningstid kontakt den Sociale Døgnvagt via Nordsjællands Politi på "
        "telefon 4927 1448 (døgnåbent)."
    )


def test_the_tracks_name_the_units_the_plan_names(allerod_document, allerod_data):
    # Plan, table of actors: "Modtagelsen i afdelingen Borgerservice i Allerød Kommune er
    # ansvarlige for at handle i sager om æresrelaterede konflikter og negativ social kontrol på
    # børneområdet. Unge- og Social Indsats har ansvaret på voksenområdet."
    # "Procedure for håndtering": "Drejer henvendelsen sig om en borger over 18 år er Teamleder for
    # Administrativt team tovholder på indsatsen og sørger for at koordinere indsatsen med
    # kommunens Indsatsgruppe." The plan names no "Børneenhed".
    tracks = allerod_document.tracks

    assert tracks.child.unit["da"] == "børneområdet"
    assert tracks.adult.unit["da"] == "Unge- og Social Indsats"
    assert tracks.adult.coordinator["da"] == "Teamleder for Administrativt team"
    assert tracks.adult.group["da"] == "Indsatsgruppen"
    for path, text in published_texts(allerod_data):
        assert "Børneenhed" not in text, path


def test_a_track_needs_a_unit(allerod_data):
    def change(d):
        d["tracks"]["child"].pop("unit")

    assert "tracks.child.unit" in problems_of(broken(allerod_data, change))


def test_the_safe_space_is_said_once_for_each_age(allerod_document):
    # Plan: "Skab et trygt rum, hvor barnet/den unge føler sig tryg til at tale uden at andre
    # hører, ..." and "Skab et trygt rum, hvor borgeren føler sig tryg til at tale ...":
    # each age group's path starts there, so it is a common step for that age group only.
    procedure = allerod_document.procedure
    safe_space = [s for s in procedure.common_steps if s.text["da"].startswith("Skab et trygt rum")]

    assert [(s.age_group, s.text["da"][:40]) for s in safe_space] == [
        ("child", "Skab et trygt rum, hvor barnet/den unge "),
        ("adult", "Skab et trygt rum, hvor borgeren føler s"),
    ]
    for concern in procedure.concern_types:
        for steps in concern.steps.values():
            assert not any(s.text["da"].startswith("Skab et trygt rum") for s in steps)


def test_a_concern_types_own_step_has_no_age_group(allerod_data):
    def change(d):
        d["procedure"]["concern_types"][0]["steps"]["child"][0]["age_group"] = "child"

    assert "procedure.concern_types.0.steps" in problems_of(broken(allerod_data, change))


def test_no_page_numbers_on_a_web_page(allerod_data):
    # Plan: '... se afsnittet "Procedure ved sager om negativ social kontrol" på side 11.'
    for path, text in published_texts(allerod_data):
        assert "på side" not in text and "se side" not in text.lower(), path
        assert "on page" not in text, path
    assert "side 11" in ambiguities_text(allerod_data)


def test_114_is_the_polices_service_number_not_an_emergency_number(allerod_document):
    # Plan: "kontakt til politiet på 112 eller 114"; 114 is the police's service number,
    # for when it is not an emergency; 112 is the emergency number.
    acute = {a.number: a for a in allerod_document.contact.acute}

    assert acute["112"].emergency is True
    assert acute["114"].emergency is False
    assert "servicenummer" in acute["114"].label["da"]
    assert "akut" not in acute["114"].label["da"].lower()
    for language in allerod_document.languages:
        assert acute["114"].label.get(language.code), language.code


def test_the_municipalitys_own_anonymous_counselling(allerod_document):
    # Plan, "Indsatser rettet mod borgere": "Tilbud om åben anonym rådgivning".
    assert (
        allerod_document.contact.anonymous_counselling["da"] == "Tilbud om åben anonym rådgivning"
    )


def test_barnets_lov_15_3_is_quoted_with_extremism(allerod_data):
    # Plan: "Alle kommuner skal efter Barnets Lov § 15 Stk. 3 udarbejde et beredskab for håndtering
    # af æresrelaterede konflikter og negativ social kontrol blandt børn, unge og deres familier."
    # The Act (§ 15, stk. 3): "et beredskab til forebyggelse, opsporing og håndtering af negativ
    # social kontrol, æresrelaterede konflikter og ekstremisme blandt børn, unge og deres familier".
    quoting = [
        (path, text)
        for path, text in published_texts(allerod_data)
        if "15, stk. 3" in text and "udarbejde et beredskab" in text
    ]

    assert quoting
    for path, text in quoting:
        assert (
            "forebyggelse, opsporing og håndtering af negativ social kontrol, æresrelaterede "
            "konflikter og ekstremisme blandt børn, unge og deres familier"
        ) in text, path
    assert "ekstremisme" in ambiguities_text(allerod_data)


def test_the_definitions_come_from_the_guidance_to_the_act(allerod_document, allerod_data):
    # Plan: "Definition fra Barnets Lov" under both definitions. The Act does not define the
    # terms; the wording is the guidance's (vejledningen til Barnets Lov).
    for definition in allerod_document.definitions:
        assert definition.source["da"] == "Definition fra vejledningen til Barnets Lov"
        assert "guidance" in definition.source["en"]
    assert "Definition fra Barnets Lov" in ambiguities_text(allerod_data)


def test_an_initiative_and_its_partner_are_not_named_twice(allerod_document):
    # "Den Sociale Døgnvagt – Social Døgnvagt": the referral list shows an initiative with its
    # partner's name unless the initiative's name already holds it.
    partners = {p.key: p.name for p in allerod_document.partners}
    for item in allerod_document.initiative_types:
        if item.partner:
            for language in ("da", "en"):
                name, partner = item.name[language], partners[item.partner][language]
                assert partner in name or not shared_words(name, partner), (name, partner)


def shared_words(first, second):
    """The names two labels share (capitalised words: "Døgnvagt", "SIRI")."""

    def names(text):
        return {w.lower().removesuffix("'s") for w in re.findall(r"\b[A-ZÆØÅ][\w']{2,}", text)}

    return names(first) & names(second)


def test_an_acute_label_does_not_repeat_its_number(allerod_document):
    # The pages show the number beside its label: "112 Alarm 112 – ..." said it twice.
    for acute in allerod_document.contact.acute:
        for language, label in acute.label.items():
            assert acute.number not in label, (language, label)


def test_the_press_annex_and_the_indsatsgruppe_may_be_left_out(allerod_data):
    data = copy.deepcopy(allerod_data)
    del data["press"], data["intervention_group"]

    document = parse_plan(yaml.safe_dump(data, allow_unicode=True), "plans/x.yaml")

    assert document.press is None
    assert document.intervention_group is None


def test_the_age_limits_are_the_plans(allerod_data):
    def change(d):
        d["tracks"]["adult_from_age"] = 18
        d["tracks"]["support_until_age"] = 17

    assert "support_until_age" in problems_of(broken(allerod_data, change))

    def too_young(d):
        d["tracks"]["adult_from_age"] = 14

    assert "tracks.adult_from_age" in problems_of(broken(allerod_data, too_young))


def test_extremism_covered_here_needs_its_text(allerod_data):
    def change(d):
        d["extremism"] = {"covered_here": True}

    assert "extremism.text" in problems_of(broken(allerod_data, change), language="da")


def test_allerod_links_its_separate_plan_against_extremism(allerod_document):
    # The plan's introduction: written alongside "kommunens Beredskabsplan til forebyggelse,
    # opsporing og håndtering af ekstremisme"; it gives no address for it.
    extremism = allerod_document.extremism

    assert extremism.covered_here is False
    assert "håndtering af ekstremisme" in extremism.separate_plan_title
    assert extremism.separate_plan_url is None


def test_a_site_has_its_own_phones_and_hours(allerod_data):
    def change(d):
        d["contact"]["sites"] = [
            {
                "key": "youth",
                "name": "Ungelinjen",
                "phones": [{"key": "youth", "label": "Ungelinjen", "number": "ring"}],
            }
        ]

    assert "contact.sites.0.phones.0.number" in problems_of(broken(allerod_data, change))


@pytest.mark.parametrize("name", ["eksempelby", "modelstrup"])
def test_the_example_plans_reach_no_one(plan_documents, name):
    document = plan_documents[name]
    numbers = [p.number for p in document.contact.phones] + [document.contact.outside_hours.phone]
    numbers += [p.number for site in document.contact.sites for p in site.phones]
    numbers += [a.phone for a in document.actors if a.phone]
    emails = [e.address for e in document.contact.emails] + [a.email for a in document.actors]

    assert document.municipality.example is True
    # Danish numbers that begin with 0 are reserved in the national numbering plan.
    assert all(number.startswith("0") for number in numbers), numbers
    assert all(email.endswith(".invalid") for email in emails if email), emails
    assert document.municipality.website.startswith(f"https://{name}.example.org")
