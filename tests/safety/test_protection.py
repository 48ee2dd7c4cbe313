"""Protection through the real stack: the citizen who writes about herself, a child honour case
where nothing reaches the parents until a risk assessment says it is safe, the flags and their
banner, § 137, stk. 2 conversations and the feedback owed to professional notifiers."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases.models import JournalEntry
from beredskab.deadlines.workdays import WorkingCalendar, local_date, start_of_day
from beredskab.intake.models import Notification
from beredskab.outbox.models import OutboundEmail
from beredskab.outbox.services import deliver
from beredskab.persons.models import Role
from beredskab.plans.selectors import current_plan
from beredskab.safety.models import ChildConversation, FeedbackTask, OutgoingMessage
from tests.cases.test_assessment_page import full
from tests.intake.helpers import VALID_PROFESSIONAL, form_data, make_notification
from tests.intake.test_citizen_form import emails_but_the_staffs_notice

pytestmark = pytest.mark.usefixtures("allerod_plan")

SELF = {
    "about": "self",
    "notifier_name": "Sara",
    "person_name": "Sara",
    "person_age": "19",
    "children_in_household": "unknown",
    "concern_types": ["social_control"],
    "description": "Min bror læser min telefon og følger efter mig.",
    "immediate_danger": "no",
    "safe_to_contact": "yes",
    "safe_contact_means": "sms",
    "safe_contact_address": "20 30 40 50",
    "safe_contact_times": "hverdage 15-17",
}


def answers(**overrides):
    """A full risk assessment (a revision says what changed)."""
    return full(change_reason="Ny samtale med personen.", **overrides)


def case_url(case, tail=""):
    return f"/medarbejder/sager/{case.notification.reference}/{tail}"


def child_case():
    """A teacher's notification about a pupil who may be sent abroad: an honour case."""
    return make_notification(
        channel="web_professional",
        age_group="child",
        concern_types=["stay_abroad"],
        notifier_email="laerer@skole.example",
        person_name="Aisha Testperson",
        person_address="Testvej 1, 3450 Allerød",
    ).case


def message(**changes):
    data = {
        "kind": "letter",
        "recipient": "family",
        "means": "letter",
        "address": "Testvej 1, 3450 Allerød",
        "subject": "Indkaldelse til samtale",
        "body": "Vi vil gerne tale med jer om jeres datter.",
    }
    data.update(changes)
    return data


# -- The citizen who writes about herself ------------------------------------------------------


def test_a_young_adult_writing_about_herself_gets_no_email_and_her_safe_number_is_the_way(
    client, staff_client
):
    response = client.post("/underret/borger/", form_data(SELF))

    notification = Notification.objects.get()
    assert response.status_code == 200
    assert "Vi sender ikke noget til dig" in response.content.decode()
    assert notification.about_self
    assert notification.receipt_method == "not_wanted"
    assert not emails_but_the_staffs_notice().exists()
    flags = notification.case.protective_flags
    assert (flags.safe_means, flags.safe_address, flags.safe_times) == (
        "sms",
        "20 30 40 50",
        "hverdage 15-17",
    )

    staff = staff_client(roles.INTAKE)
    page = staff.get(case_url(notification.case)).content.decode()
    assert "safety-banner" in page
    assert "20 30 40 50" in page and "hverdage 15-17" in page

    # An e-mail to her is stopped, even to an address she might have used elsewhere.
    stopped = staff.post(
        case_url(notification.case, "beskyttelse/send/"),
        message(kind="email", recipient="person", means="email", address="sara@example.dk"),
    )
    assert stopped.status_code == 409
    assert "sikre kontaktvej" in stopped.content.decode()
    assert not emails_but_the_staffs_notice().exists()
    # An SMS to the number she gave is the way.
    sent = staff.post(
        case_url(notification.case, "beskyttelse/send/"),
        message(kind="email", recipient="person", means="sms", address="+45 20304050"),
    )
    assert sent.status_code == 302
    assert OutgoingMessage.objects.get().address == "+45 20304050"


def test_she_gets_a_receipt_only_when_she_asks_for_one_at_her_safe_address(client):
    client.post(
        "/underret/borger/",
        form_data(
            SELF,
            safe_contact_means="email",
            safe_contact_address="sara.sikker@example.dk",
            receipt_wanted="on",
        ),
    )

    email = emails_but_the_staffs_notice().get()
    assert email.to == "sara.sikker@example.dk"
    assert email.kind == "receipt"


# -- § 18, stk. 3: a child honour case ---------------------------------------------------------


