"""Attachments to a notification: checked by content (not by name or browser's claim) and size."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (docx)",
    "text/plain": _("tekst"),
}


def detect_type(upload) -> str | None:
    """The file's real type from its first bytes, or None when it is not an allowed type."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heif"):
        return "image/heic"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names and not any(n.startswith("word/vbaProject") for n in names):
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return None
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def validate_uploads(files) -> list:
    max_bytes = settings.BEREDSKAB_ATTACHMENT_MAX_BYTES
    max_count = settings.BEREDSKAB_ATTACHMENT_MAX_COUNT
    if len(files) > max_count:
        raise ValidationError(
            _("Du kan vedhæfte højst %(count)s filer.") % {"count": max_count}, code="too_many"
        )
    errors = []
    for upload in files:
        if upload.size > max_bytes:
            errors.append(
                _("%(name)s er for stor (højst %(max)s pr. fil).")
                % {"name": upload.name, "max": filesizeformat(max_bytes)}
            )
            continue
        if upload.size == 0:
            errors.append(_("%(name)s er tom.") % {"name": upload.name})
            continue
        detected = detect_type(upload)
        if detected is None:
            errors.append(
                _("%(name)s er ikke en tilladt filtype. Tilladt: %(types)s.")
                % {"name": upload.name, "types": ", ".join(str(v) for v in ALLOWED.values())}
            )
            continue
        upload.detected_type = detected
    if errors:
        raise ValidationError(errors)
    return list(files)
