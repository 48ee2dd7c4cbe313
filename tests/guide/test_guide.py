"""The professional's guide, the whole plan as a page, and as a PDF."""

import pytest

from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.usefixtures("allerod_plan")

CONCERNS = ["social_control", "honour_abuse", "forced_marriage", "stay_abroad"]
AGES = ["under-18", "over-18"]


@pytest.mark.parametrize("concern", CONCERNS)
@pytest.mark.parametrize("age", AGES)
def test_every_path_shows_the_plans_steps(client, allerod_document, concern, age):
    response = client.get(f"/fagperson/{concern}/{age}/")

    page = response.content.decode()
    assert response.status_code == 200
    steps = allerod_document.concern_type(concern).steps["child" if age == "under-18" else "adult"]
    for step in steps:
        assert step.text["da"] in page
    for step in allerod_document.procedure.common_steps:  # safe space, talk to your leader
        assert step.text["da"] in page
    assert "Hvem kan du kontakte lige nu?" in page


@pytest.mark.parametrize("concern", CONCERNS)
def test_child_paths_state_the_duty_to_notify_and_link_to_notifying(client, concern):
    page = client.get(f"/fagperson/{concern}/under-18/").content.decode()

    assert "skærpet underretningspligt" in page
    assert f"/fagperson/underret/?concern={concern}&amp;age=under-18" in page


def test_stay_abroad_child_warns_not_to_contact_the_parents(client):
    page = client.get("/fagperson/stay_abroad/under-18/").content.decode()

    assert "do-not-contact-parents" in page
    assert "ikke kontakte forældrene" in page


def test_other_paths_do_not_carry_that_warning(client):
    page = client.get("/fagperson/social_control/under-18/").content.decode()

    assert "do-not-contact-parents" not in page


def test_adult_paths_remind_of_children_in_the_family(client):
    page = client.get("/fagperson/honour_abuse/over-18/").content.decode()

    assert "børn i familien" in page


def test_chooser_redirects_to_the_path(client):
    response = client.get("/fagperson/", {"concern": "forced_marriage", "age": "over-18"})

    assert response.status_code == 302
    assert response["Location"] == "/fagperson/forced_marriage/over-18/"


def test_chooser_without_a_choice_says_what_to_choose_and_keeps_the_other(client):
    response = client.get("/fagperson/", {"concern": "forced_marriage"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg om personen er under eller over 18 år." in page
    assert 'value="forced_marriage" id="concern-forced_marriage" class="form-radio" checked' in page


def test_chooser_lists_all_eight_paths(client):
    page = client.get("/fagperson/").content.decode()

    for concern in CONCERNS:
        for age in AGES:
            assert f'href="/fagperson/{concern}/{age}/"' in page


def test_unknown_path_is_404(client):
    assert client.get("/fagperson/unknown/under-18/").status_code == 404
    assert client.get("/fagperson/stay_abroad/under-65/").status_code == 404


def test_english_path(client):
    page = client.get("/en/fagperson/stay_abroad/under-18/").content.decode()

    assert "Your duty to notify" in page


def test_how_to_notify_page(client):
    page = client.get("/fagperson/underret/", {"concern": "stay_abroad", "age": "under-18"})

    assert "familier@alleroed.dk" in page.content.decode()


def test_whole_plan_has_every_part(client, allerod_document):
    page = client.get("/fagperson/plan/").content.decode()

    for anchor in [
        "kontakt",
        "indledning",
        "maalgruppe",
        "definitioner",
        "forebyggelse",
        "procedure",
        "kommunens-procedure",
        "organisering",
        "bilag-presse",
        "bilag-handlingsplan",
        "om-planen",
    ]:
        assert f'href="#{anchor}"' in page
        assert f'id="{anchor}"' in page
    for member in allerod_document.intervention_group.members:
        assert member.email in page
    for partner in allerod_document.partners:
        assert partner.name["da"] in page
    for area in allerod_document.national_action_plan.areas:
        assert area.title["da"] in page


def test_plan_pdf(client):
    response = client.get("/fagperson/plan.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 20_000
    assert 'filename="beredskabsplan-allerod-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/fagperson/plan.pdf", "da", "Beredskabsplan"),
        ("/en/fagperson/plan.pdf", "en", "Preparedness plan"),
    ],
)
def test_plan_pdf_is_an_accessible_document(client, path, lang, title):
    response = client.get(path)

    assert_accessible_pdf(response.content, title=title, lang=lang)
