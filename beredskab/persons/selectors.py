"""Reading persons: proposed matches, a person's history and family, need to know applied.

A person is shown only as the notifications the user may see describe them (PersonFacts),
never from the Person row, whose data may come from a case the user may not see. History,
family and proposals show a case's details only to those who may see the case
(cases.access); other cases are counted as hidden, with the month they came in and a link to
break the glass on the case.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from beredskab import cpr as cpr_numbers
from beredskab.cases.access import cases_visible_to
from beredskab.cases.models import CaseState, CloseReason, Judgement, RiskAssessment
from beredskab.intake.models import Notification, NotificationConcern
from beredskab.plans.selectors import current_plan

from .access import can_change_persons, in_groups
from .matching import Birth, Evidence, Record, compare, swapped
from .models import CHILD_ROLES, MergeRecord, NotificationPerson, Person, RejectedMatch, Role

MATCH_LIMIT = 20
# At most this many records are scored for one person. At 10^6 persons a birth date (with its
# day and month swapped) is shared by one to two hundred, an address by a household.
MAX_CANDIDATES = 1000
# On PostgreSQL with pg_trgm, records with the same birth date are read only when their names
# share this much in trigrams (Mohamed Abdullahi / Maxamed Cabdullaahi, the least alike pair of
# one person in tests/persons/spelling_table.py that is proposed, share 0.36).
TRIGRAM_FLOOR = 0.25
# A name alike and an age that fits say little when they fit many: more than this many such
# persons (a common name, at national scale) and none of them is proposed on that alone ...
SAME_YEAR_MAX = 3
# ... and more than this many with the name's key born in those years are not even read.
SAME_KEY_READ_MAX = 20


@dataclass
class MatchProposal:
    """Another person who may be the same person, and why (persons.matching). Computed from the
    persons' matching keys each time, never stored; a rejection is (RejectedMatch), and the
    proposal's `why` goes into the audit event of each time it is shown (persons.panels)."""

    person: Person
    evidence: Evidence
    via_merged: bool = False  # what agreed was a record merged into `person`
    history: PersonHistory | None = None  # with need to know applied (proposals_for)

    @property
    def reasons(self) -> list[str]:
        reasons = self.evidence.reasons()
        if self.via_merged:
            reasons.append(_("hos en registrering, der er lagt sammen med personen"))
        return reasons

    @property
    def score(self) -> int:
        return self.evidence.name_score

    @property
    def shown(self) -> bool:
        """The user may see one of the other person's cases, and so the person as it describes
        them; otherwise only that an earlier record may exist, and the way to break the glass."""
        return bool(self.history and self.history.entries)

    @property
    def facts(self) -> PersonFacts:
        return self.history.facts if self.history else PersonFacts()

    @property
    def notification_count(self) -> int:
        return self.history.total if self.history else 0


def trigram_available(using="default") -> bool:
    """Whether the database has pg_trgm (PostgreSQL; see migration 0005). Asked once per
    process."""
    if using not in _trigram:
        found = False
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                found = cursor.fetchone() is not None
        _trigram[using] = found
    return _trigram[using]


_trigram: dict[str, bool] = {}


def _alike_in_trigrams(folded: str):
    """pg_trgm's similarity(name_fold, folded) >= TRIGRAM_FLOOR, for the rows an index found."""
    similarity = Func(
        F("name_fold"), Value(folded), function="similarity", output_field=FloatField()
    )
    return GreaterThanOrEqual(similarity, TRIGRAM_FLOOR)


def _near(member: Person) -> Q | None:
    """Records born on the same day as `member` (or with day and month swapped) with a name
    alike, and records at the same address: index lookups (birth_date, norm_address) and
    (norm_address), each a bounded part of the persons at any scale (at 10^6 persons a hundred
    or so share a birth date; on PostgreSQL only the few whose names share some trigrams with
    `member`'s are read)."""
    has_name = bool(member.name_fold)
    found = Q()
    if member.birth_date and has_name:
        dates = [day for day in (member.birth_date, swapped(member.birth_date)) if day]
        same_day = Q(birth_date__in=dates)
        if trigram_available():
            same_day &= Q(_alike_in_trigrams(member.name_fold))
        found |= same_day
    if member.norm_address and (has_name or member.birth_date):
        found |= Q(norm_address=member.norm_address)
    return found or None


