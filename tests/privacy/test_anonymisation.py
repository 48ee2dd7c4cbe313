"""After the retention period nothing written about the people in a closed case survives anywhere
in the database: not in the notification, the journal, the break-the-glass reasons, the meetings,
the press log, the persons, the outbox or the attachments. What statistics count stays."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.cases.models import BreakGlassGrant, Case, CaseState
from beredskab.intake.models import Attachment, Notification
from beredskab.intake.services import NotificationData, register_notification
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import AgendaItem, Meeting
from beredskab.persons.services import add_related_person
from beredskab.press.models import PressInquiry
from beredskab.press.services import register_inquiry, update_inquiry
from beredskab.section12a import services as section12a_services
from tests.factories import make_staff

pytestmark = pytest.mark.usefixtures("allerod_plan")
CPH = ZoneInfo("Europe/Copenhagen")
WRITTEN = dt.datetime(2025, 3, 3, 10, 0, tzinfo=CPH)  # a Monday
SIX_YEARS_LATER = dt.datetime(2031, 3, 10, 10, 0, tzinfo=CPH)  # the plan keeps closed cases 5

# What must not survive: names, an address, a CPR number, phone numbers and e-mail addresses of
# the person concerned, the family, the notifier, a teacher and a journalist.
NAME = "Zainab Qureshi"
FATHER = "Tariq Qureshi"
BROTHER = "Yusuf Qureshi"
ADDRESS = "Birkevænget 17, 3450 Allerød"
CPR = "0101994567"
NOTIFIER = "Mette Kragh"
TEACHER = "Lone Vestergaard"
JOURNALIST = "Ib Sandahl"
TRACES = [
    "Qureshi",
    "Birkevænget",
    CPR,
    "Kragh",
    "Vestergaard",
    "Sandahl",
    "20 30 40 50",
    "kragh@skole.example",
    "sandahl@lorry.example",
]
ABOUT = f"{NAME} fra {ADDRESS} frygter sin far {FATHER} og sin bror {BROTHER}"


@pytest.fixture
def staff(db):
    return {
        "intake": make_staff("modtager", roles.INTAKE),
        "coordinator": make_staff("tovholder", roles.COORDINATOR),
        "member": make_staff("medlem", roles.INTERVENTION_GROUP),
        "children": make_staff("boern", roles.CHILDREN_UNIT),
        "press": make_staff("presse", roles.PRESS),
        "leader": make_staff("chef", roles.LEADER),
    }


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def notification_with_every_field(**changes):
    letter = SimpleUploadedFile(f"brev fra {NAME}.txt", f"{ABOUT}.".encode())
    letter.detected_type = "text/plain"
    data = {
        "channel": "email",
        "notifier_kind": "professional",
        "concern_types": ["forced_marriage"],
        "description": f"{ABOUT}. Hun skal giftes i sommerferien.",
        "age_group": "adult",
        "notifier_name": NOTIFIER,
        "notifier_workplace": "Lillerød Skole, lærer for Zainab Qureshi",
        "notifier_role": "Kontaktlærer for Qureshi-familiens datter",
        "notifier_phone": "20 30 40 50",
        "notifier_email": "kragh@skole.example",
        "notifier_address": "Att. Mette Kragh, Lillerød Skole",
        "person_name": NAME,
        "person_cpr": CPR,
        "person_address": ADDRESS,
        "person_language": "urdu (Qureshi-familien taler urdu)",
        "children_details": f"{BROTHER}, 12 år, bor på {ADDRESS}",
        "notifier_actions": f"Talt med {NAME} og ringet til {FATHER}.",
        "attachments": [letter],
    }
    data.update(changes)
    notification, _ = register_notification(NotificationData(**data))
    return notification


def adult_case_with_every_kind_of_text(staff):
    """An adult case as far as the plan goes: assessed, routed, counselled, an action plan, on
    the Indsatsgruppe's agenda with minutes and a decision, initiatives, notes, a correction,
    a break of the glass and a press inquiry; then closed."""
    intake, coordinator = staff["intake"], staff["coordinator"]
    notification = notification_with_every_field()
    case = notification.case
    add_related_person(notification, role="sibling", name=BROTHER, address=ADDRESS, by=intake)
    services.record_risk_assessment(
        case,
        answers={"own_fear": ("yes", f"{NAME} frygter {FATHER}")},
        level="high",
        acute_action_needed=True,
        other_action=f"Ringede til {BROTHER}",
        justification=f"{ABOUT}.",
        by=intake,
    )
    services.assign_coordinator(case, coordinator, by=intake)
    services.assign(
        case, staff["coordinator"], by=coordinator, reason=f"Kender {NAME} fra {ADDRESS}"
    )
    section12a_services.record_counselling_offer(
        case, status="accepted", at=WRITTEN, by=coordinator, note=f"{NAME} vil have rådgivning"
    )
    section12a_services.create_action_plan(
        case,
        by=coordinator,
        made_with_person=True,
        agreed_on=WRITTEN.date(),
        **{part: f"{part}: {ABOUT}" for part in section12a_services.ACTION_PLAN_FIELDS},
    )
    meeting = meeting_services.schedule_meeting(
        starts_at=WRITTEN + dt.timedelta(days=2),
        location="Mødelokale 2, Rådhuset",
        participants=[staff["member"]],
        external_participants=f"{TEACHER} (kontaktlærer for {NAME})",
        by=coordinator,
    )
    item = meeting_services.add_to_agenda(meeting, case, by=coordinator)
    # No page writes the agenda's discussion yet; the column exists and is personal data.
    AgendaItem.objects.filter(pk=item.pk).update(discussion=f"Drøftet: {ABOUT}")
    meeting_services.record_minutes(meeting, minutes=f"Referat: {ABOUT}", by=coordinator)
    meeting_services.record_decision(
        item,
        text=f"{NAME} tilbydes ophold på krisecenter væk fra {FATHER}",
        by=coordinator,
        initiatives=[
            {
                "kind": "crisis_shelter",
                "responsible": coordinator,
                "due_on": WRITTEN.date() + dt.timedelta(days=7),
                "description": f"Krisecenter til {NAME}",
            }
        ],
    )
    referral = meeting_services.create_initiative(
        case,
        kind="police_report",
        responsible=coordinator,
        due_on=WRITTEN.date() + dt.timedelta(days=3),
        description=f"Politianmeldelse af {FATHER}",
        by=coordinator,
    )
    meeting_services.update_initiative(
        referral, status="completed", outcome=f"{FATHER} er anmeldt", by=coordinator
    )
    note = services.add_note(case, text=f"Samtale med {NAME} på {ADDRESS}", by=coordinator)
    services.correct_entry(note, text=f"Samtalen var med {BROTHER}", by=coordinator)
    services.break_glass(
        case, user=staff["children"], reason=f"{BROTHER} går i skole hos os; vi hørte om {NAME}"
    )
    inquiry = register_inquiry(
        medium="TV 2 Lorry",
        journalist_name=JOURNALIST,
        journalist_phone="+45 61 62 63 64",
        journalist_email="sandahl@lorry.example",
        subject=f"Spørger til {NAME}, der skulle giftes",
        deadline=WRITTEN + dt.timedelta(hours=4),
        received_at=WRITTEN,
        received_by_name=f"{TEACHER}, Lillerød Skole",
        case=case,
        by=staff["press"],
    )
    update_inquiry(
        inquiry,
        spokesperson=staff["leader"],
        status="answered",
        answered_at=WRITTEN + dt.timedelta(hours=2),
        answer_summary=f"Vi kommenterer ikke sagen om {NAME}",
        by=staff["leader"],
    )
    services.close_case(
        case, reason="other", note=f"{NAME} er flyttet fra {ADDRESS}", by=coordinator
    )
    return notification


def child_case_handed_over(staff):
    notification = notification_with_every_field(
        age_group="child",
        person_name=BROTHER,
        person_cpr="",
        attachments=[],
        concern_types=["stay_abroad"],
    )
    case = notification.case
    services.record_risk_assessment(
        case,
        answers={},
        level="medium",
        acute_action_needed=False,
        justification=f"{BROTHER} skal rejse med {FATHER}.",
        by=staff["intake"],
    )
    services.hand_over_child_case(
        case,
        received_by_name=TEACHER,
        received_at=WRITTEN,
        method="phone",
        note=f"Ring til {TEACHER} om {BROTHER}",
        by=staff["intake"],
    )
    services.close_case(case, reason="handed_over", note=f"Hos {TEACHER}", by=staff["intake"])
    return notification


def every_text_in_the_database():
    """Every value of every column of every table, as text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - the database's own names
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    if value is not None:
                        found.append((table, column, str(value)))
    return found


