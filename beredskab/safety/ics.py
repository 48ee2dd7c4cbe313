"""The calendar file (.ics) of a meeting invitation to the person or the family: the time and the
place only, never the case, its reference or a name (it lands in a calendar others may see)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from beredskab.meetings.ics import escape_text, fold, utc_stamp

from .models import OutgoingMessage

SUMMARY = "Møde med kommunen"


def invitation(message: OutgoingMessage, *, now: dt.datetime | None = None) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    starts_at = message.meeting_at
    assert starts_at is not None, "only meeting invitations have an .ics"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Beredskab//Moede//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:besked-{message.pk}@{domain}",
        f"DTSTAMP:{utc_stamp(now or timezone.now())}",
        f"DTSTART:{utc_stamp(starts_at)}",
        f"DTEND:{utc_stamp(starts_at + dt.timedelta(hours=1))}",
        f"SUMMARY:{escape_text(SUMMARY)}",
        f"LOCATION:{escape_text(message.meeting_place)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
