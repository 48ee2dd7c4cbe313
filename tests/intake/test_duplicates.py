"""Back and Send again restores the professional form with a fresh token: the second notification
is registered (nothing a notifier sent is thrown away) and shown in the queue as a likely
duplicate of the first."""

import datetime as dt

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.intake.models import Notification
from beredskab.intake.services import NotificationData, likely_duplicate_of
from tests.intake.helpers import VALID_PROFESSIONAL, form_data, make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_sending_the_same_form_again_is_marked_as_a_likely_duplicate(client, staff_client):
    client.post("/underret/fagperson/", form_data())
    client.post("/underret/fagperson/", form_data())  # a fresh token, as after Back
    first, second = Notification.objects.order_by("registered_at", "pk")

    queue = staff_client(roles.INTAKE).get("/medarbejder/underretninger/").content.decode()
    detail = client.get(f"/medarbejder/underretninger/{second.reference}/").content.decode()

    assert first.duplicate_of is None and second.duplicate_of == first
    assert f"Mulig dublet af {first.reference}" in queue
    assert f"Mulig dublet af {second.reference}" not in queue
    assert "Mulig dublet" in detail


def test_another_person_from_the_same_notifier_is_no_duplicate(client):
    client.post("/underret/fagperson/", form_data())
    client.post(
        "/underret/fagperson/",
        form_data(person_name="En Anden", description="Noget helt andet er sket i frikvarteret."),
    )

    assert not Notification.objects.filter(duplicate_of__isnull=False).exists()


def test_an_old_notification_is_not_a_duplicate(time_machine):
    time_machine.move_to(timezone.now() - dt.timedelta(days=2))
    make_notification(channel="web_professional", notifier_phone="11 22 33 44", person_name="Aisha")
    recent = NotificationData(
        channel="web_professional",
        notifier_kind="professional",
        concern_types=["social_control"],
        description="Ny hændelse",
        notifier_phone="11 22 33 44",
        person_name="Aisha",
    )
    assert likely_duplicate_of(recent, timezone.now()) is not None
    time_machine.move_to(timezone.now() + dt.timedelta(days=2))

    data = NotificationData(
        channel="web_professional",
        notifier_kind="professional",
        concern_types=["social_control"],
        description="Ny hændelse",
        notifier_phone="11 22 33 44",
        person_name="Aisha",
    )

    assert likely_duplicate_of(data, timezone.now()) is None


def test_what_modtagelsen_registers_by_phone_is_not_compared():
    make_notification(channel="phone", notifier_phone="11 22 33 44", description="Samme tekst")
    data = NotificationData(
        channel="phone",
        notifier_kind="professional",
        concern_types=["social_control"],
        description="Samme tekst",
        notifier_phone="11 22 33 44",
    )

    assert likely_duplicate_of(data, timezone.now()) is None


def test_anonymous_notifications_are_never_compared():
    make_notification(notifier_kind="anonymous", notifier_phone="", description="Samme tekst")
    data = NotificationData(
        channel="web_citizen",
        notifier_kind="anonymous",
        concern_types=["social_control"],
        description="Samme tekst",
    )

    assert likely_duplicate_of(data, timezone.now()) is None


def test_the_professional_form_asks_when_the_age_answers_contradict(client):
    response = client.post(
        "/underret/fagperson/",
        form_data(VALID_PROFESSIONAL, age_group="child", person_cpr="010110-1234"),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Svarene om alderen passer ikke sammen" in page
    assert "Under 18 år" in page and "010110-1234" in page
    assert not Notification.objects.exists()


def test_matching_age_answers_pass(client):
    response = client.post(
        "/underret/fagperson/", form_data(VALID_PROFESSIONAL, age_group="adult", person_age="40")
    )

    assert response.status_code == 200
    assert Notification.objects.get().age_group == "adult"
