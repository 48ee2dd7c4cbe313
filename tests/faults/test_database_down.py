"""PostgreSQL stops while citizens are submitting: they get an error page (never a half-saved
notification), and the service comes back by itself when the database does."""

import contextlib
import threading

import pytest

from bench.liveserver import Gunicorn, inprocess, prepared_database
from bench.traffic import Client, submit_citizen_form
from tests.faults.throwaway_postgres import ThrowawayPostgres, unavailable_reason

WAIT = 90  # seconds at most for each thing awaited; nothing here waits for a fixed time


@contextlib.contextmanager
def throwaway_database():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = ThrowawayPostgres().init()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def one_outage():
    """Submissions before, during and after one outage: (environment, outcomes)."""
    with throwaway_database() as database:
        yield run_outage(database, outages=1)


class Submitter(threading.Thread):
    """Submits the citizen form again and again, recording each outcome, until stopped."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.client = Client(port, timeout=60)
        self.outcomes = []  # (phase, reference or None, status, body)
        self.phase = "up"
        self.changed = threading.Condition()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            phase = self.phase
            try:
                reference, responses = submit_citizen_form(self.client)
                outcome = (phase, reference, responses[-1].status, responses[-1].body)
            except OSError as exc:
                outcome = (phase, None, None, str(exc).encode())
            with self.changed:
                self.outcomes.append(outcome)
                self.changed.notify_all()

    def wait_for(self, phase, predicate, count):
        with self.changed:
            assert self.changed.wait_for(
                lambda: sum(1 for o in self.outcomes if o[0] == phase and predicate(o)) >= count,
                WAIT,
            ), f"waited {WAIT} s for {count} outcomes in phase {phase}: {self.outcomes[-3:]}"


def run_outage(database, outages):
    env = prepared_database(database.url)
    with Gunicorn(env, workers=2) as server:
        submitter = Submitter(server.port)
        submitter.start()
        try:
            submitter.wait_for("up", lambda o: o[1], 3)
            for number in range(outages):
                submitter.phase = f"down{number}"
                database.stop("immediate")
                submitter.wait_for(submitter.phase, lambda o: not o[1], 3)
                submitter.phase = f"back{number}"
                database.start()
                submitter.wait_for(submitter.phase, lambda o: o[1], 3)
        finally:
            submitter.stopping.set()
            submitter.join(WAIT)
    return env, submitter.outcomes


def check(env, outcomes):
    accepted = [reference for _, reference, _, _ in outcomes if reference]
    refused = [(status, body) for _, reference, status, body in outcomes if not reference]
    after = inprocess(env, "integrity")

    # Nothing half-saved: every notification has its case, concern, deadline, journal and audit.
    assert {k: v for k, v in after.items() if k.startswith("without_") and v} == {}
    assert after["audit_problems"] == []
    # Nothing that was confirmed is lost; an attempt that failed may or may not have been saved
    # (the database can go away after the commit, before the answer page).
    assert set(accepted) <= set(after["references"])
    assert len(accepted) <= after["notifications"] <= len(outcomes)
    # While it was down, an error page; no traceback or database detail leaks.
    assert refused
    for status, body in refused:
        assert status in (500, 503, None), status
        assert b"Traceback" not in body and b"psycopg" not in body and b"5432" not in body
    return refused


def test_database_stops_during_submissions_and_the_service_resumes(one_outage):
    env, outcomes = one_outage

    check(env, outcomes)


def test_the_error_page_is_friendly_and_in_danish(one_outage):
    refused = check(*one_outage)
    status, body = next((s, b) for s, b in refused if s is not None)
    page = body.decode()
    assert status == 503
    assert "prøv igen" in page.lower()
    assert "112" in page  # someone in danger is told to call, also when the form fails


@pytest.mark.slow
def test_three_outages_in_a_row():
    with throwaway_database() as database:
        env, outcomes = run_outage(database, outages=3)
        check(env, outcomes)
