"""The CSV exports: streamed, semicolon-separated UTF-8 for Danish Excel, small numbers
suppressed, and every export in the audit trail."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.stats import selectors
from tests.factories import make_staff

from .helpers import assessed, at, receipted, received

EXPORT = "/medarbejder/statistik/eksport.csv"
ROWS = "/medarbejder/statistik/notifikationer.csv"
PERIOD = {"from": "2025-04-01", "to": "2025-06-30"}
CONFIRMED = {**PERIOD, "confirm": "on"}


def read(response):
    assert response.streaming is True
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # a byte order mark, for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_an_aggregate_export_suppresses_small_counts(leader):
    for day in range(1, 8):
        received(at(2025, 4, day), channel="email")
    for day in range(1, 4):
        received(at(2025, 4, day + 10), channel="phone")
    received(at(2025, 5, 2), channel="police")

    response = leader.get(EXPORT, {**PERIOD, "kind": "channel"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="statistik-channel-2025-04-01-2025-06-30.csv"'
    )
    rows = read(response)
    header = rows[0]
    assert header[0] == "Måned" and header[-1] == "I alt"
    april = dict(zip(header, rows[1], strict=True))
    assert april["Måned"] == "april 2025"
    assert april["E-mail"] == "x"  # hidden with the 3 phone calls, or 10 - 7 would give them
    assert april["Telefon"] == "<5"
    assert april["Brev"] == "0"
    may = dict(zip(header, rows[2], strict=True))
    assert may["Politiet"] == "<5"
    assert may["I alt"] == "<5"
    total = dict(zip(header, rows[-1], strict=True))
    assert total["Måned"] == "I alt"
    assert total["I alt"] == "11"
    # 11 - 10 would give May's 1 back: April's total is hidden with it.
    assert april["I alt"] == "x"
    assert total["E-mail"] == "x"  # the only e-mails are April's hidden 7
    # No count from 1 to 4 anywhere in the file.
    assert not [cell for row in rows[1:] for cell in row[1:] if cell in {"1", "2", "3", "4"}]


def test_the_deadline_export_hides_shares_from_few_cases(leader):
    for day in (1, 2, 3):
        receipted(assessed(received(at(2025, 4, day)), 2), 5)

    rows = read(leader.get(EXPORT, {**PERIOD, "kind": "deadlines"}))

    assert rows[0][-2:] == ["Andel overholdt (%)", "Median (timer)"]
    assessment = rows[1]
    assert assessment[0].startswith("Risikovurdering inden for 24 timer")
    assert assessment[1] == "<5"
    assert assessment[-2:] == ["–", "–"]


def test_every_export_is_audited(leader):
    leader.get(EXPORT, {**PERIOD, "kind": "concern"})
    leader.post(ROWS, CONFIRMED)

    events = AuditEvent.objects.filter(action="stats.export").order_by("id")
    assert [e.detail for e in events] == [
        {"kind": "concern", "from": "2025-04-01", "to": "2025-06-30"},
        {
            "kind": "notifications",
            "from": "2025-04-01",
            "to": "2025-06-30",
            "small_numbers": "not_suppressed",
        },
    ]
    assert {e.actor_id for e in events} == {leader.user.pk}


def test_an_unknown_table_is_refused(leader):
    response = leader.get(EXPORT, {**PERIOD, "kind": "names"})

    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="stats.export").exists()


def test_the_row_export_has_one_row_per_notification_and_nothing_identifying(leader):
    first = received(
        at(2025, 4, 3),
        concern_types=["stay_abroad", "social_control"],
        age_group="child",
        person_name="Aisha Testperson",
        description="Hun må ikke komme tilbage",
    )
    assessed(first, 3)
    anonymous = received(at(2025, 5, 3), notifier_kind="anonymous", channel="web_citizen")
    received(at(2025, 7, 1))  # after the period

    response = leader.post(ROWS, CONFIRMED)

    assert response["Content-Disposition"] == (
        'attachment; filename="underretninger-2025-04-01-2025-06-30.csv"'
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    for secret in (first.reference, anonymous.reference, "Aisha", "tilbage", "2025-04-03"):
        assert secret not in body
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows == [
        [
            "maaned",
            "bekymringer",
            "aldersgruppe",
            "kanal",
            "underretter",
            "risikovurderet_inden_for_frist",
            "kvitteret_inden_for_frist",
            "spor",
            "status",
        ],
        [
            "2025-04",
            "social_control|stay_abroad",
            "child",
            "phone",
            "professional",
            "ja",
            "nej",
            "child",
            "received",
        ],
        [
            "2025-05",
            "social_control",
            "adult",
            "web_citizen",
            "anonymous",
            "nej",
            "ikke relevant",
            "adult",
            "received",
        ],
    ]


def test_the_row_export_reads_rows_only_as_they_are_sent(leader):
    for day in (1, 2):
        received(at(2025, 4, day))

    response = leader.post(ROWS, CONFIRMED)
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as before_rows:
        header = next(chunks)
    rest = b"".join(chunks)

    assert header.startswith(b"\xef\xbb\xbfmaaned;")
    assert len(before_rows) == 0  # the header is written before the database is read
    assert rest.count(b"\r\n") == 2


@pytest.mark.parametrize("url", [EXPORT, ROWS])
def test_a_bad_date_is_refused(leader, url):
    response = leader.get(url, {"from": "31-02-2025", "kind": "age"})

    assert response.status_code == 400
    assert "Skriv datoen som dd-mm-åååå" in response.content.decode()


@pytest.mark.parametrize("role", sorted(set(roles.ROLES) - {roles.LEADER}))
def test_no_role_but_the_leader_gets_row_level_data(staff_client, allerod_plan, role):
    received(at(2025, 4, 1))
    client = staff_client(role)

    for response in (client.get(ROWS, PERIOD), client.post(ROWS, CONFIRMED)):
        assert response.status_code == 403
        assert not response.streaming
    assert not AuditEvent.objects.filter(action="stats.export").exists()


def test_a_link_alone_does_not_hand_out_the_rows(leader):
    received(at(2025, 4, 1))

    response = leader.get(ROWS, PERIOD)

    page = response.content.decode()
    assert response.status_code == 200
    assert not response.streaming
    assert "skjuler ikke små tal" in page
    assert 'name="confirm"' in page
    assert not AuditEvent.objects.filter(action="stats.export").exists()


def test_the_rows_need_the_warning_confirmed(leader):
    received(at(2025, 4, 1))

    response = leader.post(ROWS, PERIOD)

    assert response.status_code == 400
    assert not response.streaming
    assert "Bekræft, at du har læst advarslen" in response.content.decode()
    assert not AuditEvent.objects.filter(action="stats.export").exists()


def test_the_page_warns_that_the_row_export_is_not_suppressed(leader):
    page = leader.get("/medarbejder/statistik/", PERIOD).content.decode()

    assert "alert-warning" in page
    assert "skjuler ikke små tal" in page


@pytest.mark.parametrize(
    "period",
    [
        {"from": "0001-01-01", "to": "0001-06-30"},
        {"from": "9999-01-01", "to": "9999-12-31"},
    ],
)
@pytest.mark.parametrize("url", ["/medarbejder/statistik/", EXPORT, ROWS])
def test_a_period_outside_the_systems_years_is_a_clear_400(leader, url, period):
    response = leader.get(url, {**period, "kind": "age"})

    assert response.status_code == 400
    assert "Vælg en periode mellem år 2000 og" in response.content.decode()


@pytest.mark.parametrize("kind", list(selectors.TABLES))
def test_no_aggregate_export_lets_a_count_from_1_to_4_out(leader, kind):
    intake = make_staff("modtager", roles.INTAKE)
    cases = [
        received(at(2025, 4, day), channel="email", age_group="child").case for day in (1, 2, 3)
    ]
    received(at(2025, 5, 9), notifier_kind="anonymous")
    for case in cases:
        services.record_risk_assessment(
            case,
            answers={},
            serious_violence="low",
            acute_risk="low",
            acute_action_needed=False,
            justification="-",
            by=intake,
        )
    services.close_case(cases[0], reason="no_grounds", note="", by=intake)

    rows = read(leader.get(EXPORT, {**PERIOD, "kind": kind}))

    assert len(rows) > 1
    counts = [cell for row in rows[1:] for cell in row[1:]]
    assert not {"1", "2", "3", "4"} & set(counts), rows
