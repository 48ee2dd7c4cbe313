"""Shared test data for the statistics: notifications received at given Copenhagen times."""

import datetime as dt
from zoneinfo import ZoneInfo

from beredskab.intake.services import assessment_recorded, receipt_sent
from tests.intake.helpers import make_notification

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 3, 15, 12, 0, tzinfo=CPH)


def at(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=CPH)


def received(when, **fields):
    return make_notification(received_at=when, **fields)


def assessed(notification, hours):
    """Risk-assessed `hours` after it was received."""
    assessment_recorded(notification, notification.received_at + dt.timedelta(hours=hours))
    return notification


def receipted(notification, hours, method="phone"):
    """Receipt given `hours` after it was received."""
    receipt_sent(
        notification.pk, at=notification.received_at + dt.timedelta(hours=hours), method=method
    )
    notification.refresh_from_db()
    return notification