def traces_left():
    return sorted(
        {
            f"{table}.{column}: {trace}"
            for table, column, text in every_text_in_the_database()
            for trace in TRACES
            if trace.lower() in text.lower()
        }
    )


def test_nothing_written_about_the_people_survives_retention(time_machine, staff, media):
    time_machine.move_to(WRITTEN, tick=False)
    adult = adult_case_with_every_kind_of_text(staff)
    child = child_case_handed_over(staff)
    assert len(traces_left()) > 30  # the search finds them while the cases are kept
    assert [p for p in media.rglob("*") if p.is_file()]

    time_machine.move_to(SIX_YEARS_LATER, tick=False)
    call_command("apply_retention")

    assert traces_left() == []
    assert not [p for p in media.rglob("*") if p.is_file()]
    # What the statistics count is still there.
    for notification in (adult, child):
        notification.refresh_from_db()
        assert notification.anonymised_at is not None
        assert notification.concerns.exists() and notification.channel == "email"
        assert notification.case.state == CaseState.CLOSED
    assert Case.objects.get(pk=adult.case.pk).initiatives.count() == 2
    assert Meeting.objects.get().status == "held"
    assert PressInquiry.objects.get().medium == "TV 2 Lorry"
    assert not Attachment.objects.exists()


def test_a_meeting_keeps_its_minutes_while_another_case_on_its_agenda_is_kept(time_machine, staff):
    time_machine.move_to(WRITTEN, tick=False)
    expired = adult_case_with_every_kind_of_text(staff)
    meeting = Meeting.objects.get()
    other = notification_with_every_field(person_name="Anden Person", person_cpr="").case
    services.record_risk_assessment(
        other,
        answers={},
        level="low",
        acute_action_needed=False,
        justification="Lav risiko.",
        by=staff["intake"],
    )
    services.assign_coordinator(other, staff["coordinator"], by=staff["intake"])
    AgendaItem.objects.create(meeting=meeting, case=other, position=2)

    time_machine.move_to(SIX_YEARS_LATER, tick=False)
    call_command("apply_retention")

    expired.refresh_from_db()
    meeting.refresh_from_db()
    assert expired.anonymised_at is not None
    assert NAME in meeting.minutes  # the open case still needs them

    services.close_case(other, reason="resolved", note="", by=staff["coordinator"])
    time_machine.move_to(SIX_YEARS_LATER + dt.timedelta(days=6 * 365), tick=False)
    call_command("apply_retention")

    meeting.refresh_from_db()
    assert meeting.minutes == "[anonymiseret]" and meeting.external_participants == ""


