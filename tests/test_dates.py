"""Dates and times as Danes write them (and English readers expect them), in every template."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from beredskab.dates import (
    format_date,
    format_datetime,
    format_deadline,
    format_duration,
    format_since,
    machine,
)

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 12, 1, 14, 14, tzinfo=CPH)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(NOW, tick=False)


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=CPH)


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (dt.date(2026, 12, 1), "1. dec. 2026", "1 Dec 2026"),
        (dt.date(2026, 5, 17), "17. maj 2026", "17 May 2026"),
        (dt.date(2027, 3, 9), "9. mar. 2027", "9 Mar 2027"),
        (dt.date(2026, 6, 30), "30. juni 2026", "30 Jun 2026"),
    ],
)
def test_a_day(value, danish, english):
    assert format_date(value) == danish
    with translation.override("en"):
        assert format_date(value) == english


def test_a_moment_in_utc_is_shown_in_copenhagen():
    moment = dt.datetime(2026, 11, 30, 13, 14, tzinfo=dt.UTC)  # 14.14 in Copenhagen

    assert format_datetime(moment) == "man. 30. nov. kl. 14.14"
    with translation.override("en"):
        assert format_datetime(moment) == "Mon 30 Nov, 14:14"


def test_a_moment_in_another_year_has_its_year():
    assert format_datetime(at("2025-12-24 09:05")) == "ons. 24. dec. 2025 kl. 09.05"


def test_a_deadline_at_midnight_is_shown_as_its_last_day():
    # The receipt is due at the end of Tuesday 8 December: stored as Wednesday 00:00.
    assert format_deadline(at("2026-12-09 00:00")) == "senest tirsdag 8. dec."
    with translation.override("en"):
        assert format_deadline(at("2026-12-09 00:00")) == "by Tuesday 8 Dec"


def test_a_deadline_within_a_day_keeps_its_time():
    assert format_deadline(at("2026-12-02 14:14")) == "senest ons. 2. dec. kl. 14.14"


def test_how_long_ago():
    assert format_since(NOW - dt.timedelta(days=1, hours=12, minutes=5)) == (
        "for 1 dag og 12 timer siden"
    )
    assert format_since(NOW - dt.timedelta(minutes=3)) == "for 3 minutter siden"
    assert format_duration(dt.timedelta(hours=2, minutes=1)) == "2 timer og 1 minut"
    with translation.override("en"):
        assert format_since(NOW - dt.timedelta(days=2, hours=1)) == "2 days and 1 hour ago"


def test_machine_readable_time_has_no_microseconds():
    assert machine(at("2026-11-30 14:14") + dt.timedelta(microseconds=7)) == (
        "2026-11-30T14:14+01:00"
    )


def test_every_template_has_the_filters_without_loading_them():
    rendered = Template(
        '<time datetime="{{ t|machine }}">{{ t|when }}</time> {{ d|deadline }} {{ t|day }}'
    ).render(Context({"t": at("2026-11-30 14:14"), "d": at("2026-12-09 00:00")}))

    assert rendered == (
        '<time datetime="2026-11-30T14:14+01:00">man. 30. nov. kl. 14.14</time> '
        "senest tirsdag 8. dec. 30. nov. 2026"
    )
