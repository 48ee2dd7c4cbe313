"""Searching the audit trail for the auditor."""

from django.db.models import Q

from .models import AuditEvent


def search_events(*, staff="", reference="", action="", date_from=None, date_to=None):
    queryset = AuditEvent.objects.all()
    if staff:
        queryset = queryset.filter(actor_username__iexact=staff.strip())
    if reference:
        ref = reference.strip().upper()
        queryset = queryset.filter(Q(object_id=ref) | Q(person_key=ref))
    if action:
        queryset = queryset.filter(action__startswith=action.strip())
    if date_from:
        queryset = queryset.filter(at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(at__date__lte=date_to)
    return queryset.order_by("-seq")
