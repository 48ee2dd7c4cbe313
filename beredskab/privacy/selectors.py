"""Reading for subject access: the notifications about a person, their person records, and the
audit events about them."""

from __future__ import annotations

from django.db.models import Q

from beredskab import cpr
from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.intake.models import Notification
from beredskab.persons.models import NotificationPerson, Person, Role


def notifications_about(*, cpr_number: str = "", reference: str = ""):
    """The notifications about the person with this CPR number (on the notification itself), or
    the one notification with this reference; anonymised ones hold nothing any more."""
    queryset = Notification.objects.filter(anonymised_at__isnull=True)
    if cpr_number:
        return queryset.filter(person_cpr=cpr.normalise(cpr_number))
    if reference:
        return queryset.filter(reference=reference.strip().upper())
    return queryset.none()


def person_records_of(notifications, *, cpr_number: str = "") -> list[Person]:
    """The person records that stand for the person concerned: the one with the CPR number, or
    those linked to the notifications as the person at risk, with the persons merged into them."""
    roots = Person.objects.filter(
        pk__in=NotificationPerson.objects.filter(
            notification__in=notifications, role=Role.AT_RISK
        ).values("person")
    )
    if cpr_number:
        roots = Person.objects.filter(cpr=cpr.normalise(cpr_number))
    ids = set(roots.values_list("pk", flat=True))
    ids |= set(Person.objects.filter(merged_into__in=ids).values_list("pk", flat=True))
    return list(Person.objects.filter(pk__in=ids).order_by("pk"))


def links_elsewhere(persons, notifications):
    """Links of these persons to notifications other than `notifications`: as the person at risk
    (a notification without the CPR number, linked by staff) or as a relative in someone else's."""
    return (
        NotificationPerson.objects.filter(person__in=persons, notification__anonymised_at=None)
        .exclude(notification__in=notifications)
        .select_related("notification")
    )


def audit_events_about(*, references: list[str], person_labels: list[str]):
    """The audit events about a person: those keyed to their notifications' references (the case
    and the notification are named by it) and those about their person records (P-123).

    Every lookup of "what the trail says about a person" goes through here, so it can follow the
    trail's subject keys when they change. Events are filed under their subjects (references and
    person keys among them); those recorded before subjects existed are found by their fields."""
    keys = [*references, *person_labels]
    return AuditEvent.objects.filter(
        Q(pk__in=AuditSubject.objects.filter(key__in=keys).values("event_id"))
        | Q(person_key__in=references)
        | Q(object_id__in=references)
        | Q(object_type="persons.person", object_id__in=person_labels)
    ).order_by("at", "pk")
