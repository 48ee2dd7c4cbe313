"""Plan versions: upload a draft, see what changed, record the adoption, publish it."""

import copy
import datetime as dt

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.governance import services
from beredskab.plans.models import PlanVersion
from beredskab.plans.selectors import current_plan, current_version
from tests.conftest import YAML_DUMPER
from tests.factories import make_staff

pytestmark = pytest.mark.usefixtures("allerod_plan")

NEW_VERSION = "2026-01-01"


def plan_file(data, name="allerod-2026.yaml"):
    content = yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False).encode()
    return SimpleUploadedFile(name, content, content_type="application/x-yaml")


@pytest.fixture
def revised(allerod_data):
    """Allerød's plan as a new version with a new main phone number."""
    data = copy.deepcopy(allerod_data)
    data["plan"]["version"] = NEW_VERSION
    data["contact"]["phones"][0]["number"] = "48 100 999"
    return data


def upload(client, data, **kwargs):
    return client.post(reverse("governance:upload"), {"file": plan_file(data, **kwargs)})


def approve(version):
    """A named leader approves the version (publishing needs it)."""
    admin, leader = make_staff("sender", roles.PLAN_ADMIN), make_staff("godkender", roles.LEADER)
    review = services.submit_for_approval(version, by=admin)
    services.decide_review(
        review,
        approve=True,
        adopted_on=dt.date(2025, 12, 1),
        next_revision=dt.date(2029, 12, 1),
        by=leader,
    )


def test_an_unapproved_version_is_not_published(staff_client, revised):
    admin = staff_client(roles.PLAN_ADMIN)
    upload(admin, revised)
    draft = PlanVersion.objects.get(version=NEW_VERSION)

    response = admin.post(reverse("governance:publish", args=[draft.pk]), follow=True)

    assert "skal godkendes af en leder" in response.content.decode()
    assert current_version().pk != draft.pk


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_a_valid_file_is_stored_as_a_draft(staff_client, revised):
    client = staff_client(roles.PLAN_ADMIN)

    response = upload(client, revised)

    draft = PlanVersion.objects.get(version=NEW_VERSION)
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:version", args=[draft.pk])
    assert draft.published_at is None
    assert draft.source_name == "allerod-2026.yaml"
    assert current_plan().main_phone.number == "48 100 100"  # still the published one
    assert "plan.upload" in actions()


def test_a_broken_file_lists_the_errors_with_their_fields_and_saves_nothing(staff_client, revised):
    client = staff_client(roles.PLAN_ADMIN)
    revised["contact"]["phones"][0]["number"] = "ring til os"
    revised["contact"]["opening_hours"]["monday"][0]["closes"] = "11:00"

    response = upload(client, revised)

    assert response.status_code == 400
    page = response.content.decode()
    assert "contact.phones.0.number" in page
    assert "contact.opening_hours.monday.0" in page
    assert "Intet er gemt" in page
    assert not PlanVersion.objects.filter(version=NEW_VERSION).exists()
    assert "plan.upload" not in actions()


def test_a_file_that_is_not_yaml_is_refused(staff_client):
    client = staff_client(roles.PLAN_ADMIN)
    broken = SimpleUploadedFile("plan.yaml", b"plan: [unclosed", content_type="application/x-yaml")

    response = client.post(reverse("governance:upload"), {"file": broken})

    assert response.status_code == 400
    assert "er ikke gyldig YAML" in response.content.decode()
    assert PlanVersion.objects.count() == 1


def test_a_published_version_cannot_be_changed_by_uploading_it_again(staff_client, allerod_data):
    client = staff_client(roles.PLAN_ADMIN)
    same_version = copy.deepcopy(allerod_data)
    same_version["contact"]["phones"][0]["number"] = "48 100 999"
    before = current_version().content_hash

    response = upload(client, same_version)

    assert response.status_code == 400
    assert "plan.version" in response.content.decode()
    assert current_version().content_hash == before


def test_the_version_page_shows_what_changed_against_the_published_one(staff_client, revised):
    client = staff_client(roles.PLAN_ADMIN)
    upload(client, revised)
    draft = PlanVersion.objects.get(version=NEW_VERSION)

    page = client.get(reverse("governance:version", args=[draft.pk])).content.decode()

    assert "contact.phones[main].number" in page
    assert "48 100 100" in page and "48 100 999" in page
    assert "plan.version" in page