def _same_key(member: Person) -> Q | None:
    """Records with `member`'s name key born in a year that fits, where one of the two gave only
    an age (name_key, birth_year): those without a birth date when `member` has one (a record
    with a birth date too is found by the date, if at all), all of them when `member` has none."""
    if not (member.name_key and member.birth_year):
        return None
    year = member.birth_year
    if member.birth_date:  # an age on a day points to its year or the one before
        return Q(name_key=member.name_key, birth_year__range=(year, year + 1), birth_date=None)
    return Q(name_key=member.name_key, birth_year__range=(year - 1, year + 1))


def _any(qs) -> Q | None:
    found = Q()
    for q in qs:
        if q is not None:
            found |= q
    return found or None


def _candidates(group: list[Person]):
    """Two queries for the records (persons, and persons merged into others) that may be one
    of `group`: (near, same key), each None when the group has nothing to match on by it.

    Each record's root (the person it lives on) is never one the group was rejected with,
    never named in the same notification as the group (two people in one notification are two
    people), and, when the group has a CPR number, has none in its own group.

    A search for names alike in trigrams among all persons (a pg_trgm GIN or GiST index) is not
    used: at 10^6 persons one such search took 0.1–1 s (docs/benchmarks.md)."""
    near = _any(_near(member) for member in group)
    same_key = _any(_same_key(member) for member in group)
    return (
        _not_excluded(near, group) if near is not None else None,
        _not_excluded(same_key, group) if same_key is not None else None,
    )


def _not_excluded(found: Q, group: list[Person]):
    group_ids = [member.pk for member in group]
    records = (
        Person.objects.filter(found)
        .exclude(pk__in=group_ids)
        .annotate(root_id=Coalesce("merged_into_id", "id"))
        .filter(
            ~Exists(
                RejectedMatch.objects.filter(
                    Q(person_a__in=group_ids, person_b=OuterRef("root_id"))
                    | Q(person_b__in=group_ids, person_a=OuterRef("root_id"))
                )
            ),
            ~Exists(
                NotificationPerson.objects.filter(
                    person=OuterRef("root_id"),
                    notification__in=NotificationPerson.objects.filter(person__in=group_ids).values(
                        "notification"
                    ),
                )
            ),
        )
    )
    if any(member.cpr for member in group):
        # A CPR number is one person: only persons without one (in their whole group) match.
        records = records.filter(
            ~Exists(
                Person.objects.filter(
                    Q(pk=OuterRef("root_id")) | Q(merged_into=OuterRef("root_id")),
                    cpr__isnull=False,
                )
            )
        )
    return records


# What is read of each candidate: its matching keys (persons.matching.Record), and what a
# proposal names of the person it lives on. Tuples, not model instances: at 10^6 persons a
# hundred or more are read for one notification, and only the few proposed become Persons.
_READ = (
    "pk",
    *Record.FIELDS,
    "root_id",
    "reference",
    "created_at",
    "merged_into__reference",
    "merged_into__created_at",
)


def _proposals(person: Person) -> list[MatchProposal]:
    """Every person the matcher proposes for `person`, the strongest first."""
    group = [person, *Person.objects.filter(merged_into=person)]
    near, same_key = _candidates(group)
    rows = list(near.values_list(*_READ)[:MAX_CANDIDATES]) if near is not None else []
    if same_key is not None:
        keyed = list(same_key.values_list(*_READ)[: SAME_KEY_READ_MAX + 1])
        if len(keyed) <= SAME_KEY_READ_MAX:
            rows += keyed
    mine = [Record.of(member) for member in group]
    fields = len(Record.FIELDS)
    best: dict[int, tuple] = {}
    for pk, *row in rows:
        theirs = Record(*row[:fields])
        root_id, reference, created_at, root_reference, root_created_at = row[fields:]
        if root_id != pk:  # a record merged into another: the proposal is the other
            reference, created_at = root_reference, root_created_at
        for own in mine:
            evidence = compare(own, theirs)
            known = best.get(root_id)
            if evidence.proposed and (known is None or evidence.strength > known[0].strength):
                best[root_id] = (evidence, pk != root_id, reference, created_at)
    proposals = [
        MatchProposal(
            Person.from_db(  # field names in the model's order: from_db matches them so
                Person.objects.db,
                ["id", "reference", "merged_into_id", "created_at"],
                [root_id, reference, None, created_at],
            ),
            evidence,
            via_merged=via_merged,
        )
        for root_id, (evidence, via_merged, reference, created_at) in best.items()
    ]
    proposals.sort(key=lambda m: (-m.evidence.strength, m.person.created_at, m.person.pk))
    by_age = {
        m.person.pk
        for m in proposals
        if m.evidence.birth == Birth.SAME_YEAR and not m.evidence.same_address
    }
    if len(by_age) > SAME_YEAR_MAX:
        proposals = [m for m in proposals if m.person.pk not in by_age]
    return proposals


