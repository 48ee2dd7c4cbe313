"""Single sign-on with the municipality's login (OpenID Connect): the person is linked by issuer and
subject, groups become roles, and the sign-in counts as two factors only when the installation
trusts the provider's MFA. The provider is faked at the backend's network calls here; the flow
against a real provider is in test_oidc_provider.py."""

import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import Error
from django.urls import reverse

from beredskab.accounts.checks import check_oidc_role_map
from beredskab.accounts.models import ExternalIdentity, IdentityProviderDevice
from beredskab.accounts.oidc import (
    MunicipalityOIDCBackend,
    parse_role_map,
    roles_from_claims,
    user_from_claims,
)
from beredskab.accounts.roles import roles_of
from beredskab.accounts.services import SingleSignOnRefused
from beredskab.audit.models import AuditEvent
from tests.accounts.conftest import ROLE_MAP
from tests.factories import make_staff

ISSUER = "https://login.kommune.example/realms/ansatte"
CLAIMS = {
    "sub": "a1b2",
    "preferred_username": "anne.hansen",
    "email": "anne.hansen@kommune.example",
    "given_name": "Anne",
    "family_name": "Hansen",
    "groups": ["BER-Modtagelsen", "Alle-ansatte"],
}


@pytest.fixture
def oidc(single_sign_on):
    """Single sign-on switched on, as the environment variables would (settings.py)."""
    return single_sign_on(
        ISSUER,
        authorization=f"{ISSUER}/auth",
        token=f"{ISSUER}/token",
        userinfo=f"{ISSUER}/userinfo",
        jwks=f"{ISSUER}/certs",
    )


def sign_in_with_provider(client, monkeypatch, userinfo=CLAIMS, **id_token):
    """Through our two single-sign-on views, with the provider's answers faked."""
    response = client.get(reverse("accounts:oidc-login") + "?next=/medarbejder/")
    assert response["Location"].startswith(f"{ISSUER}/auth?")
    query = parse_qs(urlsplit(response["Location"]).query)
    id_claims = {"iss": ISSUER, "aud": "beredskab", "sub": "a1b2", "nonce": query["nonce"][0]}
    id_claims.update(id_token)
    tokens = {"id_token": "header.payload.signature", "access_token": "access"}
    monkeypatch.setattr(MunicipalityOIDCBackend, "get_token", lambda self, payload: tokens)
    monkeypatch.setattr(MunicipalityOIDCBackend, "retrieve_matching_jwk", lambda self, t: None)
    monkeypatch.setattr(MunicipalityOIDCBackend, "get_payload_data", lambda self, t, k: id_claims)
    monkeypatch.setattr(
        MunicipalityOIDCBackend, "get_userinfo", lambda self, at, it, payload: dict(userinfo)
    )
    return client.get(
        reverse("accounts:oidc-callback"),
        {"code": "code-from-provider", "state": query["state"][0]},
    )


# The role map and the users it makes


def test_role_map_reads_role_equals_group():
    assert parse_role_map(ROLE_MAP) == {
        "modtagelsen": {"BER-Modtagelsen"},
        "leder": {"BER-Ledere", "BER-Socialchef"},
    }
    assert parse_role_map(" ") == {}


@pytest.mark.parametrize("text", ["chef=BER-Ledere", "modtagelsen", "=BER-Modtagelsen"])
def test_role_map_refuses_unknown_roles_and_bad_pairs(text):
    with pytest.raises(ValueError):
        parse_role_map(text)


def test_roles_come_from_the_groups_claim():
    role_map = parse_role_map(ROLE_MAP)

    assert roles_from_claims(CLAIMS, role_map) == {"modtagelsen"}
    assert roles_from_claims({"groups": "BER-Socialchef"}, role_map) == {"leder"}
    assert roles_from_claims({"groups": ["Alle-ansatte"]}, role_map) == set()
    assert roles_from_claims({}, role_map) == set()


@pytest.mark.django_db
def test_first_sign_in_creates_an_account_with_the_mapped_roles(settings):
    settings.BEREDSKAB_OIDC_ROLE_MAP = ROLE_MAP

    user = user_from_claims(CLAIMS, issuer=ISSUER)

    assert user.username == "sso-anne.hansen"
    assert (user.first_name, user.last_name, user.email) == ("Anne", "Hansen", CLAIMS["email"])
    assert not user.is_superuser and not user.is_staff
    assert not user.has_usable_password()
    assert roles_of(user) == {"modtagelsen"}
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (ISSUER, "a1b2")