def test_recording_the_adoption_updates_the_version_and_the_plan_text(staff_client, allerod_plan):
    client = staff_client(roles.PLAN_ADMIN)
    url = reverse("governance:adoption", args=[allerod_plan.pk])
    old_hash = allerod_plan.content_hash

    response = client.post(
        url, {"adopted_on": "19-03-2024", "next_revision": "01-03-2028", "note": ""}
    )

    assert response.status_code == 302
    allerod_plan.refresh_from_db()
    assert str(allerod_plan.adopted_on) == "2024-03-19"
    assert str(allerod_plan.next_revision) == "2028-03-01"
    assert allerod_plan.document["plan"]["adopted"]["date"] == "2024-03-19"
    assert allerod_plan.document["plan"]["adopted"]["note"] is None
    assert allerod_plan.content_hash != old_hash  # so the cached plan PDF is made again
    assert str(current_plan().plan.adopted.date) == "2024-03-19"
    assert "plan.adoption" in actions()


def test_a_revision_more_than_four_years_after_the_adoption_is_refused(staff_client, allerod_plan):
    client = staff_client(roles.PLAN_ADMIN)

    response = client.post(
        reverse("governance:adoption", args=[allerod_plan.pk]),
        {"adopted_on": "19-03-2024", "next_revision": "01-04-2028"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "mere end fire år efter vedtagelsen" in page
    assert "19. marts 2028" in page  # the latest date the law allows
    assert 'value="01-04-2028"' in page  # what was typed is kept
    allerod_plan.refresh_from_db()
    assert allerod_plan.adopted_on is None


def test_an_adoption_in_the_future_is_refused(staff_client, allerod_plan):
    client = staff_client(roles.PLAN_ADMIN)

    response = client.post(
        reverse("governance:adoption", args=[allerod_plan.pk]),
        {"adopted_on": "01-01-2099", "next_revision": "01-01-2100"},
    )

    assert response.status_code == 400
    assert "fremtiden" in response.content.decode()


def test_publishing_makes_the_public_pages_show_the_new_version(client, staff_client, revised):
    admin = staff_client(roles.PLAN_ADMIN)
    upload(admin, revised)
    draft = PlanVersion.objects.get(version=NEW_VERSION)
    url = reverse("governance:publish", args=[draft.pk])
    approve(draft)

    confirm = admin.get(url)
    assert confirm.status_code == 200
    assert "48 100 999" in confirm.content.decode()
    assert "48 100 999" not in client.get("/").content.decode()

    response = admin.post(url)

    assert response.status_code == 302
    assert current_version().pk == draft.pk
    assert "48 100 999" in client.get("/").content.decode()
    assert "plan.publish" in actions()
    overview = admin.get(reverse("governance:overview")).content.decode()
    assert "Afløst" in overview and "Offentliggjort" in overview


def test_publishing_needs_a_post(staff_client, revised):
    admin = staff_client(roles.PLAN_ADMIN)
    upload(admin, revised)
    draft = PlanVersion.objects.get(version=NEW_VERSION)

    admin.get(reverse("governance:publish", args=[draft.pk]))

    assert current_version().pk != draft.pk


def test_the_overview_shows_the_revision_date_and_the_versions(staff_client):
    page = staff_client(roles.LEADER).get(reverse("governance:overview")).content.decode()

    assert "1. april 2028" in page
    assert "2024-04-01" in page
    assert "Upload ny version" not in page  # leaders read, plan administrators change


def test_leaders_may_read_but_not_change(staff_client, allerod_plan, revised):
    leader = staff_client(roles.LEADER)
    version_url = reverse("governance:version", args=[allerod_plan.pk])

    assert leader.get(reverse("governance:overview")).status_code == 200
    assert leader.get(version_url).status_code == 200
    assert leader.get(reverse("governance:upload")).status_code == 403
    assert upload(leader, revised).status_code == 403
    assert leader.post(reverse("governance:publish", args=[allerod_plan.pk])).status_code == 403
    adoption = reverse("governance:adoption", args=[allerod_plan.pk])
    assert leader.post(adoption, {"adopted_on": "19-03-2024"}).status_code == 403
    assert not PlanVersion.objects.filter(version=NEW_VERSION).exists()


@pytest.mark.parametrize(
    "name", ["governance:overview", "governance:upload", "governance:meetings"]
)
def test_the_press_contact_is_refused(staff_client, name):
    assert staff_client(roles.PRESS).get(reverse(name)).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("governance:overview"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
