"""The plan editor: a new municipality writes its plan from the starter plan, page by page, sends
it for approval, a leader approves it with the adoption date, and it is published."""

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.governance import editor
from beredskab.governance.models import PlanDraft, ReviewDecision
from beredskab.governance.services import starter_document
from beredskab.outbox.models import OutboundEmail
from beredskab.plans.models import PlanVersion
from beredskab.plans.schema import latest_revision
from beredskab.plans.selectors import current_plan
from tests.factories import make_staff, sign_in

SLUG = "nyby"

# What a new municipality writes itself: the parts the starter plan leaves empty, by page.
LOCAL_PARTS = {
    "plan": {"plan.effective_from": "01-01-2026", "plan.next_revision": "01-12-2029"},
    "kontakt": {
        "contact.phones.0.number": "01 20 30 40",
        "contact.emails.0.address": "familier@nyby.invalid",
        "contact.mailbox_check.da": "Postkassen læses to gange hver hverdag.",
        "contact.outside_hours.text.da": "Uden for åbningstiden: Social Døgnvagt via politiet.",
        "contact.outside_hours.phone": "01 20 30 99",
    },
    "indledning": {
        "introduction.0.paragraphs.0.da": "Nyby Kommunes plan mod negativ social kontrol.",
        "target_group.paragraphs.0.da": "Alle medarbejdere, der arbejder med børn og voksne.",
    },
    "forebyggelse": {
        f"prevention.groups.{i}.initiatives.0.da": "Oplæg om rettigheder." for i in range(3)
    },
    "procedure": {"procedure.child_plan.da": "Nyby Kommunes beredskab mod overgreb"},
    "haandtering": {
        **{f"handling.{i}.text.0.da": "Sådan gør kommunen." for i in range(3)},
        "organisation.responsibility.da": "Familieafdelingen har ansvaret.",
        "organisation.coordinator.da": "Teamlederen koordinerer.",
        "organisation.coordination_meetings.da": "Vi mødes to gange om året.",
    },
    "aktoerer": {
        "actors.0.title.da": "Familierådgivningen",
        "actors.0.responsibility.da": "Vurderer underretninger.",
        "tracks.child.unit.da": "Familieafdelingen",
        "tracks.adult.unit.da": "Voksenrådgivningen",
    },
    "ekstremisme": {
        "extremism.separate_plan_title": "Nyby Kommunes plan mod ekstremisme",
    },
}


def form_values(page: str) -> dict[str, str]:
    """What the editor's form would post as it stands: every field's name and value."""
    form = page[page.index('class="plan-editor"') :]
    values = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        values[name] = html.unescape(value)
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        values[name] = html.unescape(value)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'<input type="checkbox"[^>]*name="([^"]+)"[^>]*checked', form):
        values[name] = "on"
    return values


def signed_in(*role_names, username):
    client = Client(headers={"Sec-Fetch-Site": "same-origin"})
    user = make_staff(username, *role_names, first_name=username.title())
    sign_in(client, user)
    return client


HTMX = {"HX-Request": "true"}


def edit(client, draft, page, changes, headers=None):
    url = reverse("governance:editor-page", args=[draft.pk, page])
    values = form_values(client.get(url).content.decode())
    return client.post(url, {**values, **changes}, headers=headers or {})


@pytest.fixture
def new_municipality(db, settings):
    settings.BEREDSKAB_MUNICIPALITY = SLUG


@pytest.fixture
def admin(new_municipality):
    return signed_in(roles.PLAN_ADMIN, username="planadmin")


@pytest.fixture
def leader(new_municipality):
    return signed_in(roles.LEADER, username="leder")


@pytest.fixture
def draft(admin):
    response = admin.post(
        reverse("governance:editor-start"),
        {"name": "Nyby Kommune", "version": "2026-01", "from": "template"},
    )
    draft = PlanDraft.objects.get()
    assert response["Location"] == reverse("governance:editor-draft", args=[draft.pk])
    return draft


