"""The professional's guide, the whole plan as a page, and as a PDF."""

import re

import pytest

from beredskab.plans.templatetags.plan_text import tel
from tests.pdf_checks import assert_accessible_pdf

CONCERNS = ["social_control", "honour_abuse", "forced_marriage", "stay_abroad"]
AGES = ["under-18", "over-18"]


@pytest.mark.parametrize("concern", CONCERNS)
@pytest.mark.parametrize("age", AGES)
def test_every_path_shows_the_plans_steps(client, any_plan, concern, age):
    response = client.get(f"/fagperson/{concern}/{age}/")

    page = response.content.decode()
    assert response.status_code == 200
    steps = any_plan.concern_type(concern).steps["child" if age == "under-18" else "adult"]
    for step in steps:
        assert step.text["da"] in page
    age_group = "child" if age == "under-18" else "adult"
    for step in any_plan.procedure.common_steps:  # safe space, talk to your leader
        if step.age_group in (None, age_group):
            assert step.text["da"] in page
        else:
            assert step.text["da"] not in page
    assert "Hvem kan du kontakte lige nu?" in page


@pytest.mark.parametrize("concern", CONCERNS)
def test_child_paths_state_the_duty_to_notify_and_link_to_notifying(client, concern, any_plan):
    page = client.get(f"/fagperson/{concern}/under-18/").content.decode()

    assert "skærpet underretningspligt" in page
    assert f"/fagperson/underret/?concern={concern}&amp;age=under-18" in page


def test_stay_abroad_child_warns_not_to_contact_the_parents(client, any_plan):
    page = client.get("/fagperson/stay_abroad/under-18/").content.decode()

    assert "do-not-contact-parents" in page
    assert "ikke kontakte forældrene" in page


@pytest.mark.parametrize("concern", ["social_control", "honour_abuse", "forced_marriage"])
def test_every_honour_related_child_path_warns_not_to_contact_the_parents(
    client, concern, any_plan
):
    page = client.get(f"/fagperson/{concern}/under-18/").content.decode()

    assert "do-not-contact-parents" in page
    assert "ikke kontakte forældrene" in page
    assert "§ 18, stk. 3" in page


def test_adult_paths_do_not_carry_that_warning(client, any_plan):
    page = client.get("/fagperson/honour_abuse/over-18/").content.decode()

    assert "do-not-contact-parents" not in page


def test_adult_paths_remind_of_children_in_the_family(client, any_plan):
    page = client.get("/fagperson/honour_abuse/over-18/").content.decode()

    assert "børn i familien" in page


def test_chooser_redirects_to_the_path(client, any_plan):
    response = client.get("/fagperson/", {"concern": "forced_marriage", "age": "over-18"})

    assert response.status_code == 302
    assert response["Location"] == "/fagperson/forced_marriage/over-18/"


