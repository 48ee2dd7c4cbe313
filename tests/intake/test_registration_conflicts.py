"""Registration looks nothing up before it inserts: a reference or submission token already
taken shows at the first insert, and the attempt leaves nothing behind."""

import uuid

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.cases.models import Case
from beredskab.intake.models import Notification
from beredskab.intake.services import NotificationData, register_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")


def data():
    return NotificationData(
        channel="phone",
        notifier_kind="professional",
        concern_types=["social_control"],
        description="Beskrivelse",
        notifier_name="Fagperson",
        notifier_phone="11 22 33 44",
    )


def test_a_reference_already_taken_is_replaced_by_a_free_one(monkeypatch):
    first, _ = register_notification(data())
    field = Notification._meta.get_field("reference")
    offered = iter([first.reference, first.reference, "U-FREE-0001"])
    monkeypatch.setattr(field, "default", lambda: next(offered))

    second, created = register_notification(data())

    assert created
    assert second.reference == "U-FREE-0001"
    assert Notification.objects.count() == Case.objects.count() == 2
    assert AuditEvent.objects.filter(action="notification.create").count() == 2


def test_the_same_submission_twice_is_one_notification():
    token = uuid.uuid4()

    first, created_first = register_notification(data(), submission_token=token)
    again, created_again = register_notification(data(), submission_token=token)

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Notification.objects.count() == Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="notification.create").count() == 1
