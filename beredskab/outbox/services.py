"""Writing messages to the outbox and delivering them (the worker's task, `manage.py db_worker`).

What happens elsewhere once a message is sent (a receipt meets the notifier's deadline) the apps
above register with `when_sent` in their AppConfig.ready(): the outbox imports none of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.tasks import task
from django.utils import timezone

from beredskab.db import insert

from . import gate
from .models import EmailKind, EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

# Minutes to wait after the n-th failed attempt; after the last, the message is marked failed
# (it shows in the intake queue) but the sweep still retries it hourly.
BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240]
LEASE = dt.timedelta(minutes=5)


def queue_email(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    notification: models.Model | None = None,
    communication: gate.Communication | None = None,
) -> OutboundEmail:
    """Save a message for delivery and wake the worker once the transaction commits.

    A message for anyone outside the staff names what it is (`communication`) and is saved only
    if the gate lets it go; otherwise `gate.Blocked` is raised and nothing is saved."""
    if communication is not None:
        gate.require(communication)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    email = OutboundEmail(
        kind=kind,
        to=to,
        subject=subject,
        body=body,
        # An intake.Notification: the outbox is below intake, so it does not import the class.
        notification=notification,  # type: ignore[misc]
        next_attempt_at=timezone.now(),
        message_id=f"<{secrets.token_hex(16)}@{domain}>",
    )
    insert([email])
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


@task()
def deliver_email(email_id: int) -> bool:
    return deliver(email_id)


def enqueue_delivery(email_id: int, run_after: dt.datetime | None = None) -> None:
    delivery = deliver_email.using(run_after=run_after) if run_after else deliver_email
    try:
        delivery.enqueue(email_id)
    except Exception:
        # The message is safe in the outbox; the sweep will enqueue it again.
        logger.exception("could not enqueue delivery of outbound e-mail %s", email_id)


def _claim(email_id: int) -> OutboundEmail | None:
    now = timezone.now()
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == EmailStatus.SENT:
            return None
        if email.locked_until and email.locked_until > now:
            return None  # another worker is sending it
        email.locked_until = now + LEASE
        email.attempts += 1
        email.save(update_fields=["locked_until", "attempts"])
    return email


def deliver(email_id: int) -> bool:
    """Send one message if it is due and nobody else is sending it. True when sent."""
    email = _claim(email_id)
    if email is None:
        return False
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Message-ID": email.message_id},
    )
    try:
        message.send()
    except Exception as exc:  # any mail server failure: keep the message, retry later
        _failed(email, exc)
        return False
    _sent(email)
    return True


# kind -> what to do, in the transaction that marks a message of that kind sent.
_WHEN_SENT: dict[str, list[Callable[[OutboundEmail, dt.datetime], None]]] = {}


def when_sent(kind: EmailKind, action: Callable[[OutboundEmail, dt.datetime], None]) -> None:
    """Call `action(email, sent_at)` each time a message of `kind` has been sent."""
    actions = _WHEN_SENT.setdefault(kind, [])
    if action not in actions:
        actions.append(action)


def _sent(email: OutboundEmail) -> None:
    now = timezone.now()
    with transaction.atomic():
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.SENT, sent_at=now, locked_until=None, last_error=""
        )
        for action in _WHEN_SENT.get(email.kind, ()):
            action(email, now)


def _failed(email: OutboundEmail, exc: Exception) -> None:
    # The error's class and first line only: a mail server's reply can echo the address.
    error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    attempt = email.attempts
    if attempt <= len(BACKOFF_MINUTES):
        wait = dt.timedelta(minutes=BACKOFF_MINUTES[attempt - 1])
        status = EmailStatus.PENDING
    else:
        wait = dt.timedelta(hours=1)
        status = EmailStatus.FAILED
    next_attempt = timezone.now() + wait
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=status, last_error=error, next_attempt_at=next_attempt, locked_until=None
    )
    logger.warning("outbound e-mail %s failed (attempt %s): %s", email.pk, attempt, error)
    enqueue_delivery(email.pk, run_after=next_attempt)


def due_for_retry(now: dt.datetime | None = None) -> models.QuerySet[OutboundEmail]:
    """Messages not sent whose next attempt is due and that nobody holds: the sweep's safety net
    for a lost wake-up or a worker that died while sending."""
    now = now or timezone.now()
    return OutboundEmail.objects.filter(
        status__in=[EmailStatus.PENDING, EmailStatus.FAILED], next_attempt_at__lte=now
    ).exclude(locked_until__gt=now)