@pytest.mark.django_db
def test_the_user_name_comes_from_the_email_address_without_one():
    claims = {k: v for k, v in CLAIMS.items() if k != "preferred_username"}

    user = user_from_claims(claims, parse_role_map(ROLE_MAP), issuer=ISSUER)

    assert user.username == "sso-anne.hansen@kommune.example"


@pytest.mark.django_db
def test_a_local_account_with_the_same_name_is_neither_reused_nor_changed():
    local = make_staff("Anne.Hansen", "leder", "revisor")
    make_staff("sso-anne.hansen")  # even a name that looks like ours stays someone else's

    user = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)

    assert user.pk != local.pk
    assert user.username == "sso-anne.hansen-2"
    local.refresh_from_db()
    assert roles_of(local) == {"leder", "revisor"}
    assert local.email == "Anne.Hansen@kommune.example"


@pytest.mark.django_db
def test_the_same_subject_is_the_same_account_whatever_its_name():
    first = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)

    renamed = {**CLAIMS, "preferred_username": "a.hansen", "email": "a.hansen@kommune.example"}
    again = user_from_claims(renamed, parse_role_map(ROLE_MAP), issuer=ISSUER)

    assert again.pk == first.pk
    assert again.email == "a.hansen@kommune.example"
    other_issuer = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer="https://other")
    assert other_issuer.pk != first.pk


@pytest.mark.django_db
def test_every_sign_in_sets_the_roles_to_exactly_the_mapped_ones_and_audits_it():
    user = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)

    claims = {**CLAIMS, "groups": ["BER-Socialchef"]}
    user = user_from_claims(claims, parse_role_map(ROLE_MAP), issuer=ISSUER)

    assert roles_of(user) == {"leder"}
    changes = AuditEvent.objects.filter(action="account.roles_changed").order_by("seq")
    assert [(e.actor_username, e.detail) for e in changes] == [
        ("single sign-on", {"before": [], "after": ["modtagelsen"]}),
        ("single sign-on", {"before": ["modtagelsen"], "after": ["leder"]}),
    ]
    assert {e.object_id for e in changes} == {str(user.pk)}


@pytest.mark.django_db
def test_the_system_administrators_role_gives_the_admin_and_losing_it_takes_it_away():
    role_map = parse_role_map(ROLE_MAP + ",systemadministrator=BER-IT")

    user = user_from_claims({**CLAIMS, "groups": ["BER-IT"]}, role_map, issuer=ISSUER)
    assert user.is_staff and not user.is_superuser

    user = user_from_claims(CLAIMS, role_map, issuer=ISSUER)
    assert not user.is_staff


@pytest.mark.django_db
def test_an_account_made_superuser_after_linking_is_refused():
    user = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)
    user.is_superuser = True
    user.save()

    with pytest.raises(SingleSignOnRefused):
        user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)
    user.refresh_from_db()
    assert roles_of(user) == {"modtagelsen"}  # nothing changed


@pytest.mark.django_db
def test_no_mapped_group_is_refused_and_takes_the_roles_away():
    linked = user_from_claims(CLAIMS, parse_role_map(ROLE_MAP), issuer=ISSUER)
    claims = {**CLAIMS, "groups": ["Alle-ansatte"]}

    assert user_from_claims(claims, parse_role_map(ROLE_MAP), issuer=ISSUER) is None
    assert roles_of(get_user_model().objects.get(pk=linked.pk)) == set()
    newcomer = {**claims, "sub": "ny", "preferred_username": "ny"}
    assert user_from_claims(newcomer, parse_role_map(ROLE_MAP), issuer=ISSUER) is None
    assert not get_user_model().objects.filter(username__endswith="ny").exists()


@pytest.mark.django_db
def test_backend_leaves_password_sign_ins_alone(oidc, rf):
    assert MunicipalityOIDCBackend().authenticate(rf.post("/"), username="a", password="b") is None


def test_system_check_reports_a_bad_role_map(oidc):
    assert check_oidc_role_map(None) == []
    oidc.BEREDSKAB_OIDC_ROLE_MAP = "chef=BER-Ledere"
    [error] = check_oidc_role_map(None)
    assert isinstance(error, Error)
    assert "chef" in error.msg


# The sign-in pages


