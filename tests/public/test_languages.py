"""The public pages in the languages the plan file adds: in the URL, reviewed before they are
public, previewed by staff, right to left where the language is written so."""

import copy
import re

import pytest
from django.utils import translation

from beredskab.plans.languages import collect_missing
from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan
from tests.conftest import ALLEROD_FILE
from tests.intake.helpers import form_data

SHIPPED = ["let-dansk", "ar", "fa", "ur", "ckb", "so", "tr"]
RIGHT_TO_LEFT = {"ar", "fa", "ur", "ckb"}
PAGES = ["/{code}/", "/{code}/unge/", "/{code}/underret/borger/"]


@pytest.fixture
def reviewed(db, allerod_data):
    """Allerød's plan with the given languages marked reviewed by the municipality."""

    def load(*codes):
        data = copy.deepcopy(allerod_data)
        for language in data["languages"]:
            language["reviewed"] = language["code"] in codes
        load_plan(PlanDocument.model_validate(data), source_name=ALLEROD_FILE.name)

    return load


@pytest.fixture
def staff(staff_client):
    return staff_client("modtagelsen")


def test_allerods_file_ships_the_languages_unreviewed(allerod_document):
    assert [language.code for language in allerod_document.languages] == SHIPPED
    assert not any(language.reviewed for language in allerod_document.languages)


def test_an_unreviewed_language_is_not_public(client, allerod_plan):
    for path in ["/ar/", "/ar/unge/", "/ar/underret/borger/"]:
        assert client.get(path).status_code == 404, path


def test_only_danish_and_english_are_offered_to_the_public(client, allerod_plan):
    page = client.get("/").content.decode()

    assert 'hreflang="en"' in page
    assert "العربية" not in page
    assert "/ar/" not in page


def test_staff_preview_an_unreviewed_language(staff, allerod_plan):
    response = staff.get("/ar/")
    page = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert "هل أنت قلق" in page
    assert "Forhåndsvisning" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["Content-Language"] == "ar"


def test_staff_see_every_shipped_language_in_the_chooser_marked_as_preview(staff, allerod_plan):
    page = staff.get("/").content.decode()

    for code in SHIPPED:
        assert f'href="/{code}/"' in page, code
    assert page.count("(forhåndsvisning)") == len(SHIPPED)


def test_a_reviewed_language_is_public_and_in_the_chooser(client, reviewed):
    reviewed("ar")

    danish = client.get("/").content.decode()
    response = client.get("/ar/")

    assert '<a href="/ar/" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in danish
    assert "/so/" not in danish
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert "Forhåndsvisning" not in response.content.decode()


def test_the_chooser_names_each_language_in_itself(staff, allerod_plan):
    page = staff.get("/so/").content.decode()

    for name in ["Dansk", "English", "Let dansk", "العربية", "فارسی", "اردو", "کوردی", "Soomaali"]:
        assert name in page
    assert '<span class="language-current" aria-current="true" lang="so" dir="ltr">Soomaali' in page


def test_the_chooser_keeps_the_page(staff, allerod_plan):
    page = staff.get("/ar/unge/").content.decode()

    assert 'href="/unge/" hreflang="da"' in page
    assert 'href="/en/unge/" hreflang="en"' in page
    assert 'href="/tr/unge/" hreflang="tr"' in page


def test_professional_pages_stay_danish_and_english(staff, allerod_plan):
    page = staff.get("/ar/").content.decode()

    assert staff.get("/ar/fagperson/").status_code == 404
    assert 'href="/fagperson/" hreflang="da"' in page


def test_links_on_a_language_page_stay_in_the_language(staff, allerod_plan):
    page = staff.get("/fa/").content.decode()

    assert 'href="/fa/underret/borger/"' in page
    assert 'href="/fa/unge/"' in page


def test_phone_numbers_read_left_to_right_on_a_right_to_left_page(
    staff, allerod_plan, time_machine
):
    time_machine.move_to("2026-11-25 13:00+01:00", tick=False)  # a Wednesday: outside the hours

    page = staff.get("/ar/").content.decode()

    assert '<a class="phone-link" href="tel:+4548100100" dir="ltr">48 100 100</a>' in page
    # A number inside a translated text is isolated as left-to-right text (and made a link).
    assert (
        '\u2066<a class="phone-link" href="tel:+4549271448" dir="ltr">4927 1448</a>\u2069' in page
    )


def test_the_language_is_not_kept_after_the_request(staff, allerod_plan):
    staff.get("/ar/")

    assert translation.get_language() != "ar"


def test_citizen_form_and_receipt_in_a_language(client, reviewed):
    reviewed("tr")

    form = client.get("/tr/underret/borger/").content.decode()
    response = client.post(
        "/tr/underret/borger/",
        form_data(
            {
                "about": "other",
                "anonymous": "on",
                "age_group": "unknown",
                "children_in_household": "unknown",
                "concern_types": ["forced_marriage"],
                "description": "Arkadaşım tanımadığı biriyle evlendirilecek.",
                "immediate_danger": "no",
                "family_knows": "unknown",
            }
        ),
    )
    receipt = response.content.decode()

    assert "Endişenizi bize anlatın" in form
    assert "zorla evlendirme" in form
    assert response.status_code == 200
    assert "Referans numaranız" in receipt


def test_form_errors_in_a_language(client, reviewed):
    reviewed("so")

    response = client.post("/so/underret/borger/", form_data({"anonymous": "on"}))
    page = response.content.decode()

    assert response.status_code == 400
    assert "Sax" in page  # "Sax ... khalad": the summary of errors
    assert "Ret " not in page


@pytest.mark.parametrize("code", SHIPPED)
def test_every_text_of_the_public_pages_is_translated(client, reviewed, code, time_machine):
    """The pages show nothing in Danish for want of a translation (plain Danish excepted)."""
    reviewed(code)
    own_msgids = _project_msgids()
    for moment in ["2026-11-23 13:00+01:00", "2026-12-25 22:00+01:00"]:  # open; closed, holiday
        time_machine.move_to(moment, tick=False)
        for path in PAGES:
            with collect_missing() as missing:
                response = client.get(path.format(code=code))
            assert response.status_code == 200
            if code == "let-dansk":
                continue
            untranslated = {
                text for kind, text in missing if kind == "content" or text in own_msgids
            }
            assert untranslated == set(), f"{code} {path}"


@pytest.mark.parametrize("code", sorted(RIGHT_TO_LEFT))
def test_right_to_left_languages_are_mirrored(staff, allerod_plan, code):
    page = staff.get(f"/{code}/").content.decode()

    assert f'<html lang="{code}" dir="rtl">' in page
    assert "/static/beredskab/rtl.css" in page


def test_left_to_right_languages_are_not_mirrored(staff, allerod_plan):
    page = staff.get("/so/").content.decode()

    assert '<html lang="so" dir="ltr">' in page
    assert "rtl.css" not in page


def test_plain_danish_is_danish(staff, allerod_plan):
    page = staff.get("/let-dansk/").content.decode()

    assert '<html lang="da" dir="ltr">' in page
    assert "Vi læser mails to gange om dagen" in page


def _project_msgids() -> set[str]:
    po = ALLEROD_FILE.parents[1] / "beredskab" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.MULTILINE):
        ids.add("".join(re.findall(r'"(.*)"', block)).replace('\\"', '"'))
    return ids - {""}