def test_the_starter_plan_holds_the_national_contacts_and_leaves_the_local_parts(db, settings):
    data = starter_document(name="Nyby Kommune", version="1")
    found = editor.problems(data)
    to_write = {problem.path for problem in found if problem.to_write}

    assert [p for p in found if not p.to_write] == []  # only what is still to be written
    assert "contact.phones.0.number" in to_write
    assert "procedure.child_plan" in to_write
    assert "extremism" in to_write  # Barnets Lov § 15, stk. 3
    numbers = {a["number"] for a in data["contact"]["acute"]}
    assert numbers == {"112", "114"}
    partners = {p["key"]: p for p in data["partners"]}
    assert partners["red_safehouse"]["phone"] == "70 27 76 66"
    assert "Etnisk Ung" in partners["red_counselling"]["offers"]
    assert "siri" in partners and "um_borgerservice" in partners
    assert "intervention_group" not in data and "press" not in data


def test_the_draft_page_lists_what_is_still_to_be_written(admin, draft):
    page = admin.get(reverse("governance:editor-draft", args=[draft.pk])).content.decode()

    assert "krævede dele er ikke skrevet endnu" in page
    assert "contact.phones.0.number" in page
    assert "Barnets Lov § 15, stk. 3: skriv, hvordan planen dækker ekstremisme" in page
    assert "disabled" in page  # not ready to be sent for approval


def test_a_bad_phone_number_gets_a_danish_message_at_its_field(admin, draft):
    response = edit(
        admin, draft, "kontakt", {"contact.phones.0.number": "ring til os"}, headers=HTMX
    )

    body = response.content.decode()
    slot = re.search(r'id="err-f-contact-phones-0-number"[^>]*>([^<]*)<', body).group(1)
    assert "et telefonnummer har kun cifre og mellemrum" in slot
    draft.refresh_from_db()
    assert draft.document["contact"]["phones"][0]["number"] == "ring til os"  # kept as typed


def test_two_editing_the_same_page_get_a_conflict_not_an_overwrite(admin, draft):
    other = signed_in(roles.PLAN_ADMIN, username="kollega")
    url = reverse("governance:editor-page", args=[draft.pk, "kontakt"])
    mine = form_values(admin.get(url).content.decode())
    theirs = form_values(other.get(url).content.decode())

    first = other.post(url, {**theirs, "contact.phones.0.number": "01 11 11 11"})
    second = admin.post(url, {**mine, "contact.phones.0.number": "01 22 22 22"})

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "Siden er ændret af en anden" in page
    assert "Kollega har gemt siden" in page
    assert 'value="01 22 22 22"' in page  # what was typed is still in the field
    draft.refresh_from_db()
    assert draft.document["contact"]["phones"][0]["number"] == "01 11 11 11"


def test_saving_as_you_type_and_then_the_pages_button_is_no_conflict(admin, draft):
    url = reverse("governance:editor-page", args=[draft.pk, "kontakt"])
    values = form_values(admin.get(url).content.decode())

    typed = admin.post(url, {**values, "contact.mailbox_check.da": "To gange"}, headers=HTMX)
    button = admin.post(url, {**values, "contact.mailbox_check.da": "To gange om dagen"})

    assert typed.status_code == 200 and button.status_code == 302
    draft.refresh_from_db()
    assert draft.document["contact"]["mailbox_check"] == "To gange om dagen"


def test_adding_and_removing_an_item(admin, draft):
    edit(admin, draft, "kontakt", {"_add": "contact.sites"})
    draft.refresh_from_db()
    assert len(draft.document["contact"]["sites"]) == 1

    edit(admin, draft, "kontakt", {"_remove": "contact.sites.0"})
    draft.refresh_from_db()
    assert draft.document["contact"]["sites"] == []


