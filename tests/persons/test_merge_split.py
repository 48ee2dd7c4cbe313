"""Merging and splitting persons is journaled, audited and reversible without loss."""

import datetime as dt

import pytest

from beredskab.audit.models import AuditEvent
from beredskab.persons import selectors, services
from beredskab.persons.models import NotificationPerson, Person
from tests.intake.helpers import make_notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

BORN = dt.date(2008, 3, 14)


def links():
    return sorted(
        NotificationPerson.objects.values_list("pk", "notification_id", "person_id", "role")
    )


def groups():
    return sorted(Person.objects.values_list("pk", "merged_into_id"))


def person_of(notification):
    return NotificationPerson.objects.get(notification=notification, role="at_risk").person


@pytest.fixture
def three(people):
    """Three records of one girl; the second has a sibling added."""
    a = make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN)
    b = make_notification(person_name="aisha oelgaard", person_birth_date=BORN)
    c = make_notification(person_name="Aisha Ølgaard", person_birth_date=BORN)
    services.add_related_person(b, role="sibling", name="Bror Ølgaard", by=people["intake"])
    return [person_of(n) for n in (a, b, c)]


def test_merge_then_undo_leaves_every_link_as_before(three, people):
    a, b, c = three
    before_links, before_groups = links(), groups()

    first = services.confirm_match(c, b, by=people["intake"])  # c into b (b is older)
    second = services.confirm_match(b, a, by=people["intake"])  # b, and with it c, into a
    assert NotificationPerson.objects.filter(person=a).count() == 3
    assert set(Person.objects.filter(merged_into=a)) == {b, c}  # merges stay one level deep
    with pytest.raises(services.PersonRuleError):
        services.undo_merge(first, by=people["intake"])  # the later merge must be undone first
    services.undo_merge(second, by=people["intake"])
    services.undo_merge(first, by=people["intake"])

    assert links() == before_links
    assert groups() == before_groups
    assert AuditEvent.objects.filter(action="person.merge_undo").count() == 4  # 2 persons each
    with pytest.raises(services.PersonRuleError):
        services.undo_merge(first, by=people["intake"])


def test_undo_is_journaled_on_every_affected_case(three, people):
    a, b, _c = three
    merge = services.confirm_match(b, a, by=people["intake"])

    services.undo_merge(merge, by=people["intake"])

    for person in (a, b):
        link = NotificationPerson.objects.get(person=person, role="at_risk")
        assert link.notification.case.journal.filter(
            text__contains=f"Sammenlægningen af person {b.label} med person {a.label} er fortrudt"
        ).exists()


def test_split_moves_the_chosen_notifications_and_laying_together_again_restores_them(
    three, people
):
    a, b, c = three
    services.confirm_match(b, a, by=people["intake"])
    services.confirm_match(c, a, by=people["intake"])
    merged_links = links()
    wrong = NotificationPerson.objects.get(person=a, notification__person_name="aisha oelgaard")

    new = services.split(a, [wrong.notification_id], by=people["intake"])

    assert list(NotificationPerson.objects.filter(person=new)) == [wrong]
    assert (new.name, new.split_from) == ("aisha oelgaard", a)
    assert selectors.possible_matches(new) == []  # split apart: not proposed again
    assert wrong.notification.case.journal.filter(text__contains=f"ny person {new.label}").exists()
    assert AuditEvent.objects.filter(action="person.split").exists()

    services.confirm_match(new, a, by=people["intake"])

    assert links() == merged_links


def test_split_keeps_at_least_one_notification(three, people):
    a, _b, _c = three
    only = NotificationPerson.objects.get(person=a)

    with pytest.raises(services.PersonRuleError):
        services.split(a, [only.notification_id], by=people["intake"])
    with pytest.raises(services.PersonRuleError):
        services.split(a, [], by=people["intake"])


def test_undo_is_refused_after_a_split_of_the_merged_links(three, people):
    a, b, _c = three
    merge = services.confirm_match(b, a, by=people["intake"])
    moved = NotificationPerson.objects.get(pk=merge.moved_link_ids[0])
    services.split(a, [moved.notification_id], by=people["intake"])

    with pytest.raises(services.PersonRuleError):
        services.undo_merge(merge, by=people["intake"])


def test_retention_forgets_a_person_left_without_notifications(three, people):
    a, b, c = three
    services.confirm_match(b, a, by=people["intake"])
    only_b = NotificationPerson.objects.get(person=a, notification__person_name="aisha oelgaard")
    sibling = NotificationPerson.objects.get(role="sibling").person

    assert services.forget_notification(only_b.notification) == 1  # the sibling: a keeps one
    assert not Person.objects.filter(pk=sibling.pk).exists()
    last = NotificationPerson.objects.get(person=a)
    assert services.forget_notification(last.notification) == 2  # a, and b merged into it
    assert set(Person.objects.all()) == {c}
