"""Outbox commands for the fault tests, run as their own processes against DATABASE_URL:

    python -m tests.faults.outbox_tool worker     manage.py db_worker (polling every 0.2 s)
    python -m tests.faults.outbox_tool register   a notification whose receipt goes by e-mail
    python -m tests.faults.outbox_tool sweep      manage.py sweep_deadlines
    python -m tests.faults.outbox_tool status     the outbox and the receipt, as JSON

BEREDSKAB_TEST_OUTBOX_LEASE_SECONDS shortens the outbox's lease (beredskab.outbox.services.LEASE,
five minutes) so that a test need not wait five minutes for a dead worker's message to be retried.
"""

import datetime as dt
import json
import os
import sys

import django


def main(command: str) -> None:
    django.setup()
    from django.core.management import call_command

    from beredskab.outbox import services

    lease = os.environ.get("BEREDSKAB_TEST_OUTBOX_LEASE_SECONDS")
    if lease:
        services.LEASE = dt.timedelta(seconds=float(lease))

    if command == "worker":
        call_command("db_worker", "--interval", "0.2", "--no-startup-delay")
    elif command == "sweep":
        call_command("sweep_deadlines")
    elif command == "register":
        from beredskab.intake.services import NotificationData, register_notification

        notification, _ = register_notification(
            NotificationData(
                channel="phone",
                notifier_kind="professional",
                concern_types=["social_control"],
                description="Fejltest: kvittering pr. e-mail.",
                age_group="adult",
                notifier_name="Fagperson",
                notifier_email="fagperson@skole.example",
            )
        )
        print(json.dumps({"reference": notification.reference}))
    elif command == "status":
        from beredskab.outbox.models import OutboundEmail

        email = OutboundEmail.objects.select_related("notification").get()
        assert email.notification is not None  # the receipt of the one notification
        print(
            json.dumps(
                {
                    "status": email.status,
                    "attempts": email.attempts,
                    "message_id": email.message_id,
                    "locked_until": email.locked_until.isoformat() if email.locked_until else None,
                    "receipt_sent": email.notification.receipt_sent_at is not None,
                    "receipt_met": email.notification.deadline_events.filter(
                        deadline="receipt", event="met"
                    ).exists(),
                }
            )
        )
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1])
