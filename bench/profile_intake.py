"""Where one registration's time goes: the citizen form (GET, POST) and the API, in-process through
the whole middleware stack on a fresh PostgreSQL database with Allerød's plan and 10^4
notifications of scale data (docs/benchmarks.md, "One registration, profiled").

    .venv/bin/python bench/profile_intake.py      (PROFILE_RUNS=30, BENCH_POSTGRES=postgres://...)

Prints per step the median time, the queries and the database's share, the statements of one
POST, and cProfile's heaviest functions for ten registrations of each kind.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.liveserver import inprocess, manage, prepared_database, scratch_database  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "beredskab_bench") + "_profile"


def main() -> None:
    with scratch_database(f"{SERVER}/postgres", DATABASE) as url:
        env = prepared_database(url)
        manage("generate_scale_data", "10000", "--force", env=env)
        prepared = inprocess(env, "prepare")
        result = inprocess(env, "intake", os.environ.get("PROFILE_RUNS", "30"), prepared["token"])
    profiles = result.pop("profiles")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    for name, text in profiles.items():
        print(f"\n===== cProfile: 10 registrations through the {name} =====\n{text}")


if __name__ == "__main__":
    main()
