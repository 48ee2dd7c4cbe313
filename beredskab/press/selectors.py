"""Reading the press log: who may see what, the list with its counts, and the press team."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from beredskab.accounts import roles
from beredskab.accounts.roles import has_role
from beredskab.cases.access import can_view
from beredskab.cases.models import Case

from .models import OPEN_STATUSES, InquiryStatus, PressInquiry

# The spokesperson (pressekontakt) and the leader keep the log and answer the press.
PRESS_TEAM = (roles.PRESS, roles.LEADER)
CLOSED_SHOWN = 100


def reminder_window() -> dt.timedelta:
    return dt.timedelta(hours=getattr(settings, "BEREDSKAB_PRESS_REMINDER_HOURS", 2))


def can_manage_press(user) -> bool:
    return has_role(user, *PRESS_TEAM)


def can_view_inquiry(user, inquiry: PressInquiry) -> bool:
    """The press team, and whoever registered the inquiry."""
    return can_manage_press(user) or inquiry.created_by_id == user.pk


def inquiry_by_id(inquiry_id: int) -> PressInquiry | None:
    return (
        PressInquiry.objects.select_related(
            "received_by", "spokesperson", "created_by", "case__notification"
        )
        .filter(pk=inquiry_id)
        .first()
    )


def _with_people(queryset):
    return queryset.select_related("received_by", "spokesperson")


def open_inquiries():
    """Waiting for an answer, the nearest deadline first."""
    return _with_people(PressInquiry.objects.filter(status__in=OPEN_STATUSES)).order_by(
        "deadline", "id"
    )


def finished_inquiries(limit: int = CLOSED_SHOWN):
    """Answered or closed, the newest deadline first."""
    return _with_people(PressInquiry.objects.exclude(status__in=OPEN_STATUSES)).order_by(
        "-deadline", "-id"
    )[:limit]


def press_counts(now: dt.datetime, window: dt.timedelta) -> dict[str, int]:
    is_open = Q(status__in=OPEN_STATUSES)
    return PressInquiry.objects.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=is_open & Q(deadline__lte=now)),
        due_soon=Count("pk", filter=is_open & Q(deadline__gt=now, deadline__lte=now + window)),
        answered=Count("pk", filter=Q(status=InquiryStatus.ANSWERED)),
        closed=Count("pk", filter=Q(status=InquiryStatus.CLOSED)),
    )


def deadline_state(deadline: dt.datetime, now: dt.datetime, window: dt.timedelta) -> str:
    if deadline <= now:
        return "overdue"
    if deadline <= now + window:
        return "due_soon"
    return "on_time"


def press_team(including: int | None = None):
    """Active users who may be made responsible for answering (and `including`, the current
    spokesperson, even after a change of role)."""
    members = Q(is_active=True, groups__name__in=PRESS_TEAM)
    if including is not None:
        members |= Q(pk=including)
    return (
        get_user_model()
        .objects.filter(members)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def press_team_addresses() -> list[str]:
    return sorted(set(press_team().filter(email__gt="").values_list("email", flat=True)))


def linkable_case(user, reference: str) -> Case | None:
    """The case with this reference if `user` may see it; None whether it is missing or hidden,
    so that the answer does not reveal that a case exists."""
    reference = reference.strip().upper()
    cases = Case.objects.select_related("notification").filter(notification__reference=reference)
    case = cases.first()
    if case is None or not can_view(user, case):
        return None
    return case
