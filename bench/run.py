"""make bench: the system at 10^4 and 10^6 notifications on PostgreSQL, through a real gunicorn.

Creates beredskab_bench_small and beredskab_bench_large on the PostgreSQL server at
BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432), migrates, loads Allerød's plan,
writes the scale data (manage.py generate_scale_data), measures, and drops both databases.
Results: bench/results/latest.json and latest.md (docs/benchmarks.md explains each figure).

    BENCH_LARGE=100000   a smaller "large" database for a quick run (default 1000000)
    BENCH_RUNS=5         runs per figure (the figure is their median, with min and max)
    BENCH_SECONDS=4      length of one throughput run
    BENCH_WORKERS=4      gunicorn workers; BENCH_THREADS=8 load-generating threads
    BENCH_KEEP=1         keep the databases afterwards (for a look with psql)
    BENCH_LOAD_SECONDS=20  mixed traffic per size; BENCH_AUDIT_COST=0 skips the audit-cost figure
    BENCH_SMALL=10000    the small database (a smoke test of the runner: BENCH_SMALL=300)
    BENCH_DATABASE=name  the databases' names begin with this (default beredskab_bench)

`bench/run.py --render` writes latest.md again from latest.json.
"""

import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.audit_cost import markdown as audit_cost_markdown  # noqa: E402
from bench.audit_cost import measure_audit_cost  # noqa: E402
from bench.liveserver import Gunicorn, inprocess, manage, production_env  # noqa: E402
from bench.traffic import (  # noqa: E402
    Client,
    percentile,
    register_via_api,
    run_threads,
    submit_citizen_form,
)

SMALL = int(os.environ.get("BENCH_SMALL", 10_000))
LARGE = int(os.environ.get("BENCH_LARGE", 1_000_000))
RUNS = int(os.environ.get("BENCH_RUNS", 5))
SECONDS = float(os.environ.get("BENCH_SECONDS", 4))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
THREADS = int(os.environ.get("BENCH_THREADS", 8))
REQUESTS_PER_RUN = 20
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "beredskab_bench")
RESULTS = ROOT / "bench" / "results"
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", 20))
TARGETS = {
    "intake_ratio_form": ">= 0.1",
    "intake_ratio_api": ">= 0.15",
    "public_load_p50_ratio": "<= 3",
    "page_p95_ratio": "<= 1.5",
    "growth_ratio": "< 100 for 100x data",
    "csv_peak_mib": "< 200",
    "queries": "the same at both sizes",
}


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def spread(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": values,
    }


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        # SHOW always answers one row; the driver's types allow none.
        postgres = connection.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(mem_kib / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "postgresql": postgres,
        "load_average_at_start": load_average(),
    }


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def latencies(servers: dict[str, dict]) -> dict[str, dict]:
    """Page latency on each server: RUNS runs of REQUESTS_PER_RUN sequential GETs per page, after
    three to warm up, the runs of the servers (10^4 and 10^6) and pages taking turns, so that
    the machine's other load falls on both sizes alike. `servers`: label -> {"port", "session",
    "pages": {name: path}}."""
    found: dict[str, dict] = {}
    for label, server in servers.items():
        client = Client(server["port"], session_cookie=server["session"])
        for path in server["pages"].values():
            for _ in range(3):
                client.get(path)
        found[label] = {
            name: {"path": path, "statuses": set(), "p50": [], "p95": []}
            for name, path in server["pages"].items()
        }
    for _ in range(RUNS):
        for label, server in servers.items():
            client = Client(server["port"], session_cookie=server["session"])
            for name, path in server["pages"].items():
                seconds = []
                for _ in range(REQUESTS_PER_RUN):
                    response = client.get(path)
                    found[label][name]["statuses"].add(response.status)
                    seconds.append(response.seconds)
                found[label][name]["p50"].append(percentile(seconds, 0.50) * 1000)
                found[label][name]["p95"].append(percentile(seconds, 0.95) * 1000)
    return {
        label: {
            name: {
                "path": page["path"],
                "statuses": sorted(page["statuses"]),
                "p50_ms": spread(page["p50"]),
                "p95_ms": spread(page["p95"]),
            }
            for name, page in pages.items()
        }
        for label, pages in found.items()
    }


