"""Linking notifications to persons, and merging, rejecting and splitting persons.

Every change writes the audit trail (one event for each person it concerns, so a search for
either finds it) and the journal of the cases it touches that the employee may see, in one
transaction: an employee never writes into a case they have no need to know of; that case's
own people see the change in the person's history and on the person's page. Journal and audit
name a person by its reference (P-7K2M-9XWA-3QRT), never by name or CPR number.
(The journal is written with JournalEntry directly, as intake.services does: cases.services
imports intake.services, which calls link_persons at registration.)

Only pairs the system proposes may be merged or rejected (selectors.is_proposed).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from beredskab import cpr as cpr_numbers
from beredskab.audit.services import record
from beredskab.cases.access import cases_visible_to
from beredskab.cases.models import Case, JournalEntry, JournalKind
from beredskab.db import insert

from .models import MergeRecord, NotificationPerson, Person, RejectedMatch, Role
from .normalise import birth_year, fold_name, name_key, normalise_address, normalise_name
from .selectors import is_proposed


class PersonRuleError(ValidationError):
    """A merge, split or link the rules do not allow (shown to the user as a message)."""


def _name_keys(name: str) -> dict:
    return {
        "norm_name": normalise_name(name),
        "name_fold": fold_name(name),
        "name_key": name_key(name),
    }


def _new_person(
    *, name="", birth_date=None, address="", cpr=None, now=None, age_year=None, **extra
) -> Person:
    """A person with its matching keys; `age_year` is the year an age points to when no birth
    date is known (normalise.birth_year)."""
    person = Person(
        cpr=cpr or None,
        name=name,
        birth_date=birth_date,
        birth_year=birth_date.year if birth_date else age_year,
        address=address,
        norm_address=normalise_address(address),
        created_at=now or timezone.now(),
        **_name_keys(name),
        **extra,
    )
    insert([person])
    return person


def root(person: Person) -> Person:
    """The person a merged person now lives on (merges are kept one level deep)."""
    return person.merged_into or person


def group_ids(person: Person) -> list[int]:
    """The person and the persons merged into it."""
    return [person.pk, *Person.objects.filter(merged_into=person).values_list("pk", flat=True)]


def _person_for_cpr(
    number: str, *, name, birth_date, address, now, age_year=None
) -> tuple[Person, bool]:
    """The person with this CPR number, or a new one. Empty fields are filled from what came in."""
    found = Person.objects.filter(cpr=number).select_related("merged_into").first()
    if found is None:
        try:
            with transaction.atomic():
                return _new_person(
                    cpr=number,
                    name=name,
                    birth_date=birth_date,
                    address=address,
                    now=now,
                    age_year=age_year,
                ), True
        except IntegrityError:
            # Another registration with the same CPR number won the race: join its person.
            found = Person.objects.select_related("merged_into").get(cpr=number)
    person = root(found)
    changed = []
    if not person.name and name:
        person.name = name
        for key, value in _name_keys(name).items():
            setattr(person, key, value)
        changed += ["name", "norm_name", "name_fold", "name_key"]
    if person.birth_date is None and birth_date:
        person.birth_date, person.birth_year = birth_date, birth_date.year
        changed += ["birth_date", "birth_year"]
    elif person.birth_year is None and age_year:
        person.birth_year = age_year
        changed.append("birth_year")
    if not person.address and address:
        person.address, person.norm_address = address, normalise_address(address)
        changed += ["address", "norm_address"]
    if changed:
        person.save(update_fields=changed)
    return person, False


def _journal_cases(cases, text, *, by, at):
    """A note in each of the cases that `by` may see (all of them for the system itself)."""
    if by is not None:
        visible = set(
            cases_visible_to(by).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
        )
        cases = [case for case in cases if case.pk in visible]
    JournalEntry.objects.bulk_create(
        JournalEntry(case=case, at=at, author=by, kind=JournalKind.NOTE, text=text)
        for case in cases
    )


def _record_each(action, persons, *, request, by, detail):
    """One audit event per person concerned: a search for any of them finds the change."""
    for person in persons:
        record(action, request=request, actor=by, obj=person, detail=detail)


def link_persons(
    notification, *, case, by=None, request=None, journal, subjects
) -> NotificationPerson:
    """At registration: link the notification to the person it is about (role at_risk).

    With a CPR number the notification joins the person with that number (automatically: a CPR
    number is one person). Without one a new person is created from the name, birth date and
    address as given, even when all are empty; matches are then proposed to staff
    (selectors.possible_matches) and never made automatically.
    """
    now = timezone.now()
    fields = {
        "name": notification.person_name,
        "birth_date": notification.person_birth_date,
        "address": notification.person_address,
        "age_year": birth_year(
            None, notification.person_age, timezone.localdate(notification.received_at)
        ),
    }
    if notification.person_cpr:
        person, created = _person_for_cpr(notification.person_cpr, now=now, **fields)
    else:
        person, created = _new_person(now=now, **fields), True
    link = NotificationPerson(
        notification=notification, person=person, role=Role.AT_RISK, linked_at=now, linked_by=by
    )
    insert([link])
    if created:
        text = _("Knyttet til person %s (ny person).") % person.label
    else:
        text = _("Knyttet til person %s (samme CPR-nummer som en tidligere underretning).") % (
            person.label
        )
    # The registration's own case: its journal takes the note whoever registered it.
    journal.append(JournalEntry(case=case, at=now, author=by, kind=JournalKind.NOTE, text=text))
    # The notification's audit subjects now include the person's; a new person's own subjects
    # are its keys and this notification's reference (its only one), known without a query.
    subjects |= notification.audit_subjects(linked=[link])
    record(
        "person.link",
        request=request,
        actor=by,
        obj=person,
        subjects_of_obj=(
            person.audit_subjects(with_notifications=False) | {notification.reference}
            if created
            else None
        ),
        person_key=notification.reference,
        detail={"notification": notification.pk, "role": link.role, "new_person": created},
    )
    return link


# -- Related persons (siblings, children in the household) -----------------------------------


@transaction.atomic
def add_related_person(
    notification, *, role, by, name="", birth_date=None, address="", cpr="", request=None
) -> NotificationPerson:
    """Staff add a sibling or a child in the household to a notification.

    With a CPR number already known the link goes to that person, but the person pages show
    them only as the notifications the employee may see describe them: what was typed here.
    """
    if role not in Role.values or role == Role.AT_RISK:
        raise PersonRuleError(_("Vælg personens rolle i familien."))
    now = timezone.now()
    if cpr:
        number = cpr_numbers.normalise(cpr)
        birth_date = cpr_numbers.birth_date(number)
        person, created = _person_for_cpr(
            number, name=name, birth_date=birth_date, address=address, now=now
        )
    else:
        if not (name.strip() or birth_date):
            raise PersonRuleError(_("Skriv mindst personens navn eller fødselsdato."))
        number = ""
        person, created = _new_person(name=name, birth_date=birth_date, address=address), True
    if NotificationPerson.objects.filter(notification=notification, person=person).exists():
        raise PersonRuleError(_("Personen er allerede knyttet til underretningen."))
    link = NotificationPerson.objects.create(
        notification=notification,
        person=person,
        role=role,
        linked_at=now,
        linked_by=by,
        name=name.strip(),
        birth_date=birth_date,
        address=address.strip(),
        cpr=number,
    )
    _journal_cases(
        [notification.case],
        _("%(role)s tilføjet: person %(person)s%(new)s.")
        % {
            "role": Role(role).label,
            "person": person.label,
            "new": _(" (ny person)") if created else "",
        },
        by=by,
        at=now,
    )
    record(
        "person.add_related",
        request=request,
        actor=by,
        obj=person,
        person_key=notification.reference,
        detail={"notification": notification.pk, "role": role, "new_person": created},
    )
    return link


# -- Merging, rejecting, splitting -----------------------------------------------------------


def _cases_of(person_ids) -> list[Case]:
    return list(
        Case.objects.filter(notification__person_links__person__in=person_ids)
        .select_related("notification")
        .distinct()
        .order_by("pk")
    )


def _group_cprs(person: Person) -> set[str]:
    cprs = Person.objects.filter(
        Q(pk=person.pk) | Q(merged_into=person), cpr__isnull=False
    ).values_list("cpr", flat=True)
    return {cpr for cpr in cprs if cpr is not None}


def _locked_roots(*persons) -> list[Person]:
    ids = [p.pk for p in persons]
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=ids)}
    result = [locked[pk] for pk in ids]
    for person in result:
        if person.merged_into_id:
            raise PersonRuleError(
                _("Person %(p)s er allerede lagt sammen med %(t)s.")
                % {"p": person.label, "t": Person.objects.get(pk=person.merged_into_id).label}
            )
    return result


def ordered_pair(a: Person, b: Person) -> tuple[Person, Person]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def confirm_match(person: Person, other: Person, *, by, request=None) -> MergeRecord:
    """Staff confirm that two persons the system proposes are one: the newer is merged into
    the older."""
    if person.pk == other.pk:
        raise PersonRuleError(_("En person kan ikke lægges sammen med sig selv."))
    person, other = _locked_roots(person, other)
    if not is_proposed(person, other):
        raise PersonRuleError(
            _("Kun personer, som systemet foreslår som samme person, kan lægges sammen.")
        )
    target, source = sorted([person, other], key=lambda p: (p.created_at, p.pk))
    cprs_target, cprs_source = _group_cprs(target), _group_cprs(source)
    if cprs_target and cprs_source and cprs_target != cprs_source:
        raise PersonRuleError(
            _("Personerne har forskellige CPR-numre og er derfor ikke samme person.")
        )
    shared = NotificationPerson.objects.filter(
        person=source,
        notification__in=NotificationPerson.objects.filter(person=target).values("notification"),
    )
    if shared.exists():
        raise PersonRuleError(
            _("Personerne står i samme underretning og er derfor ikke samme person.")
        )
    now = timezone.now()
    link_ids = sorted(NotificationPerson.objects.filter(person=source).values_list("pk", flat=True))
    person_ids = sorted(Person.objects.filter(merged_into=source).values_list("pk", flat=True))
    NotificationPerson.objects.filter(pk__in=link_ids).update(person=target)
    Person.objects.filter(pk__in=person_ids).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    merge = MergeRecord.objects.create(
        source=source,
        target=target,
        moved_link_ids=link_ids,
        moved_person_ids=person_ids,
        by=by,
        at=now,
    )
    _journal_cases(
        _cases_of([target.pk]),
        _("Person %(source)s er lagt sammen med person %(target)s (samme person).")
        % {"source": source.label, "target": target.label},
        by=by,
        at=now,
    )
    _record_each(
        "person.merge",
        [target, source],
        request=request,
        by=by,
        detail={
            "merge": merge.pk,
            "source": source.reference,
            "target": target.reference,
            "links": link_ids,
        },
    )
    return merge


@transaction.atomic
def reject_match(person: Person, other: Person, *, by, request=None) -> RejectedMatch:
    """Staff judge two persons to be different people: the pair is never proposed again."""
    if person.pk == other.pk:
        raise PersonRuleError(_("En person kan ikke afvises som match med sig selv."))
    a, b = ordered_pair(person, other)
    rejected = RejectedMatch.objects.filter(person_a=a, person_b=b).first()
    if rejected is not None:
        return rejected
    if not is_proposed(person, other):
        raise PersonRuleError(_("Personerne er ikke foreslået som samme person."))
    rejected = RejectedMatch.objects.create(
        person_a=a, person_b=b, rejected_by=by, rejected_at=timezone.now()
    )
    _record_each(
        "person.reject_match",
        [person, other],
        request=request,
        by=by,
        detail={"person_a": a.reference, "person_b": b.reference},
    )
    return rejected


@transaction.atomic
def undo_merge(merge: MergeRecord, *, by, request=None) -> MergeRecord:
    """Put every link and merged person back where the merge found them. The merge record and
    the merge's audit events stay; the undo is recorded beside them."""
    merge = MergeRecord.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise PersonRuleError(_("Sammenlægningen er allerede fortrudt."))
    source, target = (
        Person.objects.select_for_update().get(pk=merge.source_id),
        Person.objects.select_for_update().get(pk=merge.target_id),
    )
    if source.merged_into_id != target.pk or target.merged_into_id is not None:
        raise PersonRuleError(
            _("Personen er lagt sammen igen siden. Fortryd den seneste sammenlægning først.")
        )
    still_there = NotificationPerson.objects.filter(pk__in=merge.moved_link_ids, person=target)
    if still_there.count() != len(merge.moved_link_ids):
        raise PersonRuleError(
            _("Underretningerne er opdelt siden. Læg dem sammen igen, før du fortryder.")
        )
    now = timezone.now()
    cases = _cases_of([target.pk])
    still_there.update(person=source)
    Person.objects.filter(pk__in=merge.moved_person_ids, merged_into=target).update(
        merged_into=source
    )
    source.merged_into = None
    source.save(update_fields=["merged_into"])
    merge.undone_at, merge.undone_by = now, by
    merge.save(update_fields=["undone_at", "undone_by"])
    _journal_cases(
        cases,
        _("Sammenlægningen af person %(source)s med person %(target)s er fortrudt.")
        % {"source": source.label, "target": target.label},
        by=by,
        at=now,
    )
    _record_each(
        "person.merge_undo",
        [target, source],
        request=request,
        by=by,
        detail={"merge": merge.pk, "source": source.reference, "target": target.reference},
    )
    return merge