def possible_matches(person: Person, *, limit: int = MATCH_LIMIT) -> list[MatchProposal]:
    """Other persons who may be `person` (persons.matching: a name alike in spelling with the
    same birth date, or with day and month swapped, or the same birth year when only an age is
    known; a name alike with the same address; the same birth date and address). Persons with
    different CPR numbers, pairs staff rejected, and persons named in the same notification are
    never proposed.

    At most three queries, fast at 10^6 persons, never reading every person: (1) the persons
    already merged into this one (their spellings find matches too); (2) the records born on
    the day or living at the address: an OR of lookups each served by an index (_near; a bitmap
    OR in PostgreSQL, the OR-by-union plan in SQLite); (3) when one of the two may give only an
    age, the records with the name's key born in a year that fits, at most SAME_KEY_READ_MAX of
    them (_same_key). Both with NOT EXISTS checks on the unique (person_a, person_b) index, the
    (person, notification) index and the merged_into index, once per record. The records are
    then scored in Python (persons.matching, rapidfuzz).
    """
    return _proposals(person)[:limit]


def is_proposed(person: Person, other: Person) -> bool:
    """The system proposes that the two (unmerged) persons are one: the matcher finds them, or
    `other` was split off `person` (or the reverse) and may be laid together again. Staff may
    merge only such pairs, never two persons of their own choosing."""
    if person.pk == other.pk or person.merged_into_id or other.merged_into_id:
        return False
    for one, two in ((person, other), (other, person)):
        split_from = one.split_from
        if split_from is not None and (split_from.merged_into_id or split_from.pk) == two.pk:
            return True
    return any(match.person.pk == other.pk for match in _proposals(person))


def proposals_for(person: Person, user) -> list[MatchProposal]:
    """possible_matches, each with the other person's history as `user` may see it."""
    matches = possible_matches(person)
    if not matches:
        return matches
    histories = _histories([m.person.pk for m in matches], user)
    for match in matches:
        match.history = histories[match.person.pk]
    return matches


# -- History -----------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    """A notification the user may see, with its case's state and outcome."""

    reference: str
    received_at: dt.datetime
    role: str | Promise
    concerns: list  # the plan's concern titles (show with |t)
    state: str
    state_label: str
    track_label: str
    risk_level: str
    risk_level_label: str | Promise
    close_reason_label: str | Promise
    is_open: bool
    notification_id: int


@dataclass
class HiddenEntry:
    """A notification the user may not see: only its reference and the month it came in."""

    reference: str
    received_at: dt.datetime


@dataclass
class PersonFacts:
    """A person as the notifications the user may see describe them: each fact as it was first
    received. Empty when the user may see none of them."""

    name: str = ""
    birth_date: dt.date | None = None
    address: str = ""
    cpr_masked: str = ""

    def add(self, name, birth_date, address, cpr) -> None:
        self.name = self.name or name or ""
        self.birth_date = self.birth_date or birth_date
        self.address = self.address or address or ""
        self.cpr_masked = self.cpr_masked or (cpr_numbers.masked(cpr) if cpr else "")


@dataclass
class PersonHistory:
    entries: list[HistoryEntry] = field(default_factory=list)
    hidden: list[HiddenEntry] = field(default_factory=list)
    facts: PersonFacts = field(default_factory=PersonFacts)

    @property
    def total(self) -> int:
        return len(self.entries) + len(self.hidden)

    @property
    def open_count(self) -> int:
        return sum(1 for entry in self.entries if entry.is_open)

    def __bool__(self):
        return self.total > 0


