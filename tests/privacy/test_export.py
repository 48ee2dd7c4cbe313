"""A subject access request (GDPR art. 15): the person gets what is held about them and the log of
who used it (when, how, which unit; never staff names); the notifier and third parties are
protected; the employee who made the export is recorded."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")
CPH = ZoneInfo("Europe/Copenhagen")
MONDAY = dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH)
STAFF_NAMES = ["kbjerre", "Karen", "Bjerre", "holsen", "Hans", "Olsen", "sbech", "Sofie", "Bech"]


@pytest.fixture
def now(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    return MONDAY


@pytest.fixture
def intake(db):
    return make_staff("kbjerre", roles.INTAKE, first_name="Karen", last_name="Bjerre")


@pytest.fixture
def leader(db):
    return make_staff("holsen", roles.LEADER, first_name="Hans", last_name="Olsen")


@pytest.fixture
def handler(db):
    """The employee who answers the request."""
    return make_staff("sbech", roles.LEADER, first_name="Sofie", last_name="Bech")


def about_sara(**fields):
    data = {
        "notifier_kind": "citizen",
        "notifier_name": "Nabo Nielsen",
        "notifier_phone": "70 80 90 10",
        "notifier_email": "nabo@example.org",
        "person_name": "Sara Test",
        "person_cpr": "0102031234",
        "person_address": "Egevej 3, 3450 Allerød",
        "description": "Sara fortalte naboen, at hendes onkel Ali truer hende.",
    }
    data.update(fields)
    return make_notification(**data)


def export(capsys, *args):
    call_command("export_person", *args)
    text = capsys.readouterr().out
    return json.loads(text), text


def test_the_log_says_when_and_how_each_unit_used_the_data_but_names_no_one(
    client, capsys, now, intake, leader, handler
):
    notification = about_sara()
    case_page = f"/medarbejder/sager/{notification.reference}/"
    sign_in(client, intake)
    assert client.get(case_page).status_code == 200
    services.record_risk_assessment(
        notification.case,
        answers={},
        serious_violence="medium",
        acute_risk="low",
        acute_action_needed=False,
        justification="Onkel Ali truer.",
        by=intake,
    )
    sign_in(client, leader)
    assert client.get(case_page).status_code == 200
    someone_else = make_notification(person_name="Anden Person")
    assert client.get(f"/medarbejder/sager/{someone_else.reference}/").status_code == 200

    data, text = export(capsys, "--cpr", "010203-1234", "--by", "sbech")

    at = now.isoformat()
    log = [(e["at"], e["use"], e["unit"], e["reference"]) for e in data["log"]]
    assert (at, "læst", "Modtagelsen", notification.reference) in log
    assert (at, "ændret", "Modtagelsen", notification.reference) in log
    assert (at, "læst", "Ledelsen", notification.reference) in log
    assert (at, "eksporteret", "Ledelsen", notification.reference) in log
    assert [name for name in STAFF_NAMES if name.lower() in text.lower()] == []
    assert someone_else.reference not in text


def test_the_employee_who_exported_is_in_the_audit_trail(capsys, now, handler):
    notification = about_sara()

    export(capsys, "--reference", notification.reference, "--by", "sbech")

    event = AuditEvent.objects.get(action="person.export")
    assert event.actor_username == "sbech" and event.actor_id == handler.pk
    assert event.person_key == notification.reference


def test_an_export_without_an_employee_is_refused(capsys, now, handler):
    about_sara()

    with pytest.raises(CommandError, match="--by"):
        call_command("export_person", "--cpr", "010203-1234")
    with pytest.raises(CommandError, match="ingen"):
        call_command("export_person", "--cpr", "010203-1234", "--by", "ingen")
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_a_private_notifier_and_what_was_told_are_left_out_and_the_export_says_why(
    capsys, now, handler
):
    notification = about_sara()
    services.add_note(notification.case, text="Sara siger, at onkel Ali slår.", by=handler)

    data, text = export(capsys, "--cpr", "0102031234", "--by", "sbech")

    for secret in ("Nabo Nielsen", "70 80 90 10", "nabo@example.org", "onkel Ali"):
        assert secret not in text
    (exported,) = data["notifications"]
    assert exported["notifier"] == {"kind": "Borger"}
    assert exported["about_you"]["name"] == "Sara Test"
    assert exported["about_you"]["address"] == "Egevej 3, 3450 Allerød"
    left_out = {item["item"]: item for item in data["redacted"]}
    assert "privatperson" in left_out["notifier"]["why"]
    assert "§ 22" in left_out["description"]["why"]
    assert left_out["journal"]["reference"] == notification.reference
    assert [e["kind"] for e in exported["case"]["journal"]][-1] == "Notat"


def test_a_professional_notifier_is_named_unless_exempted_after_a_weighing(capsys, now, handler):
    about_sara(
        notifier_kind="professional",
        notifier_name="Lærer Hansen",
        notifier_workplace="Lillerød Skole",
    )

    named, _ = export(capsys, "--cpr", "0102031234", "--by", "sbech")
    exempted, text = export(capsys, "--cpr", "0102031234", "--by", "sbech", "--exempt-notifier")

    assert named["notifications"][0]["notifier"]["name"] == "Lærer Hansen"
    assert "notifier" not in {item["item"] for item in named["redacted"]}
    assert "Lærer Hansen" not in text and "Lillerød Skole" not in text
    assert exempted["notifications"][0]["notifier"] == {"kind": "Fagperson"}
    (reason,) = [item for item in exempted["redacted"] if item["item"] == "notifier"]
    assert "afvejning" in reason["why"]
