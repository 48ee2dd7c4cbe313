"""Need to know for persons: a person is seen through their cases (cases.access).

- A person's page needs access to at least one of the person's cases, and shows only what the
  notifications and cases the user may see say (persons.selectors).
- Merging, rejecting a proposed match and undoing a merge join or part two persons' records, so
  they need access to at least one case of EACH person; otherwise a merge would be a way into
  the other person's history. They also need the right to work on (or do intake work on) at
  least one involved case, as splitting and adding family members do.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from beredskab.cases.access import can_handle_intake, can_work_on, cases_visible_to
from beredskab.cases.models import Case

from .models import MergeRecord, NotificationPerson, Person


def in_groups(persons) -> QuerySet:
    """The ids of `persons` (Person objects or ids) and of the persons merged into them, as a
    subquery: `NotificationPerson.objects.filter(person__in=in_groups(...))` reads the links by
    index. (An OR across the join, `Q(person=p) | Q(person__merged_into=p)`, makes the database
    read every link and every person: 12 ms at 10^4 notifications, growing with the data.)"""
    ids = [getattr(person, "pk", person) for person in persons]
    return Person.objects.filter(Q(pk__in=ids) | Q(merged_into__in=ids)).values("pk")


def _of_persons(person_ids) -> Q:
    """Cases of these persons and of the persons merged into them."""
    return Q(notification__person_links__person__in=in_groups(person_ids))


def cases_of(*persons):
    return Case.objects.filter(_of_persons([p.pk for p in persons])).distinct()


def can_view_person(user, person) -> bool:
    return cases_visible_to(user).filter(_of_persons([person.pk])).exists()


def can_view_each(user, *persons) -> bool:
    return all(can_view_person(user, person) for person in persons)


def can_change_case(user, case) -> bool:
    return can_handle_intake(user, case) or can_work_on(user, case)


def can_change_persons(user, *persons) -> bool:
    """May merge, split or add to these persons: may work on at least one of their cases."""
    return any(can_change_case(user, case) for case in cases_of(*persons).order_by("pk"))


def can_view_both_sides(user, merge: MergeRecord) -> bool:
    """May see a case of the person the merge brought in and of the person it went into (the
    two persons an undo would part again)."""
    moved = NotificationPerson.objects.filter(pk__in=merge.moved_link_ids)
    stayed = NotificationPerson.objects.filter(person=merge.target_id).exclude(
        pk__in=merge.moved_link_ids
    )
    visible = cases_visible_to(user)
    return (
        visible.filter(notification__person_links__in=moved).exists()
        and visible.filter(notification__person_links__in=stayed).exists()
    )