def load_latencies(port: int, session: str, case_path: str) -> dict:
    """LOAD_SECONDS of mixed traffic from THREADS threads: per 20 actions 6 public pages, 5
    citizen submissions, 4 queue views, 3 case pages and 2 requests to the no-op view, whose
    latency under the same load is the yardstick. p50/p95 per kind and their ratio to the
    no-op's."""
    public = Client(port)
    staff = Client(port, session_cookie=session)
    plan = ["public"] * 6 + ["submit"] * 5 + ["queue"] * 4 + ["case"] * 3 + ["noop"] * 2

    def action(_, tally):
        what = random.choice(plan)  # noqa: S311 - a traffic mix, not a secret
        if what == "public":
            tally.add("public", public.get("/"))
        elif what == "noop":
            tally.add("noop", public.get("/bench/noop/"))
        elif what == "submit":
            reference, responses = submit_citizen_form(public)
            tally.add("form", responses[0])
            if len(responses) > 1:
                tally.add("submit", responses[1])
            if reference:
                tally.reference(reference)
        elif what == "queue":
            tally.add("queue", staff.get("/medarbejder/underretninger/"))
        else:
            tally.add("case", staff.get(case_path))

    run_threads(THREADS, 1, action)  # warm up every worker
    tally = run_threads(THREADS, LOAD_SECONDS, action)
    figures = {
        name: {
            "requests": len(values),
            "p50_ms": percentile(values, 0.50) * 1000,
            "p95_ms": percentile(values, 0.95) * 1000,
        }
        for name, values in tally.latencies.items()
    }
    noop = figures.get("noop")
    for figure in figures.values():
        if noop and noop["p50_ms"]:
            figure["p50_ratio"] = figure["p50_ms"] / noop["p50_ms"]
            figure["p95_ratio"] = figure["p95_ms"] / noop["p95_ms"]
    return {
        "seconds": LOAD_SECONDS,
        "threads": THREADS,
        "submitted": len(tally.references),
        "errors": tally.errors[:10],
        "error_count": len(tally.errors),
        "pages": figures,
    }


def throughput(port: int, token: str) -> dict:
    """Requests or accepted notifications per second with THREADS threads, RUNS runs each."""
    public = Client(port)
    api = Client(port, token=token)

    def noop(_, tally):
        tally.add("noop", public.get("/bench/noop/"))

    def form(_, tally):
        reference, responses = submit_citizen_form(public)
        for response in responses:
            tally.add("form", response)
        if reference:
            tally.reference(reference)

    def api_post(_, tally):
        received = dt.datetime.now(dt.UTC).isoformat()
        reference, response = register_via_api(api, received)
        tally.add("api", response, expected=(201,))
        if reference:
            tally.reference(reference)

    actions = {"noop": noop, "form": form, "api": api_post}
    rates: dict[str, list[float]] = {name: [] for name in actions}
    errors: dict[str, list[str]] = {name: [] for name in actions}
    for action in actions.values():
        run_threads(THREADS, 1, action)  # warm up every worker
    # The three take turns run by run, so that the machine's other load falls on all alike.
    for _ in range(RUNS):
        for name, action in actions.items():
            started = time.monotonic()
            tally = run_threads(THREADS, SECONDS, action)
            elapsed = time.monotonic() - started
            done = len(tally.references) if name != "noop" else len(tally.latencies["noop"])
            rates[name].append(done / elapsed)
            errors[name] += tally.errors
    result: dict[str, dict[str, Any]] = {
        name: {"per_second": spread(rates[name]), "errors": errors[name][:10]} for name in actions
    }
    noop_rate = result["noop"]["per_second"]["median"]
    for name in ("form", "api"):
        result[name]["ratio_to_noop"] = result[name]["per_second"]["median"] / noop_rate
    return result


