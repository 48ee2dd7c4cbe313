"""A professional's notification: from the guide, through the form, to a reference number."""

import logging
import uuid

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from beredskab.deadlines.models import DeadlineEvent
from beredskab.intake.models import Notification
from beredskab.outbox.models import OutboundEmail
from tests.intake.helpers import VALID_PROFESSIONAL, form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/underret/fagperson/"


def test_form_is_prefilled_from_the_guide(client):
    page = client.get(URL, {"concern": "stay_abroad", "age": "under-18"}).content.decode()

    assert 'value="stay_abroad" class="form-checkbox" id="id_concern_types_3" checked' in page
    assert 'value="child" class="form-radio" id="id_age_group_0" checked' in page or (
        'value="child"' in page and "checked" in page
    )
    assert "112" in page


def test_guide_links_to_the_form(client):
    page = client.get("/fagperson/stay_abroad/under-18/").content.decode()

    assert "/underret/fagperson/?concern=stay_abroad&amp;age=under-18" in page


def test_submitting_creates_one_notification_with_case_deadlines_and_receipt(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())

    notification = Notification.objects.get()
    page = response.content.decode()
    assert response.status_code == 200
    assert notification.reference in page
    assert notification.channel == "web_professional"
    assert notification.notifier_kind == "professional"
    assert notification.age_group == "child"
    assert [c.concern_type for c in notification.concerns.all()] == ["stay_abroad"]
    assert Case.objects.get().track == "child"
    assert notification.assessment_due_at > notification.received_at
    assert notification.receipt_due_at > notification.assessment_due_at
    assert DeadlineEvent.objects.filter(notification=notification, event="set").count() == 2
    receipt = OutboundEmail.objects.get(kind="receipt")
    assert receipt.to == "hansen@skole.example"
    assert receipt.subject == f"Kvittering for underretning {notification.reference}"
    assert "Aisha" not in receipt.body and "Aisha" not in receipt.subject
    assert AuditEvent.objects.filter(action="notification.create").count() == 1


def test_double_submit_gives_one_notification(client):
    data = form_data()

    first = client.post(URL, data)
    second = client.post(URL, data)

    assert Notification.objects.count() == 1
    reference = Notification.objects.get().reference
    assert reference in first.content.decode()
    assert reference in second.content.decode()


def test_professional_must_give_name_workplace_role_phone_and_email(client):
    data = form_data(
        notifier_name="",
        notifier_workplace="",
        notifier_role="",
        notifier_phone="",
        notifier_email="",
    )

    response = client.post(URL, data)

    assert response.status_code == 400
    assert Notification.objects.count() == 0
    page = response.content.decode()
    assert page.count("Dette felt er påkrævet") >= 5 or page.count("Feltet er påkrævet") >= 5


def test_error_keeps_everything_typed_and_says_what_to_fix(client):
    data = form_data(person_cpr="310299-1234", description="Lang beskrivelse der ikke må gå tabt")

    response = client.post(URL, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "CPR-nummeret er ikke gyldigt" in page
    assert "Lang beskrivelse der ikke må gå tabt" in page
    assert 'value="Lillerød Skole"' in page
    assert 'value="stay_abroad" class="form-checkbox" id="id_concern_types_3" checked' in page
    assert data["submission_token"] in page  # the same token: a corrected resend is still one


def test_age_is_required_in_some_form(client):
    response = client.post(URL, form_data(age_group=""))

    assert response.status_code == 400
    assert "svar, om personen er under 18 år" in response.content.decode()


def test_cpr_decides_the_track(client):
    client.post(URL, form_data(person_cpr="010190-1234", age_group=""))

    notification = Notification.objects.get()
    assert notification.age_group == "adult"
    assert notification.case.track == "adult"
    assert notification.person_cpr == "0101901234"


def test_immediate_danger_shows_the_acute_numbers_and_still_saves(client):
    response = client.post(URL, form_data(immediate_danger="yes"))

    page = response.content.decode()
    assert Notification.objects.get().immediate_danger is True
    assert "immediate-danger" in page
    assert 'href="tel:112"' in page


def test_cross_site_post_is_refused(client):
    response = client.post(URL, form_data(), HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403
    assert Notification.objects.count() == 0


def test_same_site_post_with_origin_is_accepted(client):
    response = client.post(URL, form_data(), HTTP_ORIGIN="http://testserver")

    assert response.status_code == 200


def test_sets_no_cookies(client):
    assert client.get(URL).cookies == {}
    assert client.post(URL, form_data()).cookies == {}


def test_personal_data_stays_out_of_logs(client, caplog):
    caplog.set_level(logging.DEBUG)

    client.post(URL, form_data(person_cpr="010203-1234"))

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Aisha" not in logged
    assert "0102031234" not in logged and "010203-1234" not in logged
    assert "Lærer Hansen" not in logged


def test_unknown_token_format_is_an_error_not_a_crash(client):
    response = client.post(URL, {**VALID_PROFESSIONAL, "submission_token": "not-a-uuid"})

    assert response.status_code == 400


def test_submission_token_is_fresh_per_page(client):
    first = client.get(URL).content.decode()
    second = client.get(URL).content.decode()

    token = first.split('name="submission_token" value="')[1].split('"')[0]
    assert uuid.UUID(token)
    assert token not in second
