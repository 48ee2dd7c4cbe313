"""Fixtures shared by every test: Allerød's real plan file, loaded into the test database."""

from pathlib import Path

import pytest
import yaml
from django.test import override_settings

from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan

ROOT = Path(__file__).resolve().parent.parent
ALLEROD_FILE = ROOT / "plans" / "allerod.yaml"
# Allerød's real plan and the two fictional example municipalities: the same code serves each.
PLAN_FILES = {path.stem: path for path in sorted((ROOT / "plans").glob("*.yaml"))}

# libyaml's safe loader and dumper where PyYAML was built with it (as the plan loader does): the
# same data, about ten times faster than the pure-Python ones on a plan file.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Hundreds of staff users are made: hashing each password with the production hasher would cost
# minutes. tests/accounts/test_password_hashing.py checks the production hasher itself.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Tests that start servers or databases of their own (the load and fault tests: gunicorn, PostgreSQL,
# an SMTP server) run one after another on one pytest-xdist worker, beside the rest; they would
# fight over the two cores. The browser tests run on every worker, each with its own live server and
# Chromium.
SERIAL_DIRECTORIES = ("load", "faults")
SERIAL_PREFIXES = tuple(f"tests/{name}/" for name in SERIAL_DIRECTORIES)


def pytest_configure(config):
    override_settings(PASSWORD_HASHERS=FAST_HASHERS).enable()


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).parent
    for item in items:
        if any(item.path.is_relative_to(tests / name) for name in SERIAL_DIRECTORIES):
            item.add_marker(pytest.mark.servers)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup`, with the serial directories as one group. pytest-xdist groups tests by
    renaming their node ids after their xdist_group mark, which pytest 9 no longer takes (the
    tests are then spread as if unmarked: pytest-xdist issue 1386); the directory is in the node
    id itself. The largest group is handed out first, so the serial tests start at once."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class SerialDirectories(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            return "serial" if nodeid.startswith(SERIAL_PREFIXES) else super()._split_scope(nodeid)

    return SerialDirectories(config, log)


def pytest_terminal_summary(terminalreporter):
    """What tests report with record_property("summary", text) (the name matching table's
    recall and false proposals), printed after the run: also when the tests ran on workers."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.getreports(outcome):
            for name, text in getattr(report, "user_properties", ()):
                if name == "summary" and report.when == "call":
                    terminalreporter.write_sep("-", report.nodeid.split("::")[-1])
                    terminalreporter.write_line(text)


@pytest.fixture(scope="session")
def allerod_data() -> dict:
    """The raw YAML data of Allerød's plan (copy it before changing it)."""
    return yaml.load(ALLEROD_FILE.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506


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
def allerod_plan(db, allerod_document):
    """Allerød's plan loaded and published, as `make run` does (the file is parsed once per run)."""
    return load_plan(allerod_document, source_name=ALLEROD_FILE.name).version


@pytest.fixture(scope="session")
def plan_documents() -> dict[str, PlanDocument]:
    """Every plan file in plans/, parsed once per run, by its name."""
    return {
        name: PlanDocument.model_validate(
            yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506
        )
        for name, path in PLAN_FILES.items()
    }


@pytest.fixture(params=sorted(PLAN_FILES))
def any_plan(request, db, settings, plan_documents) -> PlanDocument:
    """Each plan file in turn, loaded and published as the plan this installation serves."""
    document = plan_documents[request.param]
    settings.BEREDSKAB_MUNICIPALITY = document.municipality.slug
    load_plan(document, source_name=PLAN_FILES[request.param].name)
    return document


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
