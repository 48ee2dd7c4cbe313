"""Searching the audit trail for the auditor."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import AuditEvent, AuditSubject
from .subjects import cpr_subject, is_cpr_subject, subjects_of


def subject_keys(reference: str = "", cpr: str = "") -> list[str]:
    """The subject keys to search for: a CPR number's keyed hash, or a reference or person key as
    typed and in capitals (references are stored in capitals)."""
    if cpr:
        return [cpr_subject(cpr)]
    reference = reference.strip()
    if not reference:
        return []
    if is_cpr_subject(reference.upper()):
        return ["CPR:" + reference[4:].lower()]
    return sorted({reference, reference.upper()})


def _bounds(date_from: dt.date | None, date_to: dt.date | None) -> dict[str, dt.datetime]:
    """Local dates as a range of times (so that the (key, time) index is used)."""
    bounds: dict[str, dt.datetime] = {}
    if date_from:
        bounds["at__gte"] = timezone.make_aware(dt.datetime.combine(date_from, dt.time.min))
    if date_to:
        next_day = date_to + dt.timedelta(days=1)
        bounds["at__lt"] = timezone.make_aware(dt.datetime.combine(next_day, dt.time.min))
    return bounds


def search_events(
    *,
    staff: str = "",
    reference: str = "",
    cpr: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    bounds = _bounds(date_from, date_to)
    queryset = AuditEvent.objects.filter(**bounds)
    if staff:
        queryset = queryset.filter(actor_username__iexact=staff.strip())
    keys = subject_keys(reference, cpr)
    if keys:
        subjects = AuditSubject.objects.filter(key__in=keys, **bounds)
        about = Q(pk__in=subjects.values("event_id"))
        if not cpr:
            # Events recorded before subjects existed name the case in object_id or person_key.
            about |= Q(object_id__in=keys) | Q(person_key__in=keys)
        queryset = queryset.filter(about)
    if action:
        queryset = queryset.filter(action__startswith=action.strip())
    return queryset.prefetch_related(
        Prefetch("subjects", queryset=AuditSubject.objects.order_by("key"))
    ).order_by("-id")


def events_about(*things: object) -> QuerySet[AuditEvent]:
    """Every event filed under the subjects of `things` (a person, a notification, a CPR
    subject key, ...), oldest first: e.g. for the data subject's access export."""
    keys = subjects_of(*things)
    subjects = AuditSubject.objects.filter(key__in=keys).values("event_id")
    return AuditEvent.objects.filter(pk__in=subjects).order_by("id")