def prepare(label: str, n: int) -> dict:
    """A database of n notifications, measured in-process: what the servers need, and the
    figures that need no server."""
    database = f"{DATABASE}_{label}"
    admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    admin(f"CREATE DATABASE {database}")
    out = {"notifications": n, "database": database}
    env = production_env(f"{SERVER}/{database}")
    log(f"{label}: migrate, load the plan")
    manage("migrate", "--no-input", env=env)
    manage("createcachetable", env=env)
    manage("load_plan", "plans/allerod.yaml", env=env)
    log(f"{label}: generate_scale_data {n}")
    started = time.monotonic()
    generated = manage("generate_scale_data", str(n), "--force", env=env, timeout=7200)
    out["generate_seconds"] = time.monotonic() - started
    out["generate_output"] = generated.stdout.strip().splitlines()
    # Write the bulk load's dirty pages out now, not during the measurements.
    admin("CHECKPOINT")
    out["load_average_before_measuring"] = load_average()
    prepared = inprocess(env, "prepare")
    out["prepared"] = {k: v for k, v in prepared.items() if k not in ("session", "token")}
    log(f"{label}: queries per page, sweep")
    out["queries"] = inprocess(
        env, "queries", prepared["session"], prepared["case_reference"], prepared["open_reference"]
    )
    out["sweep"] = inprocess(env, "sweep", RUNS)
    log(f"{label}: proposed matches for new notifications")
    out["proposals"] = inprocess(env, "proposals", RUNS)
    case_path = (
        f"/medarbejder/sager/{prepared['case_reference']}/"
        if prepared["case_page"]
        else f"/medarbejder/underretninger/{prepared['open_reference']}/"
    )
    pages = {
        "noop": "/bench/noop/",
        "public": "/",
        "queue": "/medarbejder/underretninger/",
        "case": case_path,
        # Mit arbejde, as the benchmark's user (Modtagelsen and leader) sees it: the team's load.
        "home": "/medarbejder/",
    }
    if prepared["stats_page"]:
        pages["stats"] = "/medarbejder/statistik/"
    return {
        "out": out,
        "env": env,
        "session": prepared["session"],
        "token": prepared["token"],
        "case_path": case_path,
        "pages": pages,
    }


def through_servers(sizes: dict[str, dict]) -> None:
    """Page latencies (both sizes' servers up at once, their runs taking turns), then per size
    the intake throughput and a run of mixed traffic."""
    with contextlib.ExitStack() as stack:
        servers = {
            label: stack.enter_context(Gunicorn(size["env"], workers=WORKERS))
            for label, size in sizes.items()
        }
        log("page latency through gunicorn, the sizes taking turns")
        found = latencies(
            {
                label: {
                    "port": servers[label].port,
                    "session": size["session"],
                    "pages": size["pages"],
                }
                for label, size in sizes.items()
            }
        )
        for label, size in sizes.items():
            size["out"]["pages"] = found[label]
        for label, size in sizes.items():
            log(f"{label}: intake throughput")
            size["out"]["throughput"] = throughput(servers[label].port, size["token"])
            log(f"{label}: {LOAD_SECONDS:.0f} s of mixed traffic")
            size["out"]["load"] = load_latencies(
                servers[label].port, size["session"], size["case_path"]
            )


def after_servers(label: str, size: dict) -> None:
    out = size["out"]
    if os.environ.get("BENCH_AUDIT_COST") != "0":
        log(f"{label}: what auditing a case-page read costs ({THREADS} readers)")
        out["audit_cost"] = measure_audit_cost(size["env"], size["session"], size["case_path"])
    log(f"{label}: CSV export memory")
    out["csv"] = inprocess(size["env"], "csv", size["session"])
    out["load_average_after"] = load_average()


def ratio(large: float | None, small: float | None) -> float | None:
    return large / small if large is not None and small else None


def verdicts(small: dict, large: dict) -> dict:
    def p95(size, page):
        return size["pages"].get(page, {}).get("p95_ms", {}).get("median")

    found = {}
    for name, least in (("form", 0.1), ("api", 0.15)):
        value = small["throughput"][name]["ratio_to_noop"]
        found[f"intake_ratio_{name}"] = {"value": value, "met": value >= least}
    public = small.get("load", {}).get("pages", {}).get("public", {})
    if "p50_ratio" in public:
        value = public["p50_ratio"]
        found["public_load_p50_ratio"] = {"value": value, "met": value <= 3}
    for page in ("queue", "case", "home"):
        value = ratio(p95(large, page), p95(small, page))
        if value is not None:
            found[f"{page}_p95_ratio"] = {"value": value, "met": value <= 1.5}
    if "proposals" in small and "proposals" in large:
        value = ratio(
            statistics.median(large["proposals"]["p95_ms"]),
            statistics.median(small["proposals"]["p95_ms"]),
        )
        found["proposals_p95_ratio"] = {
            "value": value,
            "met": value is not None and value <= 1.5,
            "persons": [small["proposals"]["persons"], large["proposals"]["persons"]],
        }
    scale = large["notifications"] / small["notifications"]
    value = ratio(large["sweep"]["median"], small["sweep"]["median"])
    found["sweep_time_ratio"] = {"value": value, "met": value < scale, "data_ratio": scale}
    if "stats" in large["pages"]:
        value = ratio(
            large["pages"]["stats"]["p50_ms"]["median"], small["pages"]["stats"]["p50_ms"]["median"]
        )
        found["stats_time_ratio"] = {"value": value, "met": value < scale, "data_ratio": scale}
    if "peak_rss_mib" in large["csv"]:
        value = large["csv"]["peak_rss_mib"]
        found["csv_peak_mib"] = {"value": value, "met": value < 200}
    same = {
        page: (small["queries"][page]["queries"], large["queries"].get(page, {}).get("queries"))
        for page in small["queries"]
    }
    found["queries_constant"] = {
        "value": same,
        "met": all(a == b for a, b in same.values()),
    }
    return found


