"""The Indsatsgruppe's meetings: the coordinator plans a meeting, puts adult cases on the agenda,
writes the minutes and records the group's decisions with initiatives; members read along."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.cases.access import can_view
from beredskab.meetings import services as meeting_services
from beredskab.meetings.models import Initiative, Meeting
from beredskab.outbox.models import OutboundEmail
from tests.factories import make_staff, sign_in
from tests.meetings.helpers import (
    BEFORE_THE_MEETINGS,
    CPH,
    assessed_adult_case,
    meeting,
    routed_adult_case,
)

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture(autouse=True)
def before_the_meetings(time_machine):
    time_machine.move_to(BEFORE_THE_MEETINGS, tick=False)


BASE = "/medarbejder/indsatsgruppen/"


@pytest.fixture
def coordinator(db):
    return make_staff("tovholder", roles.COORDINATOR)


@pytest.fixture
def member(db):
    return make_staff("medlem", roles.INTERVENTION_GROUP, first_name="Mette", last_name="Medlem")


def as_user(client, user):
    sign_in(client, user)
    return client


def test_coordinator_plans_a_meeting_with_the_group_invited(client, coordinator, member):
    other_member = make_staff("medlem2", roles.INTERVENTION_GROUP)
    leader = make_staff("chef", roles.LEADER)
    make_staff("presse", roles.PRESS)
    as_user(client, coordinator)

    page = client.get(BASE + "nyt/").content.decode()

    # The group's members are invited by default; the plan's member titles are listed.
    assert re.search(rf'name="participants" value="{member.pk}"[^>]* checked>', page)
    assert re.search(rf'name="participants" value="{leader.pk}"[^>]*id="[^"]*">', page)
    assert "presse@" not in page  # only staff with a meeting role can be invited
    assert "Socialchef" in page and "SSP Gadeteam Leder" in page and "48 100 244" in page

    response = client.post(
        BASE + "nyt/",
        {
            "day": "15-12-2030",
            "time": "13:00",
            "duration_minutes": "90",
            "location": "Mødelokale 1",
            "participants": [member.pk, other_member.pk, leader.pk],
            "external_participants": "Sagsbehandler fra Jobcenteret",
        },
    )

    new = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{new.pk}/"
    # 13:00 Danish winter time is 12:00 UTC.
    assert new.starts_at == dt.datetime(2030, 12, 15, 12, 0, tzinfo=dt.UTC)
    assert new.duration_minutes == 90
    assert set(new.participants.all()) == {member, other_member, leader}
    assert new.created_by == coordinator
    assert AuditEvent.objects.filter(action="meeting.schedule").count() == 1

    listing = client.get(BASE).content.decode()
    assert "Kommende møder" in listing and f"{BASE}{new.pk}/" in listing


def test_the_form_keeps_what_was_typed_and_says_what_to_do(client, coordinator):
    as_user(client, coordinator)

    response = client.post(
        BASE + "nyt/", {"day": "31-02-2030", "time": "25:00", "location": "Lokale 7"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Lokale 7"' in page
    assert "Vælg mindst én deltager." in page
    assert not Meeting.objects.exists()


def test_editing_a_meeting_bumps_the_invitations_sequence(client, coordinator, member):
    planned = meeting(coordinator, participants=[member])
    as_user(client, coordinator)

    form = client.get(f"{BASE}{planned.pk}/rediger/").content.decode()
    response = client.post(
        f"{BASE}{planned.pk}/rediger/",
        {
            "day": "16-12-2030",
            "time": "09:30",
            "duration_minutes": "60",
            "location": "Mødelokale 2",
            "participants": [member.pk],
        },
    )

    assert 'value="15-12-2030"' in form and 'value="13:00"' in form
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.sequence == 1
    assert planned.location == "Mødelokale 2"
    assert timezone.localtime(planned.starts_at) == dt.datetime(2030, 12, 16, 9, 30, tzinfo=CPH)


def test_a_routed_adult_case_goes_on_the_agenda_and_the_group_may_see_it(
    client, coordinator, member
):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator, participants=[member])
    reference = case.notification.reference
    assert not can_view(member, case)
    as_user(client, coordinator)

    response = client.post(f"{BASE}{planned.pk}/dagsorden/", {"reference": reference}, follow=True)

    case.refresh_from_db()
    assert case.state == "in_progress"
    assert not can_view(member, case)  # not before the agenda is sent
    page = response.content.decode()
    assert f"Sag {reference} er sat på dagsordenen" in page
    assert f'href="/medarbejder/sager/{reference}/"' in page
    assert "I gang" in page  # the case's state on the agenda
    assert case.journal.filter(kind="meeting").exists()

    sent = client.post(f"{BASE}{planned.pk}/udsend/", follow=True)

    assert "Dagsordenen er sendt." in sent.content.decode()
    assert can_view(member, case)
    assert OutboundEmail.objects.filter(to=member.email).count() == 1
    assert reference not in OutboundEmail.objects.get(to=member.email).body

    # A member of the group reads the meeting and, through it, the case.
    as_user(client, member)
    detail = client.get(f"{BASE}{planned.pk}/")
    assert detail.status_code == 200 and reference in detail.content.decode()
    assert AuditEvent.objects.filter(action="meeting.view", actor_id=member.pk).exists()
    assert client.get(f"/medarbejder/sager/{reference}/").status_code == 200


def test_only_routed_adult_cases_go_on_the_agenda(client, coordinator):
    not_routed = assessed_adult_case()
    planned = meeting(coordinator)
    leader = make_staff("chef", roles.LEADER)  # sees every case, so the rule is the service's
    as_user(client, leader)

    refused = client.post(
        f"{BASE}{planned.pk}/dagsorden/",
        {"reference": not_routed.notification.reference},
        follow=True,
    ).content.decode()
    unknown = client.post(
        f"{BASE}{planned.pk}/dagsorden/", {"reference": "U-XXXX-XXXX"}, follow=True
    ).content.decode()

    assert "Kun videregivne voksensager kan komme på Indsatsgruppens dagsorden." in refused
    assert "Der er ingen sag med referencen »U-XXXX-XXXX«" in unknown
    assert not planned.agenda.exists()


def test_a_coordinator_cannot_put_someone_elses_case_on_the_agenda(client, coordinator):
    other = make_staff("tovholder2", roles.COORDINATOR)
    case = routed_adult_case(other)
    planned = meeting(coordinator)
    as_user(client, coordinator)

    page = client.post(
        f"{BASE}{planned.pk}/dagsorden/", {"reference": case.notification.reference}, follow=True
    ).content.decode()

    assert "som du har adgang til" in page
    assert not planned.agenda.exists()


def test_case_page_puts_the_case_on_a_planned_meeting(client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator)
    reference = case.notification.reference
    as_user(client, coordinator)

    case_page = client.get(f"/medarbejder/sager/{reference}/").content.decode()
    response = client.post(f"{BASE}sag/{reference}/dagsorden/", {"meeting": planned.pk})

    assert f'<option value="{planned.pk}">' in case_page
    assert response.status_code == 302
    assert response["Location"] == f"/medarbejder/sager/{reference}/"
    assert planned.agenda.filter(case=case).exists()
    case_page = client.get(f"/medarbejder/sager/{reference}/").content.decode()
    assert f'href="{BASE}{planned.pk}/"' in case_page
    assert "Ingen beslutning registreret endnu." in case_page


def test_minutes_mark_the_meeting_as_held(client, coordinator):
    planned = meeting(coordinator)
    as_user(client, coordinator)

    empty = client.post(f"{BASE}{planned.pk}/referat/", {"minutes": ""})
    response = client.post(
        f"{BASE}{planned.pk}/referat/", {"minutes": "Alle fire sager blev drøftet."}
    )

    assert empty.status_code == 400 and "Skriv referatet." in empty.content.decode()
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == "held"
    assert planned.minutes == "Alle fire sager blev drøftet."
    assert "Alle fire sager blev drøftet." in client.get(f"{BASE}{planned.pk}/").content.decode()


def test_a_decision_with_two_initiatives(client, coordinator, member):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator, participants=[member])
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    due = timezone.localdate() + dt.timedelta(days=7)
    later = timezone.localdate() + dt.timedelta(days=14)
    as_user(client, coordinator)
    url = f"{BASE}{planned.pk}/punkt/{item.pk}/beslutning/"

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "text": "Henvis til RED Safehouse og anmeld til politiet.",
            "initiative_1_kind": "red_safehouse",
            "initiative_1_responsible": coordinator.pk,
            "initiative_1_due_on": due.strftime("%d-%m-%Y"),
            "initiative_1_description": "Ring til RED i dag",
            "initiative_2_kind": "police_report",
            "initiative_2_responsible": member.pk,
            "initiative_2_due_on": later.strftime("%d-%m-%Y"),
            "initiative_3_kind": "",
            "initiative_3_responsible": "",
            "initiative_3_due_on": "",
            "initiative_3_description": "",
        },
    )

    assert "Politianmeldelse – Nordsjællands Politi" in form  # the catalogue with partners
    assert response.status_code == 302
    decision = item.decisions.get()
    initiatives = list(Initiative.objects.filter(decision=decision).order_by("due_on"))
    assert [(i.kind, i.responsible, i.due_on) for i in initiatives] == [
        ("red_safehouse", coordinator, due),
        ("police_report", member, later),
    ]
    assert initiatives[0].description == "Ring til RED i dag"
    assert case.journal.filter(kind="decision").count() == 1
    assert case.journal.filter(kind="initiative").count() == 2
    assert AuditEvent.objects.filter(action="case.decision").exists()
    detail = client.get(f"{BASE}{planned.pk}/").content.decode()
    assert "Henvis til RED Safehouse og anmeld til politiet." in detail
    assert "Ophold på RED Safehouse" in detail


def test_an_incomplete_initiative_is_not_half_recorded(client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator)
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    as_user(client, coordinator)

    response = client.post(
        f"{BASE}{planned.pk}/punkt/{item.pk}/beslutning/",
        {"text": "Tilbyd rådgivning.", "initiative_1_kind": "counselling"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg den medarbejder, der er ansvarlig." in page
    assert "Skriv en frist, fx 24-11-2026." in page
    assert "Tilbyd rådgivning." in page  # what was typed is kept
    assert not item.decisions.exists()


@pytest.mark.parametrize("role", [roles.PRESS, roles.INTAKE, roles.CHILDREN_UNIT])
def test_other_roles_are_refused(staff_client, coordinator, role):
    planned = meeting(coordinator)
    client = staff_client(role)

    for url in [BASE, f"{BASE}nyt/", f"{BASE}{planned.pk}/", f"{BASE}{planned.pk}/invitation.ics"]:
        assert client.get(url).status_code == 403, url


def test_a_member_reads_meetings_but_does_not_run_them(staff_client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator)
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    client = staff_client(roles.INTERVENTION_GROUP)

    assert client.get(BASE).status_code == 200
    detail = client.get(f"{BASE}{planned.pk}/").content.decode()
    assert client.get(f"{BASE}{planned.pk}/invitation.ics").status_code == 200
    assert "Registrér beslutning" not in detail and "Planlæg møde" not in detail
    assert client.get(f"{BASE}nyt/").status_code == 403
    assert client.get(f"{BASE}{planned.pk}/rediger/").status_code == 403
    assert client.get(f"{BASE}{planned.pk}/referat/").status_code == 403
    assert client.get(f"{BASE}{planned.pk}/punkt/{item.pk}/beslutning/").status_code == 403
    other = routed_adult_case(coordinator)
    response = client.post(
        f"{BASE}{planned.pk}/dagsorden/", {"reference": other.notification.reference}
    )
    assert response.status_code == 403
    assert not planned.agenda.filter(case=other).exists()
    assert client.post(f"{BASE}nyt/", {}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, coordinator):
    planned = meeting(coordinator)

    response = client.get(f"{BASE}{planned.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/medarbejder/konto/")


def test_no_new_initiatives_on_a_closed_case(client, coordinator):
    case = routed_adult_case(coordinator)
    planned = meeting(coordinator)
    item = meeting_services.add_to_agenda(planned, case, by=coordinator)
    services.close_case(case, reason="moved", note="", by=coordinator)
    as_user(client, coordinator)

    response = client.post(
        f"{BASE}{planned.pk}/punkt/{item.pk}/beslutning/",
        {
            "text": "Henvis til krisecenter.",
            "initiative_1_kind": "crisis_shelter",
            "initiative_1_responsible": coordinator.pk,
            "initiative_1_due_on": (timezone.localdate() + dt.timedelta(days=2)).strftime(
                "%d-%m-%Y"
            ),
        },
    )

    assert response.status_code == 400
    assert "Sagen er lukket." in response.content.decode()
    assert not item.decisions.exists() and not Initiative.objects.exists()