@transaction.atomic
def split(person: Person, notification_ids, *, by, request=None) -> Person:
    """Move the given notifications' links to a new person: they were about someone else.

    The new person is recorded as split off (`split_from`), so the person page offers to lay
    them together again, which moves exactly these links back; and the pair is not proposed
    as a match again.
    """
    (person,) = _locked_roots(person)
    links = list(
        NotificationPerson.objects.filter(person=person, notification__in=notification_ids)
        .select_related("notification")
        .order_by("notification__received_at", "pk")
    )
    if not links:
        raise PersonRuleError(_("Vælg de underretninger, der handler om en anden person."))
    if len(links) == NotificationPerson.objects.filter(person=person).count():
        raise PersonRuleError(_("Lad mindst én underretning blive på personen."))
    now = timezone.now()
    first = links[0]
    # The person as this notification described them (not as the others did).
    name, birth_date, address, _cpr = first.described()
    age_year = None
    if first.role == Role.AT_RISK:
        told = first.notification
        age_year = birth_year(None, told.person_age, timezone.localdate(told.received_at))
    new = _new_person(
        name=name,
        birth_date=birth_date,
        address=address,
        now=now,
        age_year=age_year,
        split_from=person,
    )
    NotificationPerson.objects.filter(pk__in=[link.pk for link in links]).update(person=new)
    a, b = ordered_pair(person, new)
    RejectedMatch.objects.create(person_a=a, person_b=b, rejected_by=by, rejected_at=now)
    _journal_cases(
        _cases_of([person.pk, new.pk]),
        _(
            "Person %(person)s er opdelt: %(count)d underretning(er) er flyttet til ny person "
            "%(new)s."
        )
        % {"person": person.label, "count": len(links), "new": new.label},
        by=by,
        at=now,
    )
    _record_each(
        "person.split",
        [person, new],
        request=request,
        by=by,
        detail={
            "person": person.reference,
            "new_person": new.reference,
            "links": [lk.pk for lk in links],
        },
    )
    return new


# -- Retention ---------------------------------------------------------------------------------


@transaction.atomic
def forget_notification(notification) -> int:
    """For the retention job: unlink an anonymised notification and delete the persons left
    with no notifications (their names and numbers are personal data too). Returns how many
    persons were deleted."""
    ids = list(notification.person_links.values_list("person_id", flat=True))
    notification.person_links.all().delete()
    deleted = 0
    for person in Person.objects.filter(pk__in=ids):
        members = group_ids(person)
        if NotificationPerson.objects.filter(person__in=members).exists():
            continue
        RejectedMatch.objects.filter(Q(person_a__in=members) | Q(person_b__in=members)).delete()
        MergeRecord.objects.filter(Q(source__in=members) | Q(target__in=members)).delete()
        Person.objects.filter(merged_into=person).delete()
        person.delete()
        deleted += len(members)
    return deleted
