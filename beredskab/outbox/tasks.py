"""The name under which deliveries queued before the task moved beside the delivery itself
(beredskab.outbox.services) were stored: the worker still finds them here."""

from .services import deliver_email  # noqa: F401