def markdown(results: dict) -> str:
    m, small, large = results["machine"], results["small"], results["large"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['date']} in {results['total_seconds'] / 60:.1f} minutes (`make bench`, "
        f"BENCH_LARGE={large['notifications']}, {results['settings']['runs']} runs per figure: "
        "median, min–max).",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Python "
        f"{m['python']}, PostgreSQL {m['postgresql']}; load average {m['load_average_at_start']} "
        f"at the start (other work on the machine shows up as noise).",
        "",
        "## Targets",
        "",
        "| figure | value | target | met |",
        "|---|---|---|---|",
    ]
    for name, verdict in results["verdicts"].items():
        value = verdict["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        target = {
            "intake_ratio_form": TARGETS["intake_ratio_form"],
            "intake_ratio_api": TARGETS["intake_ratio_api"],
            "public_load_p50_ratio": TARGETS["public_load_p50_ratio"],
            "csv_peak_mib": TARGETS["csv_peak_mib"],
            "queries_constant": TARGETS["queries"],
        }.get(name, TARGETS["growth_ratio"] if "time" in name else TARGETS["page_p95_ratio"])
        lines.append(f"| {name} | {shown} | {target} | {'yes' if verdict['met'] else '**no**'} |")
    for note in results["notes"]:
        lines += ["", f"- {note}"]

    def row(label, values, unit="ms"):
        def fmt(key):
            spread_ = values.get(key)
            if not spread_:
                return "–"
            return f"{spread_['median']:.1f} ({spread_['min']:.1f}–{spread_['max']:.1f})"

        return f"| {label} | {fmt('small')} | {fmt('large')} | {unit} |"

    lines += [
        "",
        "## Figures",
        "",
        f"| figure | {small['notifications']:,} | {large['notifications']:,} | unit |",
        "|---|---|---|---|",
        f"| generate_scale_data | {small['generate_seconds']:.0f} | "
        f"{large['generate_seconds']:.0f} | s |",
    ]
    for page in ("noop", "public", "queue", "case", "home", "stats"):
        if page in small["pages"]:
            for q in ("p50_ms", "p95_ms"):
                lines.append(
                    row(
                        f"{page} page {q[:3]}",
                        {"small": small["pages"][page][q], "large": large["pages"][page][q]},
                    )
                )
    if "proposals" in small and "proposals" in large:
        for q in ("p50_ms", "p95_ms"):
            lines.append(
                row(
                    f"proposals {q[:3]} ({small['proposals']['persons']:,} / "
                    f"{large['proposals']['persons']:,} persons)",
                    {
                        "small": spread(small["proposals"][q]),
                        "large": spread(large["proposals"][q]),
                    },
                )
            )
    sweep = {"small": spread(small["sweep"]["seconds"]), "large": spread(large["sweep"]["seconds"])}
    sweep = {k: {x: y * 1000 if x != "runs" else y for x, y in v.items()} for k, v in sweep.items()}
    lines.append(row("sweep_deadlines", sweep))
    for name, unit in (
        ("noop", "requests/s"),
        ("form", "notifications/s"),
        ("api", "notifications/s"),
    ):
        lines.append(
            row(
                f"throughput {name}",
                {
                    "small": small["throughput"][name]["per_second"],
                    "large": large["throughput"][name]["per_second"],
                },
                unit,
            )
        )
    for name in ("form", "api"):
        lines.append(
            f"| intake ratio {name} / noop | {small['throughput'][name]['ratio_to_noop']:.3f} | "
            f"{large['throughput'][name]['ratio_to_noop']:.3f} | ratio |"
        )
    csv = large["csv"]
    lines.append(
        f"| CSV export peak RSS | {small['csv'].get('peak_rss_mib', '–')} | "
        f"{csv.get('peak_rss_mib', csv.get('skipped', '–'))} | MiB |"
    )
    costs = [(f"{size['notifications']:,}", size.get("audit_cost")) for size in (small, large)]
    if all(cost for _, cost in costs):
        lines += ["", *audit_cost_markdown(costs)]
    lines += load_markdown(small, large)
    lines += ["", "## Queries per page", "", "| page | small | large | rows shown (small/large) |"]
    lines.append("|---|---|---|---|")
    for page, figures in small["queries"].items():
        other = large["queries"].get(page, {})
        lines.append(
            f"| {page} | {figures['queries']} | {other.get('queries', '–')} | "
            f"{figures['rows']}/{other.get('rows', '–')} |"
        )
    return "\n".join(lines) + "\n"


