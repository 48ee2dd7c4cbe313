"""The meeting's calendar invitation (.ics): valid RFC 5545 that calendars accept, and nothing
about the cases or the citizens in it, since it leaves the system by e-mail."""

import datetime as dt

import pytest

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.meetings import services as meeting_services
from beredskab.meetings.ics import escape_text, fold
from tests.factories import make_staff, sign_in
from tests.meetings.helpers import BEFORE_THE_MEETINGS, CPH, PERSON, meeting, routed_adult_case

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture(autouse=True)
def before_the_meetings(time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)


BASE = "/medarbejder/indsatsgruppen/"
LONG_LOCATION = (
    "Rådhuset, Bjarkesvej 2; mødelokale Æblehaven på første sal – "
    "indgang fra gården ved cykelparkeringen"
)


def unfold(raw: bytes) -> list[str]:
    """Content lines as a calendar reads them: CRLF-separated, continuation lines joined."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    lines = []
    for line in text[:-2].split("\r\n"):
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def field(lines, name):
    found = [line for line in lines if line.split(":", 1)[0].split(";", 1)[0] == name]
    assert len(found) == 1, (name, found)
    return found[0].split(":", 1)[1]


@pytest.fixture
def invitation(client, db):
    coordinator = make_staff(
        "tovholder", roles.COORDINATOR, first_name="Tove", last_name="Holder, Admin"
    )
    member = make_staff("medlem", roles.INTERVENTION_GROUP, first_name="Mads")
    no_email = make_staff("udenmail", roles.INTERVENTION_GROUP, email="")
    case = routed_adult_case(coordinator)
    planned = meeting(
        coordinator,
        starts_at=dt.datetime(2030, 12, 15, 13, 0, tzinfo=CPH),
        location=LONG_LOCATION,
        participants=[coordinator, member, no_email],
    )
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    meeting_services.record_decision(item, text="Henvis til RED Safehouse.", by=coordinator)
    planned = meeting_services.update_meeting(planned, by=coordinator, duration_minutes=90)
    sign_in(client, member)
    response = client.get(f"{BASE}{planned.pk}/invitation.ics")
    return {
        "response": response,
        "meeting": planned,
        "case": case,
        "coordinator": coordinator,
        "member": member,
    }


def test_invitation_is_a_calendar_file(invitation):
    response = invitation["response"]

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="indsatsgruppemoede-2030-12-15.ics"'
    )
    assert AuditEvent.objects.filter(
        action="meeting.ics", object_id=str(invitation["meeting"].pk)
    ).exists()


def test_invitation_fields(invitation):
    planned = invitation["meeting"]
    lines = unfold(invitation["response"].content)

    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert field(lines, "VERSION") == "2.0"
    assert field(lines, "METHOD") == "REQUEST"
    assert field(lines, "UID") == planned.uid
    assert field(lines, "SEQUENCE") == "1"  # changed once after it was planned
    # 13:00 in Copenhagen in winter is 12:00 UTC; 90 minutes long.
    assert field(lines, "DTSTART") == "20301215T120000Z"
    assert field(lines, "DTEND") == "20301215T133000Z"
    assert field(lines, "DTSTAMP").endswith("Z") and len(field(lines, "DTSTAMP")) == 16
    assert field(lines, "SUMMARY") == "Indsatsgruppemøde"
    assert field(lines, "LOCATION") == escape_text(LONG_LOCATION)
    assert "Bjarkesvej 2\\; mødelokale" in field(lines, "LOCATION")
    assert "Rådhuset\\, Bjarkesvej" in field(lines, "LOCATION")

    organizer = next(line for line in lines if line.startswith("ORGANIZER"))
    assert organizer == 'ORGANIZER;CN="Tove Holder, Admin":mailto:tovholder@kommune.example'
    attendees = [line for line in lines if line.startswith("ATTENDEE")]
    assert [line.rsplit("mailto:", 1)[1] for line in attendees] == [
        "tovholder@kommune.example",
        "medlem@kommune.example",
    ]  # the participant without an e-mail address is left out
    assert 'CN="Mads"' in attendees[1]


def test_invitation_lines_are_crlf_and_folded_at_75_octets(invitation):
    raw = invitation["response"].content

    assert b"\n" not in raw.replace(b"\r\n", b"")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical)  # the long location was folded
    for line in physical:
        line.decode("utf-8")  # never folded inside a Danish letter


def test_invitation_says_nothing_about_cases_or_citizens(invitation):
    text = invitation["response"].content.decode("utf-8")
    unfolded = "\n".join(unfold(invitation["response"].content))

    for secret in [
        invitation["case"].notification.reference,
        PERSON,
        "Henvis til RED Safehouse",
        "DESCRIPTION",
    ]:
        assert secret not in text and secret not in unfolded


def test_a_cancelled_meeting_cancels_the_invitation(client, db):
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    planned = meeting(coordinator, participants=[coordinator])
    meeting_services.update_meeting(planned, by=coordinator, status="cancelled")
    sign_in(client, coordinator)

    lines = unfold(client.get(f"{BASE}{planned.pk}/invitation.ics").content)

    assert field(lines, "METHOD") == "CANCEL"
    assert field(lines, "STATUS") == "CANCELLED"
    assert field(lines, "SEQUENCE") == "1"


def test_fold_counts_octets_and_keeps_letters_whole():
    line = "LOCATION:" + "æ" * 100

    folded = fold(line)

    parts = folded.split("\r\n")
    assert [len(p.encode()) for p in parts] == [75, 75, 61]
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_escape_text():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
