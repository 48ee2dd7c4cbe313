"""Attachments are checked by content and size, and served only to authorised staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.intake.models import Attachment, Notification
from tests.intake.helpers import form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
URL = "/underret/fagperson/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_pdf_is_stored_under_a_random_name(client):
    client.post(URL, {**form_data(), "attachments": [upload("elevplan Aisha.pdf", PDF)]})

    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert "Aisha" not in attachment.file.name
    assert attachment.original_name == "elevplan Aisha.pdf"


def test_a_program_disguised_as_a_pdf_is_refused_and_nothing_is_saved(client):
    response = client.post(
        URL,
        {
            **form_data(),
            "attachments": [upload("brev.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf")],
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "brev.pdf er ikke en tilladt filtype" in page
    assert "skal vælges igen" in page
    assert not Notification.objects.exists()


@override_settings(BEREDSKAB_ATTACHMENT_MAX_BYTES=100)
def test_too_large_file_is_refused(client):
    response = client.post(
        URL, {**form_data(), "attachments": [upload("stor.pdf", PDF + b"x" * 200)]}
    )

    assert response.status_code == 400
    assert "stor.pdf er for stor" in response.content.decode()


def test_too_many_files_are_refused(client):
    files = [upload(f"{i}.txt", b"tekst") for i in range(6)]

    response = client.post(URL, {**form_data(), "attachments": files})

    assert response.status_code == 400
    assert "højst 5 filer" in response.content.decode()


def test_attachment_is_served_only_to_authorised_staff(client, staff_client):
    client.post(URL, {**form_data(), "attachments": [upload("a.pdf", PDF)]})
    notification = Notification.objects.get()
    attachment = Attachment.objects.get()
    url = f"/medarbejder/underretninger/{notification.reference}/bilag/{attachment.pk}/"

    client.logout()
    assert client.get(url).status_code == 302  # to sign-in

    press = staff_client(roles.PRESS, username="presse")
    assert press.get(url).status_code == 403
    press.logout()

    intake = staff_client(roles.INTAKE, username="modtager")
    response = intake.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="notification.attachment_download").count() == 1
