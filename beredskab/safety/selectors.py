"""Reading protection: the facts the outbox's gate decides on, and the banner's flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from beredskab.cases.models import Case, Track
from beredskab.cases.selectors import family_contact
from beredskab.intake.models import AgeGroup
from beredskab.outbox import gate
from beredskab.persons.models import Role
from beredskab.plans.selectors import NoPublishedPlan, current_plan

from .models import ProtectiveFlags

# Persons in these roles on a notification live with the family: their addresses are the family's.
FAMILY_ROLES = (Role.AT_RISK, Role.SIBLING, Role.CHILD_IN_HOUSEHOLD, Role.OTHER)


def flags_for_case(case: Case) -> list[ProtectiveFlags]:
    """The case's own flags first, then those of the persons it is about."""
    flags = list(ProtectiveFlags.objects.filter(case=case))
    flags += list(
        ProtectiveFlags.objects.filter(
            person__links__notification_id=case.notification_id,
            person__links__role=Role.AT_RISK,
        ).distinct()
    )
    return flags


def _honour_suspected(case: Case) -> bool:
    """Whether a concern on the notification is honour-related in the plan (each of Allerød's
    is); a concern the plan no longer knows counts as honour-related, to be safe."""
    keys = list(case.notification.concerns.values_list("concern_type", flat=True))
    if not keys:
        return True
    try:
        plan = current_plan()
    except NoPublishedPlan:
        return True
    for key in keys:
        concern = plan.concern_type(key)
        if concern is None or concern.honour_related:
            return True
    return False


def _family_addresses(case: Case) -> frozenset[str]:
    notification = case.notification
    addresses = {notification.person_address}
    addresses.update(
        case.notification.person_links.filter(role__in=FAMILY_ROLES).values_list(
            "person__address", flat=True
        )
    )
    return frozenset(a for a in addresses if a)


def protection_facts(communication: gate.Communication) -> gate.Protection | None:
    """What the gate needs to know about the case a communication belongs to (registered with
    beredskab.outbox.gate.provide_facts)."""
    if communication.case_id is None:
        return None
    case = Case.objects.select_related("notification").filter(pk=communication.case_id).first()
    if case is None:
        return None
    notification = case.notification
    flags = flags_for_case(case)
    first_way = next((f for f in flags if f.safe_means), None)
    return gate.Protection(
        known=True,
        child=case.track == Track.CHILD or notification.age_group == AgeGroup.CHILD,
        honour_suspected=_honour_suspected(case),
        family_contact=family_contact(case),
        no_family_contact=any(f.no_family_contact for f in flags),
        no_family_contact_reason=" ".join(
            f.no_family_contact_reason for f in flags if f.no_family_contact_reason
        ),
        protected_address=any(f.protected_address for f in flags),
        family_addresses=_family_addresses(case),
        safe_means=first_way.safe_means if first_way else "",
        safe_address=first_way.safe_address if first_way else "",
        safe_times=first_way.safe_times if first_way else "",
        no_home_calls=any(f.no_home_calls for f in flags),
        self_referral=notification.about_self,
    )


@dataclass
class Banner:
    """What the banner on a case's or person's pages says."""

    flags: list[ProtectiveFlags] = field(default_factory=list)
    family_contact: str = ""  # the latest assessment's judgement ("" for a person's pages)
    family_blocked: bool = False
    child_honour: bool = False

    @property
    def no_family_contact(self) -> list[ProtectiveFlags]:
        return [f for f in self.flags if f.no_family_contact]

    @property
    def protected_address(self) -> bool:
        return any(f.protected_address for f in self.flags)

    @property
    def safe_way(self) -> ProtectiveFlags | None:
        return next((f for f in self.flags if f.safe_means), None)

    @property
    def no_home_calls(self) -> bool:
        return any(f.no_home_calls for f in self.flags)

    @property
    def interpreter(self) -> ProtectiveFlags | None:
        return next((f for f in self.flags if f.interpreter_outside_network or f.language), None)

    @property
    def shown(self) -> bool:
        return bool(self.family_blocked or any(f.any or f.language for f in self.flags))


def banner_for_case(case: Case) -> Banner:
    facts = protection_facts(
        gate.Communication(
            kind=gate.Kind.LETTER,
            recipient=gate.Recipient.FAMILY,
            means=gate.Means.LETTER,
            case_id=case.pk,
        )
    )
    family = gate.decide(
        gate.Communication(
            kind=gate.Kind.LETTER,
            recipient=gate.Recipient.FAMILY,
            means=gate.Means.LETTER,
            case_id=case.pk,
        ),
        facts or gate.Protection(),
    )
    return Banner(
        flags=flags_for_case(case),
        family_contact=facts.family_contact if facts else "",
        family_blocked=not family.allowed,
        child_honour=bool(facts and facts.child and facts.honour_suspected),
    )


def banner_for_person(person) -> Banner:
    return Banner(flags=list(ProtectiveFlags.objects.filter(person=person)))
