"""Every URL pattern of the project, requested as every role and as an anonymous visitor, answers
as docs/permissions.md says; a URL pattern without a row in that table fails the test."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from beredskab.accounts import roles as r
from beredskab.accounts.system_accounts import create_system_account, issue_token
from beredskab.cases import services as case_services
from beredskab.cases.models import CaseAssignment, Track
from beredskab.governance.services import start_draft
from beredskab.intake.models import Attachment
from beredskab.meetings import services as meeting_services
from beredskab.section12a import services as section12a_services
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

MATRIX = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ANONYMOUS = "anonym"
CASE_ROLES = (r.INTAKE, r.COORDINATOR, r.INTERVENTION_GROUP, r.CHILDREN_UNIT, r.LEADER)


def read_matrix() -> dict[str, dict[str, bool]]:
    text = MATRIX.read_text(encoding="utf-8").split("## URL matrix", 1)[1]
    rows = [line for line in text.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    table = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = {
            who: cell == "✓" for who, cell in zip(header[1:], cells[1:], strict=True)
        }
    return table


def url_patterns(patterns=None, prefix="", namespace=None):
    """(name, route) for every pattern; unnamed admin patterns keep their route."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def row_for(name, route, table):
    if name in table:
        return table[name]
    if (name or "").startswith("admin:") or route.startswith("admin/"):
        return table.get("admin:*")
    return None


def test_every_url_pattern_has_a_row_in_the_matrix():
    table = read_matrix()
    missing = [
        name or route for name, route in url_patterns() if row_for(name, route, table) is None
    ]

    assert missing == [], f"add these to docs/permissions.md: {missing}"


def test_matrix_names_only_existing_urls():
    names = {name for name, _ in url_patterns()}
    stale = [name for name in read_matrix() if name != "admin:*" and name not in names]

    assert stale == []


