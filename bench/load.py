"""A minute of mixed traffic against a real gunicorn (the long version of
tests/load/test_mixed_traffic.py): public pages, citizens submitting, Modtagelsen reading its
queue and cases, on a PostgreSQL database with 10^4 notifications of scale data.

    .venv/bin/python bench/load.py      (LOAD_SECONDS=60, LOAD_THREADS=8, LOAD_NOTIFICATIONS=10000)

Prints what was done, the latency of each kind of request, every error, and whether every
confirmed notification is in the database with its case, deadlines, journal and audit event.
Exits non-zero on any error or lost notification.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.liveserver import (  # noqa: E402
    Gunicorn,
    inprocess,
    manage,
    prepared_database,
    scratch_database,
)
from bench.traffic import mixed_traffic, percentile, run_threads  # noqa: E402

SECONDS = float(os.environ.get("LOAD_SECONDS", 60))
THREADS = int(os.environ.get("LOAD_THREADS", 8))
NOTIFICATIONS = int(os.environ.get("LOAD_NOTIFICATIONS", 10_000))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def main() -> int:
    with scratch_database(f"{SERVER}/postgres", "beredskab_bench_load") as url:
        env = prepared_database(url)
        manage("generate_scale_data", str(NOTIFICATIONS), "--force", env=env)
        prepared = inprocess(env, "prepare")
        before = inprocess(env, "integrity")
        with Gunicorn(env, workers=int(os.environ.get("BENCH_WORKERS", 4))) as server:
            tally = run_threads(
                THREADS,
                SECONDS,
                mixed_traffic(
                    server.port,
                    session_cookie=prepared["session"],
                    case_url="/medarbejder/sager/{}/",
                    known=[prepared["case_reference"]],
                ),
            )
        after = inprocess(env, "integrity")
    lost = sorted(set(tally.references) - set(after["references"]))
    half_saved = {k: v for k, v in after.items() if k.startswith("without_") and v}
    report = {
        "seconds": SECONDS,
        "threads": THREADS,
        "requests": sum(tally.statuses.values()),
        "statuses": {f"{name} {status}": n for (name, status), n in tally.statuses.items()},
        "latency_ms": {
            name: {
                "p50": round(percentile(values, 0.5) * 1000, 1),
                "p95": round(percentile(values, 0.95) * 1000, 1),
            }
            for name, values in tally.latencies.items()
        },
        "submitted": len(tally.references),
        "new_rows": after["notifications"] - before["notifications"],
        "lost": lost,
        "half_saved": half_saved,
        "audit_problems": after["audit_problems"],
        "errors": tally.errors[:20],
        "error_count": len(tally.errors),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    ok = (
        not tally.errors
        and not lost
        and not half_saved
        and not after["audit_problems"]
        and report["new_rows"] == report["submitted"]
    )
    print("OK: no errors, no lost notification" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
