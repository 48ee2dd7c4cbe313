"""The calendar invitation (.ics, RFC 5545) for an Indsatsgruppe meeting, written by hand.

It leaves the system by e-mail and lands in calendars, so it holds only the time, the place and
the staff invited: never a case reference, a citizen's name or the agenda.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .models import MeetingStatus

SUMMARY = "Indsatsgruppemøde"
PRODID = "-//Beredskab//Indsatsgruppen//DA"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value (e.g. CN): quoted, since names may hold commas or colons; a quoted value
    cannot contain a double quote or control characters, so those are dropped."""
    cleaned = "".join(ch for ch in value if ch != '"' and ch >= " ")
    return f'"{cleaned}"'


def fold(line: str) -> str:
    """Fold a content line longer than 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
    Continuation lines start with one space, which counts towards their 75 octets."""
    parts = []
    current, size, limit = [], 0, MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def meeting_invitation(meeting, *, now: dt.datetime | None = None) -> str:
    """The invitation as text with CRLF line endings. The organizer is the person who scheduled
    the meeting; attendees are the participants who have an e-mail address."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    ends_at = meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes)
    organizer = meeting.created_by
    organizer_email = organizer.email or settings.DEFAULT_FROM_EMAIL
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{utc_stamp(now or timezone.now())}",
        f"DTSTART:{utc_stamp(meeting.starts_at)}",
        f"DTEND:{utc_stamp(ends_at)}",
        f"SUMMARY:{escape_text(SUMMARY)}",
        f"LOCATION:{escape_text(meeting.location)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"ORGANIZER;CN={param_value(_name(organizer))}:mailto:{organizer_email}",
    ]
    for person in meeting.participants.order_by("pk"):
        if person.email:
            lines.append(
                f"ATTENDEE;CN={param_value(_name(person))};ROLE=REQ-PARTICIPANT;"
                f"PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{person.email}"
            )
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