@pytest.fixture
def world(db, allerod_plan, settings, tmp_path):
    """One of each object, with every user given need to know of the cases."""
    settings.MEDIA_ROOT = tmp_path
    settings.BEREDSKAB_RATE_LIMITS = False
    users = {role: make_staff(role, role) for role in r.ROLES}
    intake, coordinator = users[r.INTAKE], users[r.COORDINATOR]
    now = timezone.now()

    # The same name and birth date: the two persons are proposed as one, and then merged.
    same_person = {"person_name": "Test Person", "person_birth_date": dt.date(1990, 1, 1)}
    received = make_notification(age_group="adult", notifier_address="Vej 1", **same_person)
    attachment = Attachment(
        notification=received,
        original_name="a.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )
    attachment.file.save("a", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()

    adult = make_notification(age_group="adult", **same_person).case
    case_services.record_risk_assessment(
        adult,
        answers={},
        serious_violence="medium",
        acute_risk="low",
        acute_action_needed=False,
        justification="x",
        by=intake,
    )
    case_services.assign_coordinator(adult, coordinator, by=intake)
    meeting = meeting_services.schedule_meeting(
        starts_at=now - dt.timedelta(hours=1),  # decisions come from a meeting that has begun
        location="Rådhuset",
        participants=[coordinator, users[r.INTERVENTION_GROUP]],
        by=coordinator,
    )
    item = meeting_services.add_to_agenda(meeting, adult, by=coordinator)
    meeting_services.record_decision(
        item,
        text="Henvis",
        by=coordinator,
        initiatives=[
            {
                "kind": "counselling",
                "responsible": coordinator,
                "due_on": timezone.localdate() + dt.timedelta(days=7),
            }
        ],
    )
    section12a_services.create_action_plan(
        adult,
        by=coordinator,
        made_with_person=True,
        agreed_on=timezone.localdate(),
        **dict.fromkeys(section12a_services.ACTION_PLAN_FIELDS, "tekst"),
    )
    for case in (received.case, adult):
        for role in CASE_ROLES:
            CaseAssignment.objects.get_or_create(
                case=case, user=users[role], defaults={"assigned_at": now}
            )
    assert adult.track == Track.ADULT

    from beredskab.persons.models import NotificationPerson
    from beredskab.persons.services import confirm_match

    person = NotificationPerson.objects.get(notification=adult.notification).person
    other = NotificationPerson.objects.get(notification=received).person
    merge = confirm_match(person, other, by=coordinator)

    from beredskab.press.services import register_inquiry

    inquiry = register_inquiry(
        medium="DR",
        journalist_name="J",
        journalist_phone="12",
        subject="s",
        deadline=now + dt.timedelta(hours=5),
        received_at=now,
        by=intake,
    )
    from beredskab.governance.models import CoordinationMeeting

    coordination = CoordinationMeeting.objects.create(
        starts_at=now, participants="Borgerservice", created_by=users[r.PLAN_ADMIN]
    )
    draft = start_draft(by=users[r.PLAN_ADMIN], name="Allerød Kommune", version="2030")
    from beredskab.safety.models import OutgoingMessage

    invitation = OutgoingMessage.objects.create(
        case=adult,
        kind="meeting_invitation",
        recipient="family",
        means="email",
        address="far@example.dk",
        subject="s",
        body="b",
        meeting_at=now + dt.timedelta(days=2),
        sent_by=coordinator,
        sent_at=now,
    )
    objects = {
        "received": received.reference,
        "adult": adult.notification.reference,
        "attachment_id": attachment.pk,
        "entry_id": adult.journal.first().pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "initiative_id": adult.initiatives.first().pk,
        "person_ref": merge.target.reference,
        "other_ref": merge.source.reference,
        "source_ref": merge.source.reference,
        "inquiry_id": inquiry.pk,
        "version_id": allerod_plan.pk,
        "coordination_id": coordination.pk,
        "draft_id": draft.pk,
        "message_id": invitation.pk,
    }
    return users, objects


INTAKE_REFERENCE = {
    "intake",
    "api:notification",
    "cases:screen",
    "cases:assess",
    "cases:track",
    "cases:route",
}


def build_url(name, route, objects):
    """A concrete URL for the pattern, using the world's objects."""
    if name is None or name.startswith("admin:"):
        path = re.sub(r"<[^>]+>", "1", route)
        path = re.sub(r"\^?\(\?P<app_label>[^)]*\)\$?", "auth", path)
        path = path.replace("(?P<url>.*)$", "nowhere/").replace("^", "").replace("$", "")
        return "/" + path
    kwargs = {}
    for key in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if key == "reference":
            use_intake = name.split(":")[0] in INTAKE_REFERENCE or name in INTAKE_REFERENCE
            kwargs[key] = objects["received"] if use_intake else objects["adult"]
        elif key == "meeting_id" and name.startswith("governance:"):
            kwargs[key] = objects["coordination_id"]
        elif key in ("version", "revision"):
            kwargs[key] = 1
        elif key == "kind" and name == "governance:editor-preview":
            kwargs[key] = "offentlig"
        elif key == "page" and name == "governance:editor-page":
            kwargs[key] = "kontakt"
        elif key == "concern":
            kwargs[key] = "stay_abroad"
        elif key == "age":
            kwargs[key] = "under-18"
        else:
            kwargs[key] = objects[key]
    return reverse(name, kwargs=kwargs)


REFUSAL = "Du har ikke adgang til denne side"


def allowed(response, name) -> bool:
    if response.status_code == 403 and (name or "admin:").startswith("admin:"):
        # The admin's own 403 for a read-only model (no "add" on the audit of lockouts, say)
        # is not a refusal of the role; our refusal page is.
        return REFUSAL not in response.content.decode()
    if response.status_code in (401, 403):
        return False
    if response.status_code == 302:
        location = response["Location"]
        return not location.startswith(("/medarbejder/konto/log-ind/", "/medarbejder/konto/totp/"))
    return response.status_code < 500


# The whole matrix is 2,000 requests: in one test it was the suite's longest, on one pytest-xdist
# worker while the other had finished. Three tests of a third of the roles each (every test's own
# set-up costs a second or two: more tests would cost more than they save).
WHO = [ANONYMOUS, *r.ROLES]
THIRDS = [WHO[start::3] for start in range(3)]


@pytest.mark.parametrize("roles", THIRDS, ids=["-".join(third) for third in THIRDS])
def test_every_url_answers_every_role_as_the_matrix_says(client, world, roles):
    users, objects = world
    table = read_matrix()
    mismatches = []
    for who in roles:
        client.logout()
        headers = {}
        if who != ANONYMOUS:
            sign_in(client, users[who])
            # The API takes tokens of system accounts: one with this role.
            system = create_system_account(f"system-{who}", roles=[who], description=who)
            headers["HTTP_AUTHORIZATION"] = f"Token {issue_token(system)[1]}"
        for name, route in url_patterns():
            expected = row_for(name, route, table)[who]
            url = build_url(name, route, objects)
            api = (name or "").startswith("api:") and name not in ("api:schema", "api:docs")
            response = client.get(url, **(headers if api else {}))
            assert response.status_code < 500, f"{url} as {who}: {response.status_code}"
            if allowed(response, name) != expected:
                mismatches.append(f"{name or route} as {who}: {response.status_code}")

    assert not mismatches, "differs from docs/permissions.md:\n" + "\n".join(mismatches)