@pytest.mark.django_db
def test_login_page_offers_the_municipality_login_when_configured(client, oidc):
    response = client.get(reverse("accounts:login") + "?next=/medarbejder/")

    assert "Log ind med kommunens login" in response.text
    assert f'href="{reverse("accounts:oidc-login")}?next=/medarbejder/"' in response.text


@pytest.mark.django_db
def test_single_sign_on_pages_do_not_exist_when_not_configured(client):
    assert client.get(reverse("accounts:oidc-login")).status_code == 404
    assert client.get(reverse("accounts:oidc-callback")).status_code == 404


@pytest.mark.django_db
def test_single_sign_on_without_trusted_mfa_still_asks_for_our_second_factor(
    client, oidc, monkeypatch
):
    response = sign_in_with_provider(client, monkeypatch)

    assert response["Location"] == "/medarbejder/"
    assert client.session["_auth_user_id"]
    response = client.get("/medarbejder/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:setup-2fa"))
    assert not IdentityProviderDevice.objects.exists()


@pytest.mark.django_db
def test_single_sign_on_with_trusted_mfa_counts_as_two_factors(client, oidc, monkeypatch):
    oidc.BEREDSKAB_OIDC_TRUSTS_MFA = True

    sign_in_with_provider(client, monkeypatch)
    response = client.get("/medarbejder/")

    assert response.status_code == 200
    assert "Velkommen, Anne Hansen" in response.text
    assert IdentityProviderDevice.objects.get().user.username == "sso-anne.hansen"

    # Switching the trust off ends it at the next request, not when the session ends.
    oidc.BEREDSKAB_OIDC_TRUSTS_MFA = False
    assert client.get("/medarbejder/")["Location"].startswith(reverse("accounts:verify"))


@pytest.mark.django_db
def test_trusted_mfa_device_cannot_be_used_with_a_code(client, oidc, monkeypatch):
    oidc.BEREDSKAB_OIDC_TRUSTS_MFA = True
    sign_in_with_provider(client, monkeypatch)
    device = IdentityProviderDevice.objects.get()

    assert not device.verify_token("000000")


@pytest.mark.django_db
def test_person_without_a_mapped_group_is_refused(client, oidc, monkeypatch):
    response = sign_in_with_provider(client, monkeypatch, {**CLAIMS, "groups": ["Alle-ansatte"]})

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert "Du skal have en rolle i Beredskab" in client.get(response["Location"]).text


@pytest.mark.django_db
def test_deactivated_account_is_refused(client, oidc, monkeypatch):
    sign_in_with_provider(client, monkeypatch)
    client.logout()
    get_user_model().objects.filter(username="sso-anne.hansen").update(is_active=False)

    response = sign_in_with_provider(client, monkeypatch)

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_id_token_from_another_issuer_is_refused(client, oidc, monkeypatch):
    response = sign_in_with_provider(client, monkeypatch, iss="https://evil.example")

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_id_token_for_another_client_is_refused(client, oidc, monkeypatch):
    response = sign_in_with_provider(client, monkeypatch, aud=["another-app"])

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_userinfo_about_someone_else_is_refused(client, oidc, monkeypatch):
    response = sign_in_with_provider(client, monkeypatch, {**CLAIMS, "sub": "someone-else"})

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


# Settings from the environment


def settings_with(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if "OIDC" not in k}
    code = (
        "import beredskab.settings as s; "
        "print('mozilla_django_oidc' in s.INSTALLED_APPS, s.AUTHENTICATION_BACKENDS[-1])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


FULL_ENV = {
    "BEREDSKAB_OIDC_ISSUER": ISSUER,
    "OIDC_RP_CLIENT_ID": "beredskab",
    "OIDC_RP_CLIENT_SECRET": "client-secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/auth",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_OP_USER_ENDPOINT": f"{ISSUER}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/certs",
}


def test_settings_switch_single_sign_on_on_only_when_fully_configured():
    assert settings_with({}).stdout.split() == [
        "False",
        "django.contrib.auth.backends.ModelBackend",
    ]
    on = settings_with(FULL_ENV)
    assert on.stdout.split() == ["True", "beredskab.accounts.oidc.MunicipalityOIDCBackend"]
    half = settings_with({"BEREDSKAB_OIDC_ISSUER": ISSUER})
    assert half.returncode != 0
    assert "OIDC_RP_CLIENT_ID" in half.stderr