def test_chooser_without_a_choice_says_what_to_choose_and_keeps_the_other(client, any_plan):
    response = client.get("/fagperson/", {"concern": "forced_marriage"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg om personen er under eller over 18 år." in page
    assert 'value="forced_marriage" id="concern-forced_marriage" class="form-radio" checked' in page


def test_chooser_lists_all_eight_paths(client, any_plan):
    page = client.get("/fagperson/").content.decode()

    for concern in CONCERNS:
        for age in AGES:
            assert f'href="/fagperson/{concern}/{age}/"' in page


def test_unknown_path_is_404(client, any_plan):
    assert client.get("/fagperson/unknown/under-18/").status_code == 404
    assert client.get("/fagperson/stay_abroad/under-65/").status_code == 404


def test_english_path(client, any_plan):
    page = client.get("/en/fagperson/stay_abroad/under-18/").content.decode()

    assert "Your duty to notify" in page


def test_how_to_notify_page(client, any_plan):
    page = client.get("/fagperson/underret/", {"concern": "stay_abroad", "age": "under-18"})

    assert any_plan.main_email.address in page.content.decode()


def test_whole_plan_has_every_part(client, any_plan):
    page = client.get("/fagperson/plan/").content.decode()

    anchors = ["kontakt", "indledning", "maalgruppe", "definitioner", "forebyggelse", "procedure"]
    anchors += ["kommunens-procedure", "organisering", "bilag-handlingsplan", "om-planen"]
    for anchor in anchors + (["bilag-presse"] if any_plan.press else []):
        assert f'href="#{anchor}"' in page
        assert f'id="{anchor}"' in page
    for member in any_plan.intervention_group.members if any_plan.intervention_group else []:
        assert member.title["da"] in page
    for partner in any_plan.partners:
        assert partner.name["da"] in page
    for area in any_plan.national_action_plan.areas:
        assert area.title["da"] in page
    for site in any_plan.contact.sites:
        assert site.name["da"] in page
        for phone in site.phones:
            assert phone.number in page


def test_a_plan_without_a_press_annex_numbers_the_action_plan_annex_first(client, any_plan):
    page = client.get("/fagperson/plan/").content.decode()

    assert ("Bilag 1: Pressehåndtering" in page) is bool(any_plan.press)
    assert ("Bilag 1: Den nationale handlingsplan" in page) is not bool(any_plan.press)
    assert ('id="indsatsgruppen"' in page) is bool(any_plan.intervention_group)


def test_the_plan_says_where_extremism_is_handled(client, any_plan):
    page = client.get("/fagperson/plan/").content.decode()
    extremism = any_plan.extremism

    assert 'id="ekstremisme"' in page
    if extremism.covered_here:
        assert extremism.text.splitlines()[0] in page
    else:
        assert extremism.separate_plan_title in page


def test_an_example_municipality_is_marked_as_one(client, any_plan):
    for path in ("/", "/fagperson/", "/fagperson/plan/", "/fagperson/social_control/over-18/"):
        page = client.get(path).content.decode()

        assert ("opdigtet eksempelkommune" in page) is any_plan.municipality.example


def test_plan_pdf(client, any_plan):
    response = client.get("/fagperson/plan.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 20_000
    slug = any_plan.municipality.slug
    assert f'filename="beredskabsplan-{slug}-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/fagperson/plan.pdf", "da", "Beredskabsplan"),
        ("/en/fagperson/plan.pdf", "en", "Preparedness plan"),
    ],
)
def test_plan_pdf_is_an_accessible_document(client, path, lang, title, any_plan):
    response = client.get(path)

    assert_accessible_pdf(response.content, title=title, lang=lang)


@pytest.mark.parametrize("age", AGES)
def test_each_step_is_shown_once(client, age, allerod_plan):
    # The plan draws "Skab et trygt rum" once for each age group; the social-control column is
    # where the OCR places it, and the guide showed it there a second time.
    page = client.get(f"/fagperson/social_control/{age}/").content.decode()
    steps = re.findall(r'<li class="guide-step[^"]*">(.*?)</li>', page, flags=re.DOTALL)

    assert len(steps) == len(set(steps))
    assert sum("Skab et trygt rum" in step for step in steps) == 1


@pytest.mark.parametrize("concern", CONCERNS)
def test_adult_paths_lead_to_the_coordinator_and_to_notifying(client, concern, any_plan):
    # Allerød: "Drejer henvendelsen sig om en borger over 18 år er Teamleder for Administrativt team
    # tovholder på indsatsen og sørger for at koordinere indsatsen med kommunens Indsatsgruppe."
    page = client.get(f"/fagperson/{concern}/over-18/").content.decode()
    box = page[page.index('class="alert alert-info coordinator"') :]
    adult = any_plan.tracks.adult

    assert adult.coordinator["da"] in box
    assert (adult.group["da"] in box) if adult.group else "koordinerer" not in box
    assert f'href="{tel(any_plan.main_phone.number)}"' in box
    assert f'href="/underret/fagperson/?concern={concern}&amp;age=over-18"' in page
    assert f'href="/fagperson/underret/?concern={concern}&amp;age=over-18"' in page


def test_the_whole_plan_publishes_only_what_the_plan_says(client, allerod_plan):
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


def test_the_out_of_hours_number_is_given_once(client, allerod_plan):
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
def test_uptime_monitors_may_ask_with_head(client, path, any_plan):
    head = client.head(path)

    assert head.status_code == 200
    assert head.content == b""
