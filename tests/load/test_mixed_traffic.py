"""Mixed traffic against a real server: public pages, citizens submitting, Modtagelsen reading
its queue and cases, all at once. Nothing fails and no notification is lost.

The CI variant runs for BEREDSKAB_LOAD_SECONDS (default 12); bench/load.py runs it for a minute.
No timing is asserted: only that everything answered correctly and everything was saved."""

import os

from bench.liveserver import inprocess
from bench.traffic import mixed_traffic, run_threads

SECONDS = float(os.environ.get("BEREDSKAB_LOAD_SECONDS", "12"))


def test_mixed_traffic_has_no_errors_and_loses_no_notification(served):
    server, env, session = served
    before = inprocess(env, "integrity")

    tally = run_threads(
        6,
        SECONDS,
        mixed_traffic(
            server.port,
            session_cookie=session,
            case_url="/medarbejder/sager/{}/",
            known=[],
        ),
    )

    after = inprocess(env, "integrity")
    assert tally.errors == []
    assert {status for (_, status) in tally.statuses} == {200}
    assert {name for (name, _) in tally.statuses} >= {"public", "submit", "queue"}
    assert tally.references, "no submission got through"
    assert len(set(tally.references)) == len(tally.references)
    assert after["notifications"] - before["notifications"] == len(tally.references)
    assert set(tally.references) <= set(after["references"])
    half_saved = {k: v for k, v in after.items() if k.startswith("without_") and v}
    assert half_saved == {}
    assert after["audit_problems"] == []
