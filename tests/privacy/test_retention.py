"""Closed cases older than the plan's retention period lose their personal data; the counts stay."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.cases.models import Case
from beredskab.cases.services import FactorInput
from beredskab.intake.models import Notification
from tests.factories import make_staff
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def closed_case(years_ago, **fields):
    intake = make_staff(f"m{Notification.objects.count()}", roles.INTAKE)
    notification = make_notification(
        person_name="Navn Efternavn",
        person_cpr="0102031234",
        description="Følsom beskrivelse",
        **fields,
    )
    case = notification.case
    services.record_risk_assessment(
        case,
        answers={"own_fear": FactorInput("present", note="frygter far")},
        serious_violence="low",
        acute_risk="low",
        acute_action_needed=False,
        justification="Begrundelse med navn",
        by=intake,
    )
    services.close_case(case, reason="resolved", note="", by=intake)
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=365 * years_ago + 2)
    )
    return notification


def test_old_closed_case_is_anonymised_and_recent_one_kept(capsys):
    old = closed_case(6)
    recent = closed_case(1)
    open_case = make_notification(person_name="Åben Sag")

    call_command("apply_retention")

    out = capsys.readouterr().out
    assert "anonymised 1" in out and old.reference in out
    old.refresh_from_db()
    assert old.person_name == "" and old.person_cpr == "" and old.description == "[anonymiseret]"
    assert old.anonymised_at is not None
    assert set(old.case.journal.values_list("text", flat=True)) == {"[anonymiseret]"}
    assert old.case.assessments.get().justification == "[anonymiseret]"
    # What statistics need stays.
    assert old.case.state == "closed" and old.concerns.exists() and old.received_at
    recent.refresh_from_db()
    open_case.refresh_from_db()
    assert recent.person_name == "Navn Efternavn"
    assert open_case.person_name == "Åben Sag"
    assert AuditEvent.objects.filter(action="retention.anonymise").count() == 1


def test_dry_run_changes_nothing(capsys):
    old = closed_case(6)

    call_command("apply_retention", "--dry-run")

    assert "would anonymise 1" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.person_name == "Navn Efternavn"


def test_running_twice_does_nothing_the_second_time(capsys):
    closed_case(6)
    call_command("apply_retention")

    call_command("apply_retention")

    assert "anonymised 0" in capsys.readouterr().out.splitlines()[-1]


def test_subject_access_export_by_cpr(capsys):
    notification = make_notification(person_name="Sara Test", person_cpr="0102031234")
    make_staff("sagsbehandler", roles.LEADER)

    call_command("export_person", "--cpr", "010203-1234", "--by", "sagsbehandler")

    data = json.loads(capsys.readouterr().out)
    assert [n["reference"] for n in data["notifications"]] == [notification.reference]
    assert data["notifications"][0]["about_you"]["name"] == "Sara Test"
    assert AuditEvent.objects.filter(action="person.export").count() == 1
