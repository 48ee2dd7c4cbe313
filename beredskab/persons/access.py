"""Need to know for persons: a person is seen through their cases (cases.access).

- A person's page needs access to at least one of the person's cases.
- Merging, splitting and adding family members change what several cases show, so they need
  the right to work on (or do intake work on) at least one involved case.
"""

from __future__ import annotations

from django.db.models import Q

from beredskab.cases.access import can_handle_intake, can_work_on, cases_visible_to
from beredskab.cases.models import Case


def _of_persons(person_ids) -> Q:
    """Cases of these persons and of the persons merged into them."""
    return Q(notification__person_links__person__in=person_ids) | Q(
        notification__person_links__person__merged_into__in=person_ids
    )


def cases_of(*persons):
    return Case.objects.filter(_of_persons([p.pk for p in persons])).distinct()


def can_view_person(user, person) -> bool:
    return cases_visible_to(user).filter(_of_persons([person.pk])).exists()


def can_change_case(user, case) -> bool:
    return can_handle_intake(user, case) or can_work_on(user, case)


def can_change_persons(user, *persons) -> bool:
    """May merge, split or add to these persons: may work on at least one of their cases."""
    return any(can_change_case(user, case) for case in cases_of(*persons).order_by("pk"))