def test_the_whole_way_from_template_to_published(client, admin, leader, draft):
    for page, changes in LOCAL_PARTS.items():
        edit(admin, draft, page, changes)
    draft.refresh_from_db()
    assert editor.problems(draft.document) == []

    preview = admin.get(reverse("governance:editor-preview", args=[draft.pk, "offentlig"]))
    assert "01 20 30 40" in preview.content.decode()
    assert "Forhåndsvisning af en kladde" in preview.content.decode()
    pdf = admin.get(reverse("governance:editor-preview", args=[draft.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF-")
    assert client.get("/").status_code == 503  # nothing is public yet

    admin.post(reverse("governance:editor-submit", args=[draft.pk]))
    version = PlanVersion.objects.get(plan__municipality_slug=SLUG)
    review = version.reviews.get()
    assert review.decision == ReviewDecision.PENDING
    assert OutboundEmail.objects.filter(to="leder@kommune.example").exists()
    refused = admin.post(reverse("governance:publish", args=[version.pk]), follow=True)
    assert "skal godkendes af en leder" in refused.content.decode()
    assert admin.get(reverse("governance:review", args=[version.pk])).status_code == 403

    adopted = timezone.localdate() - dt.timedelta(days=3)
    response = leader.post(
        reverse("governance:review", args=[version.pk]),
        {"decision": "approve", "adopted_on": adopted.strftime("%d-%m-%Y")},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.adopted_on == adopted
    assert version.next_revision == latest_revision(adopted)  # the four-year rule
    review.refresh_from_db()
    assert review.decision == ReviewDecision.APPROVED
    assert review.decided_by.username == "leder"

    admin.post(reverse("governance:publish", args=[version.pk]))
    assert current_plan().main_phone.number == "01 20 30 40"
    page = client.get("/").content.decode()
    assert 'href="tel:+4501203040"' in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"plan.draft_start", "plan.draft_save", "plan.submit", "plan.approve"} <= actions
    assert {"plan.adoption", "plan.publish"} <= actions


def test_a_leader_may_send_a_version_back(admin, leader, draft):
    for page, changes in LOCAL_PARTS.items():
        edit(admin, draft, page, changes)
    admin.post(reverse("governance:editor-submit", args=[draft.pk]))
    version = PlanVersion.objects.get(plan__municipality_slug=SLUG)

    leader.post(
        reverse("governance:review", args=[version.pk]),
        {"decision": "return", "note": "Ret indledningen."},
    )

    review = version.reviews.get()
    assert review.decision == ReviewDecision.RETURNED
    assert (
        "Ret indledningen."
        in admin.get(reverse("governance:version", args=[version.pk])).content.decode()
    )


def test_an_approval_needs_the_adoption_date_within_four_years(admin, leader, draft):
    for page, changes in LOCAL_PARTS.items():
        edit(admin, draft, page, changes)
    admin.post(reverse("governance:editor-submit", args=[draft.pk]))
    version = PlanVersion.objects.get(plan__municipality_slug=SLUG)
    adopted = timezone.localdate() - dt.timedelta(days=3)

    response = leader.post(
        reverse("governance:review", args=[version.pk]),
        {
            "decision": "approve",
            "adopted_on": adopted.strftime("%d-%m-%Y"),
            "next_revision": (adopted + dt.timedelta(days=5 * 365)).strftime("%d-%m-%Y"),
        },
    )

    assert response.status_code == 400
    assert "mere end fire år efter vedtagelsen" in response.content.decode()


def test_the_draft_and_versions_export_as_yaml(admin, draft):
    response = admin.get(reverse("governance:editor-export", args=[draft.pk]))

    assert response["Content-Type"].startswith("application/yaml")
    assert "Nyby Kommune" in response.content.decode()


@pytest.mark.parametrize("who", [roles.INTAKE, roles.PRESS, roles.LEADER])
def test_only_plan_administrators_write(new_municipality, draft, who):
    other = signed_in(who, username="anden")

    response = other.post(reverse("governance:editor-page", args=[draft.pk, "kontakt"]), {})

    assert response.status_code == 403


def test_an_emptied_field_with_a_default_takes_the_default(admin, draft):
    edit(admin, draft, "plan", {"plan.quick_exit_url": ""})

    draft.refresh_from_db()
    assert "quick_exit_url" not in draft.document["plan"]
    assert not [p for p in editor.problems(draft.document) if p.path == "plan.quick_exit_url"]


def test_an_optional_part_is_added_and_removed(admin, draft):
    edit(admin, draft, "presse", {"_add": "press"})
    draft.refresh_from_db()
    assert draft.document["press"] == {"intro": "", "steps": [], "record_fields": []}

    edit(admin, draft, "presse", {"_remove": "press"})
    draft.refresh_from_db()
    assert "press" not in draft.document
