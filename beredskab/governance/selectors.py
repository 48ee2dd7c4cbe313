"""Reading the plan's versions and coordination meetings for the governance pages."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.plans.models import PlanVersion
from beredskab.plans.selectors import NoPublishedPlan, current_version

from .models import CoordinationMeeting

DRAFT, PUBLISHED, SUPERSEDED = "draft", "published", "superseded"


def municipality() -> str:
    """The municipality whose plan this installation serves."""
    return settings.BEREDSKAB_MUNICIPALITY


def plan_versions():
    """This installation's plan versions, newest first."""
    return PlanVersion.objects.filter(
        plan__municipality_slug=settings.BEREDSKAB_MUNICIPALITY
    ).order_by("-loaded_at", "-id")


def published_version() -> PlanVersion | None:
    """The version the public pages show (all fields), or None before the first is published."""
    try:
        return PlanVersion.objects.get(pk=current_version().pk)
    except NoPublishedPlan:
        return None


def version_status(version: PlanVersion, current: PlanVersion | None) -> str:
    if current is not None and version.pk == current.pk:
        return PUBLISHED
    return SUPERSEDED if version.published_at else DRAFT


def base_for_comparison(version: PlanVersion, current: PlanVersion | None) -> PlanVersion | None:
    """What a version is compared with: the published version, or for the published version
    itself, the one published before it."""
    if current is None:
        return None
    if version.pk != current.pk:
        return current
    return (
        plan_versions()
        .filter(published_at__lt=current.published_at)
        .order_by("-published_at", "-id")
        .first()
    )


def meetings_in_coming_year(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return CoordinationMeeting.objects.filter(
        starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=365)
    ).count()


def revision_recipients() -> list[str]:
    """Who is reminded of the revision date: the plan administrators and the leaders."""
    User = get_user_model()
    return sorted(
        set(
            User.objects.filter(
                is_active=True, groups__name__in=[roles.PLAN_ADMIN, roles.LEADER], email__gt=""
            ).values_list("email", flat=True)
        )
    )
