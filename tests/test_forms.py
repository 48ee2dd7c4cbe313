"""A date and a time are typed the Danish way on every form: day first, with dashes, dots or
slashes, and 14.30 as well as 14:30; they mean Danish time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django import forms

from beredskab.accounts import roles
from beredskab.forms import DanishDateField, DanishTimeField, in_the_future, local_datetime
from beredskab.governance.models import CoordinationMeeting
from beredskab.meetings.models import Meeting
from beredskab.press.models import PressInquiry
from tests.press.helpers import phone_call

CPH = ZoneInfo("Europe/Copenhagen")


class MeetingForm(forms.Form):
    day = DanishDateField()
    time = DanishTimeField()


def cleaned(day, time="14:30"):
    form = MeetingForm({"day": day, "time": time})
    form.full_clean()
    return form


@pytest.mark.parametrize("typed", ["24-11-2026", "24.11.2026", "24/11/2026", "2026-11-24"])
def test_a_date_is_read_as_people_type_it_and_as_a_date_picker_sends_it(typed):
    assert cleaned(typed).cleaned_data["day"] == dt.date(2026, 11, 24)


def test_the_day_comes_first():
    assert cleaned("03-04-2026").cleaned_data["day"] == dt.date(2026, 4, 3)


@pytest.mark.parametrize("typed", ["11-24-2026", "24 november", "2026/11/24", "31-02-2026"])
def test_a_date_that_is_no_danish_date_says_how_to_write_it(typed):
    assert cleaned(typed).errors["day"] == ["Skriv datoen som dag-måned-år, fx 24-11-2026."]


@pytest.mark.parametrize("typed", ["14:30", "14.30"])
def test_a_time_is_read_with_a_colon_or_a_dot(typed):
    assert cleaned("24-11-2026", typed).cleaned_data["time"] == dt.time(14, 30)


def test_a_time_that_is_no_time_says_how_to_write_it():
    assert cleaned("24-11-2026", "halv tre").errors["time"] == [
        "Skriv klokkeslættet som timer og minutter, fx 14:30."
    ]


def test_a_form_shows_the_date_and_time_the_danish_way():
    form = MeetingForm(initial={"day": dt.date(2026, 4, 3), "time": dt.time(9, 5)})

    html = str(form["day"]) + str(form["time"])

    assert 'value="03-04-2026"' in html
    assert 'value="09:05"' in html


def test_a_typed_time_is_danish_time_in_winter_and_in_summer():
    winter = local_datetime(dt.date(2026, 1, 15), dt.time(12, 0))
    summer = local_datetime(dt.date(2026, 7, 15), dt.time(12, 0))

    assert winter == dt.datetime(2026, 1, 15, 11, 0, tzinfo=dt.UTC)
    assert summer == dt.datetime(2026, 7, 15, 10, 0, tzinfo=dt.UTC)


def test_a_clock_a_few_minutes_fast_is_not_in_the_future(time_machine):
    now = dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH)
    time_machine.move_to(now, tick=False)

    assert not in_the_future(now + dt.timedelta(minutes=4))
    assert in_the_future(now + dt.timedelta(minutes=6))


@pytest.mark.usefixtures("allerod_plan")
def test_a_press_call_noted_with_dots_and_slashes_is_registered(staff_client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH), tick=False)

    response = staff_client(roles.INTAKE).post(
        "/medarbejder/presse/ny/",
        phone_call(
            deadline_date="30/11/2026",
            deadline_time="14.00",
            received_date="30.11.2026",
            received_time="9.55",
        ),
    )

    assert response.status_code == 302
    inquiry = PressInquiry.objects.get()
    assert inquiry.deadline == dt.datetime(2026, 11, 30, 14, 0, tzinfo=CPH)
    assert inquiry.received_at == dt.datetime(2026, 11, 30, 9, 55, tzinfo=CPH)


@pytest.mark.usefixtures("allerod_plan")
def test_a_coordination_meeting_typed_with_slashes_is_planned(staff_client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH), tick=False)

    response = staff_client(roles.PLAN_ADMIN).post(
        "/medarbejder/plan/koordinering/",
        {"day": "24/02/2027", "time": "13.00", "participants": "Tovholder", "notes": ""},
    )

    assert response.status_code == 302
    meeting = CoordinationMeeting.objects.get()
    assert meeting.starts_at == dt.datetime(2027, 2, 24, 13, 0, tzinfo=CPH)


@pytest.mark.usefixtures("allerod_plan")
def test_an_indsatsgruppe_meeting_typed_with_slashes_and_a_dot_is_planned(
    staff_client, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH), tick=False)
    client = staff_client(roles.COORDINATOR)
    coordinator = client.user.pk

    response = client.post(
        "/medarbejder/indsatsgruppen/nyt/",
        {
            "day": "03/12/2026",
            "time": "13.30",
            "duration_minutes": "60",
            "location": "Mødelokale 1",
            "participants": [coordinator],
        },
    )

    assert response.status_code == 302
    assert Meeting.objects.get().starts_at == dt.datetime(2026, 12, 3, 13, 30, tzinfo=CPH)


@pytest.mark.usefixtures("allerod_plan")
def test_an_indsatsgruppe_meeting_on_no_danish_date_says_how_to_write_it(
    staff_client, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH), tick=False)
    client = staff_client(roles.COORDINATOR)

    response = client.post(
        "/medarbejder/indsatsgruppen/nyt/",
        {"day": "12-24-2026", "time": "13:30", "duration_minutes": "60", "location": "Rådhuset"},
    )

    assert response.status_code == 400
    assert "Skriv datoen som dag-måned-år, fx 24-11-2026." in response.content.decode()
    assert 'value="Rådhuset"' in response.content.decode()  # nothing typed is lost
    assert not Meeting.objects.exists()
