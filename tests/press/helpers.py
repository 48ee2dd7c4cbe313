"""Shared test data for the press log."""

import datetime as dt
from zoneinfo import ZoneInfo

from beredskab.press.services import register_inquiry

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=CPH)  # a Monday morning
URL = "/medarbejder/presse/"


def url(inquiry, rest=""):
    return f"{URL}{inquiry.pk}/{rest}"


def phone_call(**changes):
    """What a teacher notes down while a journalist is on the phone (at NOW)."""
    data = {
        "medium": "TV 2 Lorry",
        "journalist_name": "Journalist Jensen",
        "journalist_phone": "33 33 33 33",
        "journalist_email": "jensen@lorry.example",
        "subject": "Spørger til en elev, der ikke er kommet tilbage fra sommerferien.",
        "deadline_date": "30-11-2026",
        "deadline_time": "14:00",
        "received_date": "30-11-2026",
        "received_time": "09:55",
        "received_by_name": "",
        "case_reference": "",
    }
    data.update(changes)
    return data


def make_inquiry(by, **fields):
    """Register an inquiry through the service, as the form does."""
    data = {
        "medium": "DR",
        "journalist_name": "Journalist Jensen",
        "journalist_phone": "33 33 33 33",
        "subject": "Spørgsmål om kommunens beredskab.",
        "deadline": NOW + dt.timedelta(hours=4),
        "received_at": NOW - dt.timedelta(minutes=5),
    }
    data.update(fields)
    return register_inquiry(**data, by=by)
