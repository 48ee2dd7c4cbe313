"""API tokens: for system accounts only, kept as a hash, expiring, revocable, their use recorded.
Made and revoked with the commands docs/api.md shows; listed and revoked in the admin."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from beredskab.accounts import roles
from beredskab.accounts.models import ApiToken
from beredskab.accounts.roles import roles_of
from beredskab.accounts.system_accounts import issue_token, use_token
from beredskab.audit.models import AuditEvent
from tests.factories import make_staff, sign_in

QUEUE = "/api/v1/notifications/queue/"

pytestmark = pytest.mark.usefixtures("allerod_plan")


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def create_token(username="fagsystem", *extra) -> str:
    """The token `create_api_token` prints (the line that starts with bk_)."""
    out = command("create_api_token", username, *extra)
    [token] = [line for line in out.splitlines() if line.startswith("bk_")]
    return token


def with_token(token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def system(db):
    command("create_system_account", "fagsystem", "--role", roles.INTAKE, "--description", "SBSYS")


def every_stored_value() -> str:
    """Every value in every table of the database, as text."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            values += [str(value) for row in cursor.fetchall() for value in row]
    return "\n".join(values)


def test_a_system_accounts_token_opens_the_api(system):
    token = create_token()

    assert with_token(token).get(QUEUE).status_code == 200


def test_the_token_brings_every_role_of_its_account(db):
    command(
        "create_system_account",
        "fagsystem",
        "--role",
        roles.INTAKE,
        "--role",
        roles.AUDITOR,
        "--description",
        "SBSYS",
    )
    token = create_token()

    account = use_token(token).user

    assert roles_of(account) == {roles.INTAKE, roles.AUDITOR}


def test_the_token_is_not_stored_only_its_hash(system):
    token = create_token()

    stored = every_stored_value()
    assert token not in stored
    assert token[3:] not in stored
    assert ApiToken.objects.get().key_hash == ApiToken.hash(token)


def test_a_token_expires_after_90_days_by_default(system, time_machine):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    token = create_token()
    assert ApiToken.objects.get().expires_at == start + dt.timedelta(days=90)

    time_machine.move_to(start + dt.timedelta(days=89, hours=23), tick=False)
    assert with_token(token).get(QUEUE).status_code == 200
    time_machine.move_to(start + dt.timedelta(days=90), tick=False)
    response = with_token(token).get(QUEUE)

    assert response.status_code == 401
    assert "udløbet" in response.json()["detail"]
    assert AuditEvent.objects.filter(action="api_token.refused", detail__why="expired").exists()


def test_the_lifetime_can_be_chosen_up_to_a_year(system, settings, time_machine):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    create_token("fagsystem", "--days", "7")
    settings.BEREDSKAB_API_TOKEN_DAYS = 30
    create_token("fagsystem")

    lifetimes = {token.expires_at - start for token in ApiToken.objects.all()}
    assert lifetimes == {dt.timedelta(days=7), dt.timedelta(days=30)}
    with pytest.raises(CommandError, match="1 to 366 days"):
        command("create_api_token", "fagsystem", "--days", "3650")


def test_a_persons_account_gets_no_token(db):
    make_staff("anne", roles.INTAKE)

    with pytest.raises(CommandError, match="not a system account"):
        command("create_api_token", "anne")
    assert not ApiToken.objects.exists()


def test_a_token_of_a_persons_account_is_refused(db):
    # As if one had been made for Anne some other way (a database edit, an old token).
    anne = make_staff("anne", roles.INTAKE)
    now = dt.datetime.now(dt.UTC)
    ApiToken.objects.create(
        user=anne,
        prefix="bk_annes",
        key_hash=ApiToken.hash("bk_annes-token"),
        expires_at=now + dt.timedelta(days=1),
    )

    response = with_token("bk_annes-token").get(QUEUE)

    assert response.status_code == 401
    assert "systemkonto" in response.json()["detail"]


def test_a_superuser_is_no_system_account(system):
    token = create_token()
    get_user_model().objects.filter(username="fagsystem").update(is_superuser=True)

    assert with_token(token).get(QUEUE).status_code == 401


def test_a_revoked_token_is_refused_at_once_and_stays_listed(system):
    token = create_token()
    prefix = ApiToken.objects.get().prefix
    assert token.startswith(prefix)

    out = command("revoke_api_token", prefix)

    assert f"Revoked {prefix}" in out
    assert with_token(token).get(QUEUE).status_code == 401
    revoked = ApiToken.objects.get()
    assert revoked.revoked_at is not None and revoked.revoked_by == "manage.py"


def test_all_of_an_accounts_tokens_can_be_revoked(system):
    tokens = [create_token(), create_token()]

    command("revoke_api_token", "--user", "fagsystem")

    assert [with_token(token).get(QUEUE).status_code for token in tokens] == [401, 401]


def test_the_last_use_is_kept_and_audited_once_a_minute(system, time_machine):
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    client = with_token(create_token())

    client.get(QUEUE)
    client.get(QUEUE)
    time_machine.move_to(start + dt.timedelta(minutes=5), tick=False)
    client.get(QUEUE)

    assert ApiToken.objects.get().last_used_at == start + dt.timedelta(minutes=5)
    uses = AuditEvent.objects.filter(action="api_token.used")
    assert uses.count() == 2
    assert {event.actor_username for event in uses} == {"fagsystem"}


def test_making_and_revoking_are_audited(system):
    create_token()
    command("revoke_api_token", "--user", "fagsystem")

    events = AuditEvent.objects.filter(action__startswith="api_token.").order_by("id")
    assert [(e.action, e.actor_username) for e in events] == [
        ("api_token.created", "manage.py"),
        ("api_token.revoked", "manage.py"),
    ]


def test_a_system_account_cannot_sign_in_to_the_staff_pages(client, system):
    response = client.post("/medarbejder/konto/log-ind/", {"username": "fagsystem", "password": ""})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# The admin: every token listed with its state, revoked there; none made there.


@pytest.fixture
def sysadmin(client, db):
    sign_in(client, make_staff("it", roles.SYSADMIN))
    return client


def test_the_admin_lists_tokens_without_the_token(sysadmin, system):
    token = create_token()

    page = sysadmin.get("/admin/accounts/apitoken/")

    assert page.status_code == 200
    assert ApiToken.objects.get().prefix in page.text
    assert token not in page.text
    assert "gyldigt" in page.text
    assert sysadmin.get("/admin/accounts/apitoken/add/").status_code == 403


def test_the_admin_revokes_tokens(sysadmin, system):
    token = create_token()

    sysadmin.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]},
    )

    assert with_token(token).get(QUEUE).status_code == 401
    assert ApiToken.objects.get().revoked_by == "it"
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor_username == "it"


def test_issuing_for_an_inactive_system_account_is_refused(system):
    account = get_user_model().objects.get(username="fagsystem")
    account.is_active = False
    account.save()

    with pytest.raises(ValueError, match="inactive"):
        issue_token(account)
