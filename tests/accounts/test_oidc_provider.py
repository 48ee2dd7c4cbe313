"""Single sign-on against a real OpenID Connect provider (npm oidc-provider, started by the test on
127.0.0.1), through the real authorization-code flow with PKCE and the live server: the provider's
user is linked to an account here by issuer and subject only, never by a user name or e-mail."""

import json
import os
import select
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django_otp.plugins.otp_totp.models import TOTPDevice

from beredskab.accounts.models import ExternalIdentity
from beredskab.accounts.roles import roles_of
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CALLBACK = "/medarbejder/konto/oidc/callback/"

# The provider's people: a subject (`sub`) each, a password there, and the claims it sends.
PROVIDER_ADMIN = "5b0e8c2a-1f4d-4c55-9a0e-3c8e2f1d7a10"
PROVIDER_ANNE = "c81d2a4e-7b3f-4f0a-8d6e-1e2f3a4b5c6d"
PROVIDER_PASSWORD = "at-the-provider"  # noqa: S105
PEOPLE = {
    PROVIDER_ADMIN: {
        "password": PROVIDER_PASSWORD,
        "claims": {
            "preferred_username": "admin",
            "email": "it-vikar@kommune.example",
            "given_name": "Ida",
            "family_name": "Vikar",
            "groups": ["BER-Modtagelsen"],
        },
    },
    PROVIDER_ANNE: {
        "password": PROVIDER_PASSWORD,
        "claims": {
            "preferred_username": "anne.hansen",
            "email": "anne.hansen@kommune.example",
            "given_name": "Anne",
            "family_name": "Hansen",
            "groups": ["BER-Ledere", "Alle-ansatte"],
        },
    },
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def node():
    node = shutil.which("node")
    if node is None:
        message = "Node.js not found: the single sign-on tests start a real provider with it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("node_modules/oidc-provider is missing: run 'make setup'")
    return node


class Provider:
    """The running provider: its issuer, and the people file it reads at each sign-in."""

    def __init__(self, issuer: str, people_file: Path):
        self.issuer, self.people_file = issuer, people_file
        self.people = json.loads(people_file.read_text())

    def change(self, subject: str, **claims):
        self.people[subject]["claims"].update(claims)
        self.people_file.write_text(json.dumps(self.people))


@pytest.fixture
def provider(node, live_server, single_sign_on, tmp_path):
    people_file = tmp_path / "people.json"
    people_file.write_text(json.dumps(PEOPLE))
    log = tmp_path / "provider.log"
    client = ["beredskab", "client-secret"]  # as the single_sign_on fixture names it
    process = subprocess.Popen(
        [node, str(SCRIPT), str(people_file), live_server.url + CALLBACK, *client],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready and process.poll() is None, f"the provider did not start: {log.read_text()}"
        issuer = json.loads(process.stdout.readline())["issuer"]
        # Configured from the provider's discovery document, as docs/sign-in.md tells IT to do.
        discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
        single_sign_on(
            discovery["issuer"],
            authorization=discovery["authorization_endpoint"],
            token=discovery["token_endpoint"],
            userinfo=discovery["userinfo_endpoint"],
            jwks=discovery["jwks_uri"],
            scopes="openid email profile groups",
        )
        yield Provider(issuer, people_file)
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in_with_provider(live_server, provider, subject, password=PROVIDER_PASSWORD):
    """A fresh browser: our "Log ind med kommunens login", the provider's sign-in page, and back.
    Returns the browser and the last answer (redirects followed)."""
    browser = requests.Session()
    page = browser.get(f"{live_server.url}/medarbejder/konto/oidc/log-ind/?next=/medarbejder/")
    assert page.url.startswith(f"{provider.issuer}/interaction/"), page.url
    to_provider = page.history[0].headers["Location"]  # the provider requires PKCE
    assert "code_challenge_method=S256" in to_provider and "code_challenge=" in to_provider
    answer = browser.post(page.url, data={"login": subject, "password": password})
    return browser, answer


def signed_in_user(browser):
    """The account the browser's session here is signed in to, or None."""
    session = Session.objects.filter(session_key=browser.cookies.get("sessionid")).first()
    user_id = session.get_decoded().get("_auth_user_id") if session else None
    return get_user_model().objects.filter(pk=user_id).first()


@pytest.fixture
def local_admin():
    """The installation's own superuser `admin`, with a password and an authenticator app."""
    admin = get_user_model().objects.create_superuser(
        "admin", "admin@kommune.example", PASSWORD, first_name="Lokal", last_name="Administrator"
    )
    TOTPDevice.objects.create(user=admin, name="telefon", confirmed=True)
    return admin


def test_the_providers_admin_gets_a_new_account_not_the_local_superuser(
    live_server, provider, local_admin
):
    browser, answer = sign_in_with_provider(live_server, provider, PROVIDER_ADMIN)

    user = signed_in_user(browser)
    assert user is not None and user.pk != local_admin.pk
    assert user.get_username().lower() != "admin"
    assert not user.is_superuser and not user.is_staff
    assert roles_of(user) == {"modtagelsen"}
    assert (user.first_name, user.email) == ("Ida", "it-vikar@kommune.example")
    local_admin.refresh_from_db()
    assert local_admin.is_superuser and local_admin.is_staff
    assert (local_admin.email, local_admin.first_name, local_admin.last_name) == (
        "admin@kommune.example",
        "Lokal",
        "Administrator",
    )
    assert local_admin.has_usable_password()
    # Not trusted for MFA: our own second factor is asked for (a new account sets up its app).
    assert answer.url.startswith(f"{live_server.url}/medarbejder/konto/totp/opret/")
    admin_page = browser.get(f"{live_server.url}/admin/", allow_redirects=False)
    assert admin_page.status_code == 302
    assert admin_page.headers["Location"].startswith("/medarbejder/konto/totp/")


def test_the_same_subject_reaches_the_same_account_even_under_a_new_user_name(
    live_server, provider
):
    first, _ = sign_in_with_provider(live_server, provider, PROVIDER_ANNE)
    account = signed_in_user(first)
    assert roles_of(account) == {"leder"}

    provider.change(PROVIDER_ANNE, preferred_username="anne.h", groups=["BER-Modtagelsen"])
    second, _ = sign_in_with_provider(live_server, provider, PROVIDER_ANNE)

    again = signed_in_user(second)
    assert again.pk == account.pk
    assert roles_of(again) == {"modtagelsen"}
    identity = ExternalIdentity.objects.get(user=account)
    assert (identity.issuer, identity.subject) == (provider.issuer, PROVIDER_ANNE)


def test_a_local_account_with_the_same_user_name_and_email_is_never_reused(live_server, provider):
    local = get_user_model().objects.create_user(
        "anne.hansen", "anne.hansen@kommune.example", PASSWORD, first_name="Anne"
    )

    browser, _ = sign_in_with_provider(live_server, provider, PROVIDER_ANNE)

    assert signed_in_user(browser).pk != local.pk
    assert roles_of(local) == set()


def test_an_account_linked_to_a_superuser_is_refused(live_server, provider, local_admin):
    ExternalIdentity.objects.create(
        issuer=provider.issuer, subject=PROVIDER_ADMIN, user=local_admin
    )

    browser, answer = sign_in_with_provider(live_server, provider, PROVIDER_ADMIN)

    assert answer.url.startswith(f"{live_server.url}/medarbejder/konto/log-ind/")
    assert "Du blev ikke logget ind med kommunens login" in answer.text
    assert signed_in_user(browser) is None


def test_single_sign_on_with_trusted_mfa_opens_the_staff_pages(live_server, provider, settings):
    settings.BEREDSKAB_OIDC_TRUSTS_MFA = True

    browser, answer = sign_in_with_provider(live_server, provider, PROVIDER_ANNE)

    assert answer.status_code == 200
    assert answer.url == f"{live_server.url}/medarbejder/"
    assert "Velkommen, Anne Hansen" in answer.text
