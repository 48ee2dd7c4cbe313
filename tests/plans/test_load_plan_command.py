"""manage.py load_plan: creates, updates, publishes, and changes nothing the second time."""

import copy

import pytest
import yaml
from django.core.management import CommandError, call_command

from beredskab.plans.models import Plan, PlanVersion
from beredskab.plans.selectors import current_plan
from tests.conftest import ALLEROD_FILE


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_first_load_creates_and_publishes_the_version():
    output = run(str(ALLEROD_FILE))

    version = PlanVersion.objects.get()
    assert "created (published)" in output
    assert version.plan.municipality_name == "Allerød Kommune"
    assert version.is_published
    assert current_plan().municipality.slug == "allerod"


@pytest.mark.django_db
def test_loading_the_same_file_twice_changes_nothing():
    run(str(ALLEROD_FILE))
    before = list(PlanVersion.objects.values())

    output = run(str(ALLEROD_FILE))

    assert "unchanged" in output
    assert list(PlanVersion.objects.values()) == before
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_changed_file_with_same_version_updates_it(tmp_path, allerod_data):
    run(str(ALLEROD_FILE))
    data = copy.deepcopy(allerod_data)
    data["contact"]["phones"][0]["number"] = "48 100 101"
    changed = tmp_path / "allerod.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    output = run(str(changed))

    assert "updated" in output
    assert PlanVersion.objects.count() == 1
    assert current_plan().main_phone.number == "48 100 101"


@pytest.mark.django_db
def test_new_version_as_draft_leaves_the_published_one_current(tmp_path, allerod_data):
    run(str(ALLEROD_FILE))
    data = copy.deepcopy(allerod_data)
    data["plan"]["version"] = "2025-draft"
    draft = tmp_path / "allerod-2025.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    output = run(str(draft), "--draft")

    assert "created (draft)" in output
    assert PlanVersion.objects.count() == 2
    assert current_plan().plan.version == allerod_data["plan"]["version"]


@pytest.mark.django_db
def test_check_validates_without_loading():
    output = run("--check", str(ALLEROD_FILE))

    assert "valid plan for Allerød Kommune" in output
    assert not PlanVersion.objects.exists()


@pytest.mark.django_db
def test_broken_file_is_not_loaded_and_the_error_names_file_and_field(tmp_path, allerod_data):
    data = copy.deepcopy(allerod_data)
    del data["deadlines"]["assessment_hours"]
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert f"{path}: deadlines.assessment_hours: required field is missing" in str(caught.value)
    assert not PlanVersion.objects.exists()


@pytest.mark.django_db
def test_missing_file_is_reported():
    with pytest.raises(CommandError, match="cannot be read"):
        run("plans/does-not-exist.yaml")