def _histories(person_ids, user, *, exclude_notification=None) -> dict[int, PersonHistory]:
    """The history of each person (and of the persons merged into it), in three queries. The
    excluded notification (the page's own) is left out of the history but not of the facts."""
    linked = (
        NotificationPerson.objects.filter(person__in=in_groups(person_ids))
        .annotate(
            root_id=Coalesce("person__merged_into_id", "person_id"),
            risk_level=Subquery(
                RiskAssessment.objects.filter(
                    case__notification=OuterRef("notification"), kind="full"
                )
                .order_by("-revision")
                .values("serious_violence")[:1]
            ),
        )
        .select_related("notification__case")
        .prefetch_related(
            Prefetch("notification__concerns", queryset=NotificationConcern.objects.order_by("id"))
        )
        .order_by("-notification__received_at", "pk")
    )
    links = list(linked)
    visible = set(
        cases_visible_to(user)
        .filter(pk__in=[link.notification.case.pk for link in links])
        .values_list("pk", flat=True)
    )
    titles = {c.key: c.title for c in current_plan().procedure.concern_types} if links else {}
    histories = {pk: PersonHistory() for pk in person_ids}
    for link in reversed(links):  # oldest first: each fact as first received
        if link.notification.case.pk in visible:
            histories.setdefault(link.root_id, PersonHistory()).facts.add(*link.described())
    excluded = getattr(exclude_notification, "pk", exclude_notification)
    for link in links:
        notification, case = link.notification, link.notification.case
        if notification.pk == excluded:
            continue
        history = histories.setdefault(link.root_id, PersonHistory())
        if case.pk not in visible:
            history.hidden.append(HiddenEntry(notification.reference, notification.received_at))
            continue
        history.entries.append(
            HistoryEntry(
                reference=notification.reference,
                received_at=notification.received_at,
                role=Role(link.role).label,
                concerns=[
                    titles.get(c.concern_type, c.concern_type) for c in notification.concerns.all()
                ],
                state=case.state,
                state_label=case.get_state_display(),
                track_label=case.get_track_display(),
                risk_level=link.risk_level or "",
                risk_level_label=Judgement(link.risk_level).label if link.risk_level else "",
                close_reason_label=(
                    CloseReason(case.close_reason).label
                    if case.close_reason in CloseReason.values
                    else ""
                ),
                is_open=case.state != CaseState.CLOSED,
                notification_id=notification.pk,
            )
        )
    return histories


def person_history(person: Person, user, *, exclude_notification=None) -> PersonHistory:
    """The person's notifications (and those of persons merged into it), newest first: those
    `user` may see in full, the rest as hidden entries."""
    return _histories([person.pk], user, exclude_notification=exclude_notification)[person.pk]


def at_risk_person(notification) -> Person | None:
    """The person the notification is about (None for notifications from before persons)."""
    link = (
        NotificationPerson.objects.filter(notification=notification, role=Role.AT_RISK)
        .select_related("person__merged_into")
        .first()
    )
    if link is None:
        return None
    return link.person.merged_into or link.person


def history_for_notification(notification, user) -> dict:
    """What persons/includes/history.html needs on a case or risk assessment page: the
    person's other notifications (earlier ones and open ones), need to know applied."""
    person = at_risk_person(notification)
    if person is None:
        return {"person": None, "person_history": PersonHistory()}
    return {
        "person": person,
        "person_history": person_history(person, user, exclude_notification=notification),
    }


def matches_for_notification(notification, user) -> dict:
    """What persons/includes/matches.html needs: the proposals for the notification's person."""
    person = at_risk_person(notification)
    if person is None:
        return {"person": None, "matches": [], "can_confirm": False}
    matches = proposals_for(person, user)
    return {
        "person": person,
        "matches": matches,
        "can_confirm": bool(matches) and can_change_persons(user, person),
    }


def person_panel(notification, user) -> dict:
    """Both includes' context in one call: history_for_notification + matches_for_notification."""
    return {
        **history_for_notification(notification, user),
        **matches_for_notification(notification, user),
    }


# -- Family ------------------------------------------------------------------------------------


