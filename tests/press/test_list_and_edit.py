"""The press log: the spokesperson and the leader see every inquiry, nearest deadline first, and
assign and answer them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.press.models import PressInquiry
from beredskab.press.services import update_inquiry
from tests.factories import make_staff
from tests.press.helpers import CPH, NOW, URL, make_inquiry, url

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def teacher_contact(db):
    return make_staff("modtager", roles.INTAKE)


def test_the_list_shows_open_inquiries_nearest_deadline_first(staff_client, teacher_contact, now):
    later = make_inquiry(teacher_contact, medium="Politiken", deadline=now + dt.timedelta(days=1))
    soon = make_inquiry(teacher_contact, medium="DR P4", deadline=now + dt.timedelta(hours=1))
    late = make_inquiry(
        teacher_contact, medium="Ekstra Bladet", deadline=now - dt.timedelta(hours=1)
    )
    answered = make_inquiry(teacher_contact, medium="Berlingske")
    update_inquiry(
        answered,
        spokesperson=None,
        status="answered",
        answered_at=None,
        answer_summary="Henvist til socialchefen.",
        by=teacher_contact,
    )
    client = staff_client(roles.PRESS)

    page = client.get(URL).content.decode()

    order = [page.index(name) for name in ("Ekstra Bladet", "DR P4", "Politiken", "Berlingske")]
    assert order == sorted(order)
    assert f'href="{url(late)}"' in page and f'href="{url(soon)}"' in page
    assert f'href="{url(later)}"' in page
    assert "<strong>3</strong> åbne" in page
    assert "<strong>1</strong> med overskredet frist" in page
    assert "<strong>1</strong> med frist inden for 2 timer" in page
    assert "<strong>1</strong> besvaret" in page
    assert AuditEvent.objects.filter(action="press.list", actor_id=client.user.pk).exists()


@pytest.mark.parametrize("role", [roles.PRESS, roles.LEADER])
def test_the_press_team_may_use_the_list(staff_client, role):
    assert staff_client(role).get(URL).status_code == 200


@pytest.mark.parametrize("role", sorted(set(roles.ROLES) - {roles.PRESS, roles.LEADER}), ids=str)
def test_other_roles_are_refused_the_list_and_the_edit_page(staff_client, teacher_contact, role):
    inquiry = make_inquiry(teacher_contact)
    client = staff_client(role)

    assert client.get(URL).status_code == 403
    assert client.get(url(inquiry, "rediger/")).status_code == 403
    assert client.post(url(inquiry, "rediger/"), {"status": "closed"}).status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == "new"


def test_the_one_who_registered_it_may_not_edit_it(client, teacher_contact):
    from tests.factories import sign_in

    inquiry = make_inquiry(teacher_contact)
    sign_in(client, teacher_contact)

    assert client.get(url(inquiry)).status_code == 200
    assert client.get(url(inquiry, "rediger/")).status_code == 403


def test_the_press_contact_assigns_a_spokesperson(staff_client, teacher_contact, now):
    chief = make_staff("socialchef", roles.LEADER, first_name="Sanne", last_name="Chef")
    make_staff("anden", roles.INTAKE, first_name="Ikke", last_name="Presse")
    inquiry = make_inquiry(teacher_contact)
    client = staff_client(roles.PRESS)

    form = client.get(url(inquiry, "rediger/")).content.decode()
    response = client.post(
        url(inquiry, "rediger/"),
        {"spokesperson": chief.pk, "status": "new", "answered_date": "", "answered_time": ""},
    )

    assert "Sanne Chef" in form and "Ikke Presse" not in form
    assert response.status_code == 302 and response["Location"] == url(inquiry)
    inquiry.refresh_from_db()
    assert inquiry.spokesperson == chief
    assert inquiry.status == "assigned"  # given a spokesperson, it is no longer new
    event = AuditEvent.objects.get(action="press.update")
    assert event.detail == {
        "changed": ["spokesperson", "status"],
        "status": "assigned",
        "spokesperson": chief.pk,
    }
    assert "Pressehenvendelsen er opdateret." in client.get(url(inquiry)).content.decode()


def test_the_answer_is_recorded_with_its_time(staff_client, teacher_contact, now):
    inquiry = make_inquiry(teacher_contact)
    client = staff_client(roles.LEADER)

    client.post(
        url(inquiry, "rediger/"),
        {
            "spokesperson": "",
            "status": "answered",
            "answered_date": "30-11-2026",
            "answered_time": "09:45",
            "answer_summary": "Henvist til tavshedspligten; direktøren ringer tilbage.",
        },
    )

    inquiry.refresh_from_db()
    assert inquiry.status == "answered"
    assert inquiry.answered_at == dt.datetime(2026, 11, 30, 9, 45, tzinfo=CPH)
    assert inquiry.answer_summary.startswith("Henvist til tavshedspligten")


def test_answered_without_a_time_means_now(staff_client, teacher_contact, now):
    inquiry = make_inquiry(teacher_contact)

    staff_client(roles.PRESS).post(url(inquiry, "rediger/"), {"status": "answered"})

    inquiry.refresh_from_db()
    assert inquiry.answered_at == now


def test_an_answer_time_needs_an_answered_status(staff_client, teacher_contact, now):
    inquiry = make_inquiry(teacher_contact)

    response = staff_client(roles.PRESS).post(
        url(inquiry, "rediger/"),
        {
            "status": "new",
            "answered_date": "30-11-2026",
            "answered_time": "09:45",
            "answer_summary": "Udkast til svar",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg »Besvaret« eller »Afsluttet«, eller lad svartidspunktet stå tomt." in page
    assert "Udkast til svar" in page  # what was typed is kept
    inquiry.refresh_from_db()
    assert inquiry.answered_at is None and inquiry.answer_summary == ""


def test_the_list_takes_the_same_number_of_queries_for_many_inquiries(
    staff_client, teacher_contact, now
):
    chief = make_staff("socialchef", roles.LEADER)
    client = staff_client(roles.PRESS)
    first = make_inquiry(teacher_contact)
    update_inquiry(
        first, spokesperson=chief, status="assigned", answered_at=None, answer_summary="", by=chief
    )
    client.get(URL)  # the first request of the process also reads the published plan version
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    for hours in range(1, 6):
        inquiry = make_inquiry(teacher_contact, deadline=now + dt.timedelta(hours=hours))
        update_inquiry(
            inquiry,
            spokesperson=chief,
            status="answered" if hours % 2 else "assigned",
            answered_at=None,
            answer_summary="",
            by=chief,
        )
    make_inquiry(teacher_contact, received_by_name="Lærer Hansen")

    with CaptureQueriesContext(connection) as seven:
        page = client.get(URL).content.decode()

    assert all(f'href="{url(i)}"' in page for i in PressInquiry.objects.all())
    assert PressInquiry.objects.count() == 7
    assert len(seven) == len(one)
