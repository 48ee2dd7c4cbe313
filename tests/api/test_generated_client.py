"""A client generated from the schema with openapi-python-client (as docs/api.md tells other
systems to) registers, reads and lists through the real server, and reads its errors.

The client is generated once for this module into a temporary folder, from the schema the server
serves, without post-hooks (no formatter, no network); it is never kept.
"""

import datetime as dt
import importlib
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from beredskab.accounts import roles
from beredskab.accounts.system_accounts import create_system_account, issue_token

# Both tests on one worker, so that the client is generated once.
pytestmark = [pytest.mark.usefixtures("allerod_plan"), pytest.mark.xdist_group("generated-client")]

PACKAGE = "beredskab_api_client"
CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker, live_server, tmp_path_factory):
    """The generated package: `.client` (its Client classes), `.api` (one module for each
    operation) and `.models`."""
    folder = tmp_path_factory.mktemp("generated-client")
    schema = folder / "schema.json"
    # The schema reads nothing from the database, but the server looks at its connection after
    # every request.
    with django_db_blocker.unblock():
        served = httpx.get(f"{live_server.url}/api/schema/", params={"format": "json"})
    assert served.status_code == 200, served.text
    schema.write_bytes(served.content)
    config = folder / "config.yaml"
    config.write_text(CONFIG)
    generator = Path(sys.executable).parent / "openapi-python-client"
    run = subprocess.run(
        [
            generator,
            "generate",
            "--path",
            schema,
            "--output-path",
            folder / PACKAGE,
            "--meta",
            "none",
            "--config",
            config,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout + run.stderr, run.stdout + run.stderr
    sys.path.insert(0, str(folder))
    try:
        operations = ("notifications_register", "notifications_read", "notifications_queue")
        yield SimpleNamespace(
            client=importlib.import_module(PACKAGE),
            api=SimpleNamespace(
                **{
                    name: importlib.import_module(f"{PACKAGE}.api.notifications.{name}")
                    for name in operations
                }
            ),
            models=importlib.import_module(f"{PACKAGE}.models"),
        )
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture
def token(db):
    """A system account for Modtagelsen's registrations, and its token (tests/api/conftest.py)."""
    account = create_system_account("politiets-system", roles=[roles.INTAKE], description="Test")
    return issue_token(account)[1]


def connect(generated, live_server, token):
    return generated.client.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="Token", raise_on_unexpected_status=True
    )


def police_report(models, received_at, **changes):
    fields = {
        "channel": models.RegistrationChannelEnum.POLICE,
        "received_at": received_at,
        "notifier_kind": models.NotifierKindEnum.AUTHORITY,
        "notifier_name": "Vagthavende, Nordsjællands Politi",
        "notifier_email": "vagt@politi.example",
        "age_group": models.AgeGroupEnum.ADULT,
        "concern_types": ["honour_abuse"],
        "description": "Anmeldelse om vold i hjemmet begrundet med familiens ære.",
        "immediate_danger": True,
        **changes,
    }
    return models.NotificationRegistration(**fields)


def test_a_generated_client_registers_reads_back_and_finds_it_in_the_queue(
    generated, live_server, token
):
    api, models = generated.api, generated.models
    client = connect(generated, live_server, token)
    received_at = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    key = str(uuid.uuid4())

    first = api.notifications_register.sync_detailed(
        client=client, body=police_report(models, received_at), idempotency_key=key
    )
    retry = api.notifications_register.sync_detailed(
        client=client, body=police_report(models, received_at), idempotency_key=key
    )

    assert (first.status_code, retry.status_code) == (201, 200)
    registered = first.parsed
    assert isinstance(registered, models.NotificationSummary)
    assert retry.parsed.reference == registered.reference
    assert first.headers["Location"].endswith(f"/api/v1/notifications/{registered.reference}/")
    assert registered.channel is models.ChannelEnum.POLICE
    assert registered.state is models.StateEnum.RECEIVED
    assert registered.deadlines.assessment_due_at == received_at + dt.timedelta(hours=24)

    read = api.notifications_read.sync(client=client, reference=registered.reference)

    assert isinstance(read, models.NotificationDetail)
    assert read.reference == registered.reference
    assert read.notifier_name == "Vagthavende, Nordsjællands Politi"
    assert read.concern_types == ["honour_abuse"]
    assert read.received_at == received_at

    queue = api.notifications_queue.sync(
        client=client, channel=models.NotificationsQueueChannel.POLICE
    )

    assert [row.reference for row in queue] == [registered.reference]
    assert queue[0].deadline_state is models.DeadlineStateEnum.ON_TIME
    assert queue[0].channel is models.ChannelEnum.POLICE


def test_a_generated_client_reads_the_documented_errors(generated, live_server, token):
    api, models = generated.api, generated.models
    client = connect(generated, live_server, token)
    wrong = connect(generated, live_server, "bk_not-a-token")
    received_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)

    refused = api.notifications_queue.sync_detailed(client=wrong)
    invalid = api.notifications_register.sync_detailed(
        client=client, body=police_report(models, received_at, concern_types=["witchcraft"])
    )
    unknown = api.notifications_read.sync_detailed(client=client, reference="U-0000-0000")

    assert refused.status_code == 401
    assert isinstance(refused.parsed, models.Error) and refused.parsed.detail
    assert invalid.status_code == 400
    assert isinstance(invalid.parsed, models.ValidationErrors)
    assert list(invalid.parsed.additional_properties) == ["concern_types"]
    assert "witchcraft" in invalid.parsed["concern_types"][0]
    assert unknown.status_code == 404
    assert isinstance(unknown.parsed, models.Error)