@dataclass
class FamilyMember:
    person: Person
    roles: list[str | Promise]  # the person's roles in the notifications the family is seen through
    history: PersonHistory  # the person's other notifications, need to know applied
    is_subject: bool = False
    role_keys: list[str] = field(default_factory=list)

    @property
    def child_around(self) -> bool:
        """A child around the person (sibling, child in the household, other child at risk):
        the prompt to notify about them."""
        return any(key in CHILD_ROLES for key in self.role_keys)

    @property
    def alleged_perpetrator(self) -> bool:
        return Role.ALLEGED_PERPETRATOR in self.role_keys

    @property
    def facts(self) -> PersonFacts:
        return self.history.facts


def family(subject, user) -> list[FamilyMember]:
    """The persons linked through the same notification(s): the person at risk, siblings,
    children in the household. `subject` is a Notification (which the caller has checked the
    user may see) or a Person (seen through the notifications the user may see)."""
    if isinstance(subject, Notification):
        notification_ids = [subject.pk]
        subject_person = None
        exclude = subject
    else:
        subject_person = subject
        visible = cases_visible_to(user).values("notification")
        notification_ids = list(
            NotificationPerson.objects.filter(
                person__in=in_groups([subject]), notification__in=visible
            ).values_list("notification", flat=True)
        )
        exclude = None
    links = list(
        NotificationPerson.objects.filter(notification__in=notification_ids)
        .select_related("person__merged_into")
        .order_by("pk")
    )
    persons: dict[int, Person] = {}
    roles: defaultdict[int, list[str | Promise]] = defaultdict(list)
    role_keys: defaultdict[int, list[str]] = defaultdict(list)
    for link in links:
        person = link.person.merged_into or link.person
        persons.setdefault(person.pk, person)
        label = Role(link.role).label
        if label not in roles[person.pk]:
            roles[person.pk].append(label)
            role_keys[person.pk].append(link.role)
    histories = _histories(list(persons), user, exclude_notification=exclude)
    members = [
        FamilyMember(
            person=person,
            roles=roles[pk],
            history=histories[pk],
            is_subject=subject_person is not None and pk == subject_person.pk,
            role_keys=role_keys[pk],
        )
        for pk, person in persons.items()
    ]
    # The person at risk first, then the others in the order they were added.
    members.sort(key=lambda m: (not m.is_subject, Role.AT_RISK.label not in m.roles))
    return members


# -- The person page ---------------------------------------------------------------------------


def merged_members(person: Person) -> list[Person]:
    return list(Person.objects.filter(merged_into=person).order_by("created_at", "pk"))


def merges_into(person: Person) -> list[MergeRecord]:
    """Every merge into `person`, newest first, undone ones too: an undo leaves its trace."""
    return list(
        MergeRecord.objects.filter(target=person)
        .select_related("source", "by", "undone_by")
        .order_by("-at", "-pk")
    )


def queue_marks():
    """Annotations for Modtagelsen's queue (one query for all rows): the notification's person,
    and whether that person has another notification that came in earlier or is still open."""
    at_risk = NotificationPerson.objects.filter(notification=OuterRef("pk"), role=Role.AT_RISK)
    # Links are kept on the person merges lead to, so one join finds all of a person's others.
    other = (
        NotificationPerson.objects.filter(
            person__links__notification=OuterRef("pk"), person__links__role=Role.AT_RISK
        )
        .exclude(notification=OuterRef("pk"))
        .filter(
            Q(notification__received_at__lt=OuterRef("received_at"))
            | ~Q(notification__case__state=CaseState.CLOSED)
        )
    )
    return {
        "at_risk_person_ref": Subquery(at_risk.values("person__reference")[:1]),
        "person_known": Exists(other),
    }


def new_notifications_since(case, since: dt.datetime) -> list[str]:
    """A reason to reassess the case's risk: notifications about the same person received
    after `since` (only how many: the case page may be read by someone who may not see them)."""
    person = at_risk_person(case.notification)
    if person is None:
        return []
    count = (
        NotificationPerson.objects.filter(
            person__in=in_groups([person]),
            role=Role.AT_RISK,
            notification__received_at__gt=since,
        )
        .exclude(notification=case.notification)
        .values("notification")
        .distinct()
        .count()
    )
    if not count:
        return []
    return [
        ngettext(
            "En ny underretning om samme person er modtaget efter vurderingen.",
            "%(count)d nye underretninger om samme person er modtaget efter vurderingen.",
            count,
        )
        % {"count": count}
    ]