def test_a_letter_to_the_parents_is_stopped_until_an_assessment_says_it_is_safe(staff_client):
    case = child_case()
    staff = staff_client(roles.INTAKE)

    stopped = staff.post(case_url(case, "beskyttelse/send/"), message())

    page = stopped.content.decode()
    assert stopped.status_code == 409
    assert "§ 18, stk. 3" in page
    assert "Vi vil gerne tale med jer" in page  # what was typed is kept
    assert not OutgoingMessage.objects.exists()
    assert JournalEntry.objects.filter(case=case, kind="communication", text__contains="stoppet")
    assert AuditEvent.objects.filter(action="safety.message_blocked").count() == 1

    # An assessment that does not say is not enough; one that says it is safe is.
    staff.post(case_url(case, "risikovurdering/"), answers(family_contact=""))
    assert staff.post(case_url(case, "beskyttelse/send/"), message()).status_code == 409
    staff.post(case_url(case, "risikovurdering/"), answers(family_contact="safe"))

    sent = staff.post(case_url(case, "beskyttelse/send/"), message())
    assert sent.status_code == 302
    letter = OutgoingMessage.objects.get()
    assert (letter.kind, letter.recipient) == ("letter", "family")
    assert JournalEntry.objects.filter(case=case, kind="communication", text__contains="sendt")


def test_a_meeting_invitation_to_the_parents_goes_through_the_outbox_only_when_safe(
    staff_client,
):
    case = child_case()
    staff = staff_client(roles.INTAKE)
    invitation = message(
        kind="meeting_invitation",
        means="email",
        address="far@example.dk",
        meeting_on="10-12-2026",
        meeting_time="10:00",
        meeting_place="Rådhuset",
    )

    assert staff.post(case_url(case, "beskyttelse/send/"), invitation).status_code == 409
    assert not OutboundEmail.objects.filter(to="far@example.dk").exists()

    staff.post(case_url(case, "risikovurdering/"), answers(family_contact="safe"))
    assert staff.post(case_url(case, "beskyttelse/send/"), invitation).status_code == 302
    assert OutboundEmail.objects.filter(to="far@example.dk").count() == 1
    assert OutgoingMessage.objects.get().meeting_at is not None


def test_a_no_contact_flag_stops_the_family_even_after_a_safe_assessment(staff_client):
    case = child_case()
    staff = staff_client(roles.INTAKE)
    staff.post(case_url(case, "risikovurdering/"), answers(family_contact="safe"))
    assessment = case.assessments.get()

    missing_reason = staff.post(case_url(case, "beskyttelse/"), {"no_family_contact": "on"})
    assert missing_reason.status_code == 400
    staff.post(
        case_url(case, "beskyttelse/"),
        {
            "no_family_contact": "on",
            "no_family_contact_reason": "Pigen fortæller om trusler fra faderen.",
            "no_family_contact_assessment": str(assessment.pk),
            "interpreter_outside_network": "on",
            "language": "arabisk",
        },
    )

    stopped = staff.post(case_url(case, "beskyttelse/send/"), message(kind="hearing"))
    assert stopped.status_code == 409
    assert "trusler fra faderen" in stopped.content.decode()
    flags = case.protective_flags
    assert flags.no_family_contact_set_by == staff.user
    assert flags.no_family_contact_assessment == assessment
    detail = staff.get(case_url(case)).content.decode()
    assert "Forældre/netværk må ikke kontaktes" in detail
    assert "bygger på risikovurdering version 1" in detail
    assert "Tolk, der ikke kommer fra familiens netværk" in detail
    assert AuditEvent.objects.filter(action="safety.flags").exists()


def test_a_protected_address_on_the_person_stops_letters_to_her_home(staff_client):
    case = child_case()
    person = case.notification.person_links.get(role=Role.AT_RISK).person
    staff = staff_client(roles.INTAKE)

    staff.post(
        f"/medarbejder/personer/{person.reference}/beskyttelse/",
        {"protected_address": "on", "safe_means": "phone", "safe_address": "20 30 40 50"},
    )
    stopped = staff.post(
        case_url(case, "beskyttelse/send/"),
        message(recipient="person", address="Testvej 1, 3450 Allerød"),
    )

    assert stopped.status_code == 409
    assert "beskyttet adresse" in stopped.content.decode()
    assert (
        "Beskyttet adresse"
        in staff.get(f"/medarbejder/personer/{person.reference}/").content.decode()
    )
    assert JournalEntry.objects.filter(case=case, kind="protection").exists()


