"""Dates and times as Danes write them, and as English readers expect them.

Danish: "1. dec. 2026", "man. 30. nov. kl. 14.14", a deadline at midnight as its last day
("senest tirsdag 8. dec."), "for 1 dag og 12 timer siden". English: "1 Dec 2026",
"Mon 30 Nov, 14:14", "by Tuesday 8 Dec", "1 day and 12 hours ago". Times are shown in
Europe/Copenhagen; the year is left out when it is the current one, where the text says so.

Every template uses these through the filters below (built in, see TEMPLATES in settings), so a
page never formats a date its own way.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

# Danish abbreviations as the Danish Language Council writes them: a period where letters are
# left out ("maj", "juni" and "juli" are short enough as they are).
_MONTHS_DA = ["jan.", "feb.", "mar.", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.",
              "nov.", "dec."]  # fmt: skip
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS_DA = ["man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."]
_WEEKDAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_WEEKDAY_NAMES_DA = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
_WEEKDAY_NAMES_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _danish() -> bool:
    return (translation.get_language() or "da").split("-")[0] != "en"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _today() -> dt.date:
    return timezone.localdate()


def format_date(value: dt.date | dt.datetime | None, *, year: bool = True) -> str:
    """'1. dec. 2026' / '1 Dec 2026'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    if _danish():
        text = f"{value.day}. {_MONTHS_DA[value.month - 1]}"
    else:
        text = f"{value.day} {_MONTHS_EN[value.month - 1]}"
    return f"{text} {value.year}" if year else text


def format_datetime(value: dt.datetime | None) -> str:
    """'man. 30. nov. kl. 14.14' / 'Mon 30 Nov, 14:14', with the year when it is not this one."""
    if value is None:
        return ""
    local = _local(value)
    with_year = local.date().year != _today().year
    day = format_date(local.date(), year=with_year)
    if _danish():
        return f"{_WEEKDAYS_DA[local.weekday()]} {day} kl. {local:%H.%M}"
    return f"{_WEEKDAYS_EN[local.weekday()]} {day}, {local:%H:%M}"


def last_day(value: dt.datetime) -> tuple[dt.date, bool]:
    """A deadline's last day, and whether the deadline is the end of that day (at midnight)."""
    local = _local(value)
    if local.time() == dt.time(0, 0):
        return local.date() - dt.timedelta(days=1), True
    return local.date(), False


def format_deadline(value: dt.datetime | None) -> str:
    """A deadline as the reader must act: 'senest tirsdag 8. dec.' when it runs out at midnight,
    else 'senest man. 30. nov. kl. 14.14' ('by Tuesday 8 Dec', 'by Mon 30 Nov, 14:14')."""
    if value is None:
        return ""
    day, whole_day = last_day(value)
    if whole_day:
        with_year = day.year != _today().year
        names = _WEEKDAY_NAMES_DA if _danish() else _WEEKDAY_NAMES_EN
        when = f"{names[day.weekday()]} {format_date(day, year=with_year)}"
    else:
        when = format_datetime(value)
    return gettext("senest %(when)s") % {"when": when}


def format_duration(delta: dt.timedelta) -> str:
    """'1 dag og 12 timer', '3 timer og 5 minutter', '4 minutter' (the two largest units)."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d dag", "%(n)d dage", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d time", "%(n)d timer", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)d minut", "%(n)d minutter", minutes) % {"n": minutes})
    if not parts:
        return gettext("under et minut")
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s og %(second)s") % {"first": parts[0], "second": parts[1]}


def format_since(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """'for 1 dag og 12 timer siden' / '1 day and 12 hours ago'."""
    if value is None:
        return ""
    return gettext("for %(duration)s siden") % {
        "duration": format_duration((now or timezone.now()) - value)
    }


def format_until(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """'om 3 timer og 5 minutter' / 'in 3 hours and 5 minutes'."""
    if value is None:
        return ""
    return gettext("om %(duration)s") % {
        "duration": format_duration(value - (now or timezone.now()))
    }


def machine(value: dt.date | dt.datetime | None) -> str:
    """For <time datetime="...">: to the minute, with the offset (no microseconds)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _local(value).isoformat(timespec="minutes")
    return value.isoformat()


register = template.Library()
register.filter("day", format_date)
register.filter("when", format_datetime)
register.filter("deadline", format_deadline)
register.filter("since", format_since)
register.filter("until", format_until)
register.filter("machine", machine)
