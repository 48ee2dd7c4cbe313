"""What auditing one case-page read costs, with 8 concurrent readers.

Two gunicorns serve the same database with the same settings, except that the second records no
audit event for a GET (BENCH_AUDIT_READS=0, a switch of bench/settings.py only). Threads read
the same case page from each in turn, run after run, so that other work on the machine falls on
both alike. The difference of the mean latencies is what one audited read costs; the events
written are counted to show that one server audited every read and the other none. Sealing the
events afterwards (`seal_audit`, not part of any request) is timed too.

    python bench/audit_cost.py     a fresh PostgreSQL database with BENCH_LARGE notifications
                                   (default 10000), measured and dropped

bench/run.py (`make bench`) calls measure_audit_cost() on both of its databases. Settings:
BENCH_RUNS, BENCH_SECONDS, BENCH_WORKERS, BENCH_THREADS as for bench/run.py, BENCH_POSTGRES.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
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
from bench.traffic import Client, percentile, run_threads  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 5))
SECONDS = float(os.environ.get("BENCH_SECONDS", 4))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
THREADS = int(os.environ.get("BENCH_THREADS", 8))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def _spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure_audit_cost(
    env: dict, session: str, path: str, *, runs=RUNS, seconds=SECONDS, threads=THREADS
) -> dict:
    """The case page at `path`, read by `threads` threads, from an auditing server and from one
    that records no reads; `session` is a signed-in staff session that may read the case."""
    servers = {"audited": env, "unaudited": {**env, "BENCH_AUDIT_READS": "0"}}
    series = ("per_second", "mean_ms", "p50_ms", "p95_ms", "events_per_read")
    figures: dict[str, dict[str, list[float]]] = {name: {k: [] for k in series} for name in servers}
    counted = dict.fromkeys(servers, 0)
    statuses = set()
    with (
        Gunicorn(servers["audited"], workers=WORKERS) as audited,
        Gunicorn(servers["unaudited"], workers=WORKERS) as unaudited,
    ):
        ports = {"audited": audited.port, "unaudited": unaudited.port}
        for port in ports.values():  # warm up every worker of both
            client = Client(port, session_cookie=session)
            # mypy cannot infer a lambda whose extra parameter has a default (binding `client`).
            run_threads(threads, 1, lambda _, tally, c=client: tally.add("case", c.get(path)))  # type: ignore[misc]
        for _ in range(runs):
            for name, port in ports.items():
                client = Client(port, session_cookie=session)
                before = inprocess(env, "audit")["events"]
                started = time.monotonic()
                tally = run_threads(
                    threads,
                    seconds,
                    lambda _, tally, c=client: tally.add("case", c.get(path)),  # type: ignore[misc]
                )
                elapsed = time.monotonic() - started
                written = inprocess(env, "audit")["events"] - before
                latencies = tally.latencies.get("case", [])
                statuses |= {status for (_, status) in tally.statuses}
                counted[name] += len(latencies)
                figures[name]["per_second"].append(len(latencies) / elapsed)
                figures[name]["mean_ms"].append(statistics.mean(latencies) * 1000)
                figures[name]["p50_ms"].append(percentile(latencies, 0.50) * 1000)
                figures[name]["p95_ms"].append(percentile(latencies, 0.95) * 1000)
                figures[name]["events_per_read"].append(written / len(latencies))
    result = {
        "path_kind": "case page",
        "threads": threads,
        "workers_per_server": WORKERS,
        "runs": runs,
        "seconds_per_run": seconds,
        "statuses": sorted(statuses),
        "reads": counted,
    }
    for name, values in figures.items():
        result[name] = {key: _spread(series) for key, series in values.items()}
    audited_ms = result["audited"]["mean_ms"]["median"]
    unaudited_ms = result["unaudited"]["mean_ms"]["median"]
    result["cost_ms_per_read"] = audited_ms - unaudited_ms
    result["cost_share"] = (audited_ms - unaudited_ms) / audited_ms if audited_ms else None
    result["throughput_ratio"] = (
        result["audited"]["per_second"]["median"] / result["unaudited"]["per_second"]["median"]
    )
    result["queries"] = inprocess(env, "audit_queries", session, path)
    result["sealing"] = inprocess(env, "seal")
    return result


def markdown(rows: list[tuple[str, dict]]) -> list[str]:
    """Lines for bench/results/latest.md: one row per database size."""
    lines = [
        "## Auditing a case-page read",
        "",
        f"The same case page from {rows[0][1]['threads']} concurrent readers, from a server that "
        "audits every read and "
        "from one that records none (bench/audit_cost.py): mean latency per read (median of the "
        "runs, min–max), reads per second, and what the audit costs per read. Sealing happens "
        "outside the requests (`seal_audit`).",
        "",
        "| notifications | audited ms | unaudited ms | cost ms/read | reads/s audited | reads/s "
        "unaudited | ratio | audit events per read | SQL statements per read | sealing events/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def ms(spread):
        return f"{spread['median']:.1f} ({spread['min']:.1f}–{spread['max']:.1f})"

    for label, cost in rows:
        lines.append(
            f"| {label} | {ms(cost['audited']['mean_ms'])} | {ms(cost['unaudited']['mean_ms'])} "
            f"| {cost['cost_ms_per_read']:.1f} | {cost['audited']['per_second']['median']:.0f} "
            f"| {cost['unaudited']['per_second']['median']:.0f} | {cost['throughput_ratio']:.2f} "
            f"| {cost['audited']['events_per_read']['median']:.2f} / "
            f"{cost['unaudited']['events_per_read']['median']:.2f} "
            f"| {cost['queries']['audited']} / {cost['queries']['unaudited']} "
            f"| {cost['sealing']['per_second']:.0f} |"
        )
    return lines


def main() -> None:
    n = int(os.environ.get("BENCH_LARGE", 10_000))
    with scratch_database(SERVER + "/postgres", "beredskab_bench_audit") as url:
        env = prepared_database(url)
        manage("generate_scale_data", str(n), "--force", env=env, timeout=7200)
        manage("seal_audit", env=env)
        prepared = inprocess(env, "prepare")
        path = f"/medarbejder/sager/{prepared['case_reference']}/"
        cost = measure_audit_cost(env, prepared["session"], path)
    print(json.dumps(cost, indent=2))
    print("\n".join(markdown([(f"{n:,}", cost)])))


if __name__ == "__main__":
    main()
