"""A sweep does each thing once: what is recorded is not found again, a second record of the same
thing is refused without doing it twice, and a thing that fails leaves no record behind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.once import not_recorded, record_once
from beredskab.press.models import PressInquiry, PressReminder
from tests.factories import make_staff
from tests.press.helpers import NOW, make_inquiry

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture
def inquiries(time_machine):
    time_machine.move_to(NOW, tick=False)
    press = make_staff("presse", roles.PRESS)
    return [make_inquiry(press), make_inquiry(press)]


def test_what_is_recorded_is_not_found_again(inquiries):
    first, second = inquiries
    PressReminder.objects.create(inquiry=first, threshold="before", sent_at=NOW)

    with CaptureQueriesContext(connection) as queries:
        before = list(
            not_recorded(
                PressInquiry.objects.all(), PressReminder.objects, to="inquiry", threshold="before"
            )
        )
    overdue = not_recorded(
        PressInquiry.objects.all(), PressReminder.objects, to="inquiry", threshold="overdue"
    )

    assert before == [second]
    assert set(overdue) == {first, second}  # another threshold is another thing
    assert len(queries) == 1 and "EXISTS" in queries[0]["sql"].upper()


def test_a_second_record_of_the_same_thing_does_nothing(inquiries):
    done = []

    first = record_once(
        PressReminder, then=done.append, inquiry=inquiries[0], threshold="before", sent_at=NOW
    )
    again = record_once(
        PressReminder, then=done.append, inquiry=inquiries[0], threshold="before", sent_at=NOW
    )

    assert (first, again) == (True, False)
    assert done == [PressReminder.objects.get()]


def test_a_thing_that_fails_leaves_no_record(inquiries):
    def fails(reminder):
        raise RuntimeError("the mail server is down")

    with pytest.raises(RuntimeError):
        record_once(
            PressReminder, then=fails, inquiry=inquiries[0], threshold="before", sent_at=NOW
        )

    assert not PressReminder.objects.exists()
    assert record_once(PressReminder, inquiry=inquiries[0], threshold="before", sent_at=NOW)
