"""beredskab.db: rows inserted from a statement built once read back as the ORM saved them."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.db import Reader, insert
from beredskab.intake.models import Attachment
from beredskab.persons.models import Person

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=dt.UTC)  # the night summer time begins


def concrete_values(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_every_kind_of_value_reads_back_as_it_was_given():
    events = [
        AuditEvent(at=AT, action="test.one", detail={"æøå": ["Ærø", 1, None], "n": 1.5}),
        AuditEvent(at=AT + dt.timedelta(days=1), action="test.two", actor_id=7, ip="::1"),
    ]
    insert(events)
    person = Person(name="Åse Ørsted", birth_date=dt.date(2010, 2, 28), created_at=AT, cpr=None)
    insert([person])

    for obj in [*events, person]:
        assert obj.pk is not None
        assert not obj._state.adding
        assert concrete_values(type(obj).objects.get(pk=obj.pk)) == concrete_values(obj)
    assert events[0].pk != events[1].pk
    assert person.reference  # the field's default, made when the instance was


def test_one_statement_for_all_rows_of_one_model(django_assert_num_queries):
    event = AuditEvent(at=AT, action="test.subjects")
    insert([event])
    subjects = [AuditSubject(event=event, key=f"U-{n}", at=AT) for n in range(3)]
    with django_assert_num_queries(1):
        insert(subjects)
    assert sorted(event.subjects.values_list("key", flat=True)) == ["U-0", "U-1", "U-2"]


def test_a_statement_is_built_once_and_used_again():
    from django.db import connection

    insert([AuditEvent(at=AT, action="test.first")])
    with CaptureQueriesContext(connection) as first:
        insert([AuditEvent(at=AT, action="test.second")])
    with CaptureQueriesContext(connection) as second:
        insert([AuditEvent(at=AT, action="test.third")])
    assert first[0]["sql"].split("VALUES")[0] == second[0]["sql"].split("VALUES")[0]


def test_a_constraint_fails_the_callers_transaction_as_save_would():
    event = AuditEvent(at=AT, action="test.twice")
    insert([event])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert(
            [
                AuditSubject(event=event, key="U-1", at=AT),
                AuditSubject(event=event, key="U-1", at=AT),
            ]
        )
    assert not AuditSubject.objects.filter(event=event).exists()


def test_it_refuses_what_it_cannot_write_as_save_would():
    event = AuditEvent(at=AT, action="test.mixed")
    with pytest.raises(TypeError):
        insert([event, Person(created_at=AT)])
    insert([event])
    with pytest.raises(TypeError):
        insert([AuditEvent(at=AT, action="test.again"), event])  # one already saved
    with pytest.raises(TypeError, match="file field"):
        insert([Attachment()])
    insert([])  # nothing to write: no statement


def test_a_reader_gives_instances_with_the_orms_types():
    from django.db import connection

    event = AuditEvent(at=timezone.now(), action="test.read", detail={"a": [1, 2]})
    insert([event])
    reader = Reader(AuditEvent, "e")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(reader.select)} FROM {quote(AuditEvent._meta.db_table)} e "  # noqa: S608
            f"WHERE e.{quote('id')} = %s",
            [event.pk],
        )
        read = reader(cursor.fetchone())
    assert isinstance(read, AuditEvent)
    assert concrete_values(read) == concrete_values(event)
    assert read.at.tzinfo is not None  # SQLite gives text; the converters make it a time again
