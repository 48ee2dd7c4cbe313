"""Fixtures shared by every test: Allerød's real plan file, loaded into the test database."""

from pathlib import Path

import pytest
import yaml

from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan_file

ROOT = Path(__file__).resolve().parent.parent
ALLEROD_FILE = ROOT / "plans" / "allerod.yaml"


@pytest.fixture(scope="session")
def allerod_data() -> dict:
    """The raw YAML data of Allerød's plan (copy it before changing it)."""
    return yaml.safe_load(ALLEROD_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def allerod_document(allerod_data) -> PlanDocument:
    return PlanDocument.model_validate(allerod_data)


@pytest.fixture
def client():
    """Django's test client, sending with every request what current browsers send with a form
    posted from this site's own page (the public forms refuse a POST that does not show it)."""
    from django.test import Client

    return Client(headers={"Sec-Fetch-Site": "same-origin"})


@pytest.fixture
def allerod_plan(db):
    """Allerød's plan loaded and published, as `make run` does."""
    return load_plan_file(ALLEROD_FILE).version


@pytest.fixture
def staff_client(client, db):
    """A test client signed in (with two factors) as a new staff user with the given roles."""
    from tests.factories import make_staff, sign_in

    def make(*roles, username=None):
        user = make_staff(username or "_".join(roles) or "staff", *roles)
        sign_in(client, user)
        client.user = user
        return client

    return make