def test_the_protection_pages_of_a_case_need_need_to_know(staff_client):
    case = child_case()
    staff = staff_client(roles.COORDINATOR)

    assert staff.get(case_url(case, "beskyttelse/")).status_code == 404
    assert staff.post(case_url(case, "beskyttelse/send/"), message()).status_code == 404


# -- § 137, stk. 2 -----------------------------------------------------------------------------


def test_a_conversation_without_the_parents_consent_is_journaled_and_audited(staff_client):
    case = child_case()
    staff = staff_client(roles.INTAKE)

    incomplete = staff.post(case_url(case, "beskyttelse/samtale/"), {"place": "Skolen"})
    assert incomplete.status_code == 400
    assert "Skolen" in incomplete.content.decode()
    staff.post(
        case_url(case, "beskyttelse/samtale/"),
        {
            "held_on": "01-12-2026",
            "held_time": "10:15",
            "participants": "Barnet, sagsbehandler og klasselærer",
            "place": "Skolens mødelokale",
            "why_without_consent": "Barnet frygter forældrenes reaktion.",
        },
    )

    talk = ChildConversation.objects.get()
    assert timezone.localtime(talk.held_at).strftime("%d-%m-%Y %H:%M") == "01-12-2026 10:15"
    entry = JournalEntry.objects.get(case=case, kind="child_conversation")
    assert "§ 137, stk. 2" in entry.text and "Skolens mødelokale" in entry.text
    assert AuditEvent.objects.filter(action="safety.child_conversation").exists()


# -- § 133 feedback ----------------------------------------------------------------------------


def test_a_professional_is_owed_feedback_by_the_plans_working_days(client):
    client.post("/underret/fagperson/", form_data(VALID_PROFESSIONAL))

    notification = Notification.objects.get()
    task = FeedbackTask.objects.get(case=notification.case)
    plan = current_plan()
    last_day = WorkingCalendar(plan.contact.extra_closed_days).add_working_days(
        local_date(notification.received_at), plan.deadlines.feedback_working_days
    )
    assert plan.deadlines.feedback_working_days == 20
    assert task.due_at == start_of_day(last_day + dt.timedelta(days=1))


def test_citizens_are_owed_no_feedback(client):
    client.post("/underret/borger/", form_data(SELF))

    assert not FeedbackTask.objects.exists()


def test_the_feedback_says_only_whether_something_started(client, staff_client):
    client.post("/underret/fagperson/", form_data(VALID_PROFESSIONAL))
    notification = Notification.objects.get()
    staff = staff_client(roles.INTAKE)

    staff.post(
        case_url(notification.case, "beskyttelse/tilbagemelding/"), {"outcome": "investigation"}
    )
    staff.post(case_url(notification.case, "beskyttelse/tilbagemelding/"), {"outcome": "neither"})

    email = OutboundEmail.objects.get(to=VALID_PROFESSIONAL["notifier_email"], kind="other")
    assert deliver(email.pk)
    [sent] = [m for m in mail.outbox if m.to == [VALID_PROFESSIONAL["notifier_email"]]]
    assert notification.reference in sent.subject
    assert "undersøgelse i gang" in sent.body
    for secret in ("Aisha", "Testvej", "rejse", "Lærer Hansen"):
        assert secret not in sent.body
    task = FeedbackTask.objects.get()
    assert task.outcome == "investigation" and task.sent_by == staff.user
    assert JournalEntry.objects.filter(case=notification.case, kind="feedback").count() == 1
    page = staff.get(case_url(notification.case, "beskyttelse/")).content.decode()
    assert "Der er iværksat en undersøgelse" in page


def test_the_invitations_calendar_file_is_asked_of_the_gate_again(staff_client):
    case = child_case()
    staff = staff_client(roles.INTAKE)
    staff.post(case_url(case, "risikovurdering/"), answers(family_contact="safe"))
    staff.post(
        case_url(case, "beskyttelse/send/"),
        message(
            kind="meeting_invitation",
            means="email",
            address="far@example.dk",
            meeting_on="10-12-2026",
            meeting_time="10:00",
            meeting_place="Rådhuset",
        ),
    )
    invitation = OutgoingMessage.objects.get()
    ics_url = case_url(case, f"beskyttelse/besked/{invitation.pk}/invitation.ics")
    assert "Rådhuset" in invitation.body and "10-12-2026" in invitation.body

    ics = staff.get(ics_url)
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "LOCATION:Rådhuset" in text
    assert case.notification.reference not in text and "Aisha" not in text

    # A new assessment says the family may not be involved after all: no calendar file.
    staff.post(case_url(case, "risikovurdering/"), answers(family_contact="not_safe"))
    refused = staff.get(ics_url)
    assert refused.status_code == 302
