"""Receipts go out through the outbox and survive a mail server that is down."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from beredskab.intake.models import Notification
from beredskab.outbox.models import OutboundEmail
from beredskab.outbox.services import deliver
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

# A real SMTP client against a port where nothing listens: the mail server is down.
MAIL_SERVER_DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
    }
}


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections itself
def test_receipt_is_saved_with_the_notification_and_sent_by_the_worker():
    notification = make_notification(notifier_email="laerer@skole.example")

    email = OutboundEmail.objects.get(notification=notification)
    assert email.status == "pending"
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay")

    email.refresh_from_db()
    notification.refresh_from_db()
    assert email.status == "sent"
    assert [m.to for m in mail.outbox] == [["laerer@skole.example"]]
    assert mail.outbox[0].subject == f"Kvittering for underretning {notification.reference}"
    assert notification.receipt_sent_at is not None
    assert notification.deadline_events.filter(deadline="receipt", event="met").exists()


def test_mail_server_down_keeps_the_receipt_and_it_goes_out_later():
    notification = make_notification(notifier_email="laerer@skole.example")
    email = OutboundEmail.objects.get(notification=notification)

    with override_settings(MAILERS=MAIL_SERVER_DOWN):
        assert deliver(email.pk) is False

    email.refresh_from_db()
    assert email.status == "pending"
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error or "OSError" in email.last_error
    assert "laerer@skole.example" not in email.last_error
    assert email.next_attempt_at > email.created_at
    assert Notification.objects.get().receipt_sent_at is None

    # The server is back; the next attempt delivers it, once.
    assert deliver(email.pk) is True
    assert deliver(email.pk) is False
    email.refresh_from_db()
    assert email.status == "sent"
    assert len(mail.outbox) == 1


def test_after_many_failures_the_message_is_marked_failed_but_kept():
    notification = make_notification(notifier_email="laerer@skole.example")
    email = OutboundEmail.objects.get(notification=notification)

    with override_settings(MAILERS=MAIL_SERVER_DOWN):
        for _ in range(8):
            OutboundEmail.objects.filter(pk=email.pk).update(locked_until=None)
            deliver(email.pk)

    email.refresh_from_db()
    assert email.status == "failed"
    assert email.attempts == 8


def test_a_message_another_worker_holds_is_not_sent_twice():
    notification = make_notification(notifier_email="laerer@skole.example")
    email = OutboundEmail.objects.get(notification=notification)
    OutboundEmail.objects.filter(pk=email.pk).update(
        locked_until=email.created_at + dt.timedelta(days=1)
    )

    assert deliver(email.pk) is False
    assert mail.outbox == []
