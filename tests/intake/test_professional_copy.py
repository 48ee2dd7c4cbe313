"""After notifying, the professional downloads a tagged PDF of what they sent, with the reference
and the time received, to document that they met the duty to notify. Only from the page that
confirmed it (a signed token in a form, no cookie, nothing in a URL), for an hour."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from beredskab.audit.models import AuditEvent
from beredskab.intake.models import Notification
from tests.intake.helpers import form_data
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.usefixtures("allerod_plan")
COPY = "/underret/fagperson/kopi/"


def submitted_token(client) -> str:
    page = client.post("/underret/fagperson/", form_data()).content.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "the confirmation page offers the copy"
    return found.group(1)


def test_the_professional_downloads_a_tagged_copy(client):
    token = submitted_token(client)
    notification = Notification.objects.get()

    response = client.post(COPY, {"token": token})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"underretning-{notification.reference}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert_accessible_pdf(
        response.content, title=f"Underretning {notification.reference}", lang="da"
    )
    assert AuditEvent.objects.filter(action="notification.copy").count() == 1


def test_a_forged_or_old_token_gets_nothing(client, time_machine):
    token = submitted_token(client)

    forged = client.post(COPY, {"token": token[:-2] + "xx"})
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))
    old = client.post(COPY, {"token": token})

    assert forged.status_code == 410 and old.status_code == 410
    assert "første time" in old.content.decode()


def test_a_get_or_a_post_from_elsewhere_is_refused(client):
    token = submitted_token(client)

    assert client.get(COPY).status_code == 405
    response = client.post(COPY, {"token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_a_citizen_is_offered_no_copy(client):
    page = client.post(
        "/underret/borger/",
        {
            **form_data(),
            "about": "other",
            "anonymous": "on",
            "notifier_relation": "",
        },
    ).content.decode()

    assert "vi har modtaget det" in page
    assert 'name="token"' not in page