def load_markdown(small: dict, large: dict) -> list[str]:
    """The mixed-traffic runs: latency per kind of request and its ratio to the no-op's."""
    if "load" not in small:
        return []
    lines = [
        "",
        f"## Under load ({small['load']['threads']} threads, {small['load']['seconds']:.0f} s "
        "of mixed traffic per size)",
        "",
        "| request | size | requests | p50 ms | p95 ms | p50 / noop p50 | p95 / noop p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in ("noop", "public", "form", "submit", "queue", "case"):
        for size in (small, large):
            figure = size.get("load", {}).get("pages", {}).get(name)
            if figure is None:
                continue
            lines.append(
                f"| {name} | {size['notifications']:,} | {figure['requests']} | "
                f"{figure['p50_ms']:.1f} | {figure['p95_ms']:.1f} | "
                f"{figure.get('p50_ratio', 0):.2f} | {figure.get('p95_ratio', 0):.2f} |"
            )
    for size in (small, large):
        if size.get("load", {}).get("error_count"):
            lines.append(
                f"\n{size['load']['error_count']} errors at {size['notifications']:,}: "
                f"{size['load']['errors']}"
            )
    return lines


def main() -> None:
    started = time.monotonic()
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {"runs": RUNS, "seconds": SECONDS, "workers": WORKERS, "threads": THREADS},
        "targets": TARGETS,
    }
    log(f"machine: {results['machine']}")
    # No collectstatic (minutes of compressing vendor files): pages link to static files that
    # this server does not serve, which changes nothing for the pages measured.
    sizes: dict[str, dict] = {}
    try:
        sizes["small"] = prepare("small", SMALL)
        sizes["large"] = prepare("large", LARGE)
        through_servers(sizes)
        for label, size in sizes.items():
            after_servers(label, size)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            for label in ("small", "large"):
                admin(f"DROP DATABASE IF EXISTS {DATABASE}_{label} WITH (FORCE)")
    results["small"] = sizes["small"]["out"]
    results["large"] = sizes["large"]["out"]
    results["total_seconds"] = time.monotonic() - started
    results["verdicts"] = verdicts(results["small"], results["large"])
    notes = []
    if not results["small"]["prepared"]["stats_page"]:
        notes.append("The statistics page /medarbejder/statistik/ does not exist yet: skipped.")
    if "skipped" in results["large"]["csv"]:
        notes.append(f"CSV export: {results['large']['csv']['skipped']}; not measured.")
    if not results["small"]["prepared"]["case_page"]:
        notes.append("No case page yet: the notification detail page was measured instead.")
    results["notes"] = notes
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results))
    log(f"done in {results['total_seconds'] / 60:.1f} minutes: bench/results/latest.md")
    print((RESULTS / "latest.md").read_text())


def render() -> None:
    """Write latest.md again from latest.json (after a change to the report's layout)."""
    results = json.loads((RESULTS / "latest.json").read_text())
    results["verdicts"] = verdicts(results["small"], results["large"])
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results))


if __name__ == "__main__":
    if sys.argv[1:] == ["--render"]:
        render()
    else:
        main()
