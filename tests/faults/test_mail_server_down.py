"""The mail server is down when a receipt is due: the receipt waits in the outbox and goes out,
once, when the server is back (a real SMTP conversation with tests/faults/smtp_server.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from bench.liveserver import free_port
from beredskab.intake.models import Notification
from beredskab.intake.sweep import sweep
from beredskab.outbox.models import OutboundEmail
from tests.faults.smtp_server import SMTPServer
from tests.intake.helpers import make_notification

pytestmark = [pytest.mark.usefixtures("allerod_plan"), pytest.mark.django_db(transaction=True)]


def worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_receipt_waits_in_the_outbox_and_goes_out_once_when_the_server_is_back(settings):
    port = free_port()  # nothing listens here yet: the mail server is down
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    notification = make_notification(notifier_email="laerer@skole.example")

    worker()

    email = OutboundEmail.objects.get(notification=notification)
    assert (email.status, email.attempts) == ("pending", 1)
    assert email.next_attempt_at > timezone.now()
    assert Notification.objects.get().receipt_sent_at is None

    with SMTPServer(port) as mailbox:
        # When the next attempt is due, the sweep hands the message to the worker again.
        report = sweep(now=timezone.now() + dt.timedelta(minutes=2))
        worker()

        assert report.retried == 1
        assert mailbox.wait_for(1, timeout=30)
        # The wake-up queued after the failure comes too, later: it sends nothing more.
        sweep(now=timezone.now() + dt.timedelta(minutes=2))
        worker()

    assert len(mailbox.accepted) == 1
    message = mailbox.accepted[0]
    assert message["To"] == "laerer@skole.example"
    assert message["Subject"] == f"Kvittering for underretning {notification.reference}"
    email.refresh_from_db()
    notification.refresh_from_db()
    assert message["Message-ID"] == email.message_id
    assert (email.status, email.attempts) == ("sent", 2)
    assert notification.receipt_sent_at is not None
    assert notification.deadline_events.filter(deadline="receipt", event="met").exists()
