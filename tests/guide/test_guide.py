"""The professional's guide, the whole plan as a page, and as a PDF."""

import re

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
    age_group = "child" if age == "under-18" else "adult"
    for step in allerod_document.procedure.common_steps:  # safe space, talk to your leader
        if step.age_group in (None, age_group):
            assert step.text["da"] in page
        else:
            assert step.text["da"] not in page
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


@pytest.mark.parametrize("concern", ["social_control", "honour_abuse", "forced_marriage"])
def test_every_honour_related_child_path_warns_not_to_contact_the_parents(client, concern):
    page = client.get(f"/fagperson/{concern}/under-18/").content.decode()

    assert "do-not-contact-parents" in page
    assert "ikke kontakte forældrene" in page
    assert "§ 18, stk. 3" in page


def test_adult_paths_do_not_carry_that_warning(client):
    page = client.get("/fagperson/honour_abuse/over-18/").content.decode()

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


@pytest.mark.parametrize("age", AGES)
def test_each_step_is_shown_once(client, age):
    # The plan draws "Skab et trygt rum" once for each age group; the social-control column is
    # where the OCR places it, and the guide showed it there a second time.
    page = client.get(f"/fagperson/social_control/{age}/").content.decode()
    steps = re.findall(r'<li class="guide-step[^"]*">(.*?)</li>', page, flags=re.DOTALL)

    assert len(steps) == len(set(steps))
    assert sum("Skab et trygt rum" in step for step in steps) == 1


@pytest.mark.parametrize("concern", CONCERNS)
def test_adult_paths_lead_to_the_coordinator_and_to_notifying(client, concern):
    # Plan: "Drejer henvendelsen sig om en borger over 18 år er Teamleder for Administrativt team
    # tovholder på indsatsen og sørger for at koordinere indsatsen med kommunens Indsatsgruppe."
    page = client.get(f"/fagperson/{concern}/over-18/").content.decode()
    box = page[page.index('class="alert alert-info coordinator"') :]

    assert "Teamleder for Administrativt team" in box
    assert "Indsatsgruppen" in box
    assert 'href="tel:+4548100100"' in box
    assert f'href="/underret/fagperson/?concern={concern}&amp;age=over-18"' in page
    assert f'href="/fagperson/underret/?concern={concern}&amp;age=over-18"' in page


def test_the_whole_plan_publishes_only_what_the_plan_says(client):
    page = client.get("/fagperson/plan/").content.decode()

    assert "familier@allerod.dk" not in page
    for note in ("bør bekræfte", "skal bekræfte", "bekræftes af kommunen", "bør kontrolleres"):
        assert note not in page
    assert "side 11" not in page
    assert "ærekrænkelse" not in page and "æreskrænkelse" not in page
    assert "når en borger er udsat for overgreb begrundet med ære" in page
    assert "Definition fra Barnets Lov" not in page
    assert page.count("Definition fra vejledningen til Barnets Lov") == 2
    assert "elefontid" not in page
    assert "<caption>Åbningstid</caption>" in page
    assert "og ekstremisme blandt børn, unge og deres familier" in page


def test_the_out_of_hours_number_is_given_once(client):
    page = client.get("/fagperson/plan/").content.decode()
    contact = page[
        page.index('id="kontakt"') : page.index("</section>", page.index('id="kontakt"'))
    ]

    assert "(døgnåbent). (4927 1448)" not in page
    assert contact.count("4927 1448") == 1


@pytest.mark.parametrize(
    "path",
    [
        "/fagperson/",
        "/fagperson/social_control/under-18/",
        "/fagperson/underret/",
        "/fagperson/plan/",
        "/fagperson/plan.pdf",
    ],
)
def test_uptime_monitors_may_ask_with_head(client, path):
    head = client.head(path)

    assert head.status_code == 200
    assert head.content == b""