def test_text_left_behind_by_an_earlier_anonymisation_is_removed(time_machine, staff):
    time_machine.move_to(WRITTEN, tick=False)
    notification = adult_case_with_every_kind_of_text(staff)
    time_machine.move_to(SIX_YEARS_LATER, tick=False)
    # An earlier version of the job marked the notification anonymised and left free text.
    Notification.objects.filter(pk=notification.pk).update(anonymised_at=SIX_YEARS_LATER)

    call_command("apply_retention")

    assert traces_left() == []
    assert BreakGlassGrant.objects.get().reason == "[anonymiseret]"


def test_the_press_log_keeps_inquiries_about_no_case_or_a_kept_case(time_machine, staff):
    time_machine.move_to(WRITTEN, tick=False)
    adult_case_with_every_kind_of_text(staff)
    live = notification_with_every_field(person_name="Levende Sag", person_cpr="").case
    for case in (None, live):
        register_inquiry(
            medium="DR",
            journalist_name=JOURNALIST,
            journalist_phone="33 33 33 33",
            subject="Spørgsmål om kommunens beredskab",
            deadline=WRITTEN + dt.timedelta(hours=4),
            received_at=WRITTEN,
            case=case,
            by=staff["press"],
        )

    time_machine.move_to(SIX_YEARS_LATER, tick=False)
    call_command("apply_retention")

    names = sorted(PressInquiry.objects.values_list("journalist_name", flat=True))
    assert names == sorted(["[anonymiseret]", JOURNALIST, JOURNALIST])
