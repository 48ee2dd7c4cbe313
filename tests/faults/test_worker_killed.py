"""The worker is killed (kill -9) while it is sending a receipt: a new worker sends it, and the
notifier gets it exactly once.

The first worker dies after DATA and before the mail server's "250": the message was not
accepted. Its hold on the message (the outbox's lease, five minutes in
beredskab/outbox/services.py) is shortened here to one second through
BEREDSKAB_TEST_OUTBOX_LEASE_SECONDS (tests/faults/outbox_tool.py), then the sweep hands the
message to the new worker.
"""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

from bench.liveserver import ROOT, prepared_database, scratch_database
from tests.faults.smtp_server import SMTPServer

WAIT = 60


def tool(env, command, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "tests.faults.outbox_tool", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
        **kwargs,
    )


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.outbox_tool", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def status(env):
    return json.loads(tool(env, "status").stdout)


def poll(env, predicate, what):
    """Ask the database again (a new process each time) until `predicate` holds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        current = status(env)
        if predicate(current):
            return current
        time.sleep(0.2)
    raise AssertionError(f"waited {WAIT} s for {what}; last: {current}")


def test_killed_worker_the_message_is_sent_exactly_once():
    smtp = SMTPServer()
    with smtp as mailbox, scratch_database("", f"outbox_{os.getpid()}") as url:
        env = prepared_database(
            url,
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=smtp.port,
            BEREDSKAB_TEST_OUTBOX_LEASE_SECONDS="1",
        )
        mailbox.hold.set()  # the server keeps the message waiting before it accepts it
        first = start_worker(env)
        second = None
        try:
            tool(env, "register")
            assert mailbox.data_received.wait(WAIT), "the worker never sent the message"

            os.kill(first.pid, signal.SIGKILL)
            first.wait(WAIT)
            assert mailbox.wait_for_drop(WAIT)
            assert mailbox.accepted == []
            mailbox.hold.clear()
            held = status(env)
            assert (held["status"], held["attempts"]) == ("pending", 1)

            second = start_worker(env)
            poll(
                env,
                lambda s: (
                    s["locked_until"] is None
                    or dt.datetime.fromisoformat(s["locked_until"]) < dt.datetime.now(dt.UTC)
                ),
                "the dead worker's lease to run out",
            )
            tool(env, "sweep")  # hands the message whose worker died to a worker again

            assert mailbox.wait_for(1, WAIT)
            after = poll(env, lambda s: s["status"] == "sent", "the message to be marked sent")
            tool(env, "sweep")  # nothing is left to retry
        finally:
            for worker in (first, second):
                if worker and worker.poll() is None:
                    worker.terminate()
                    worker.wait(WAIT)

    assert len(mailbox.accepted) == 1
    assert mailbox.dropped == 1
    assert mailbox.accepted[0]["Message-ID"] == after["message_id"]
    assert after["attempts"] == 2
    assert after["receipt_sent"] and after["receipt_met"]
