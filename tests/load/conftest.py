"""A real server for load tests: gunicorn with production settings on a scratch database of its
own (on the test run's PostgreSQL server when DATABASE_URL names one, else a SQLite file)."""

import os

import pytest

from bench.liveserver import Gunicorn, inprocess, prepared_database, scratch_database


@pytest.fixture(scope="module")
def served():
    """(gunicorn, its environment, a signed-in session of a leader in Modtagelsen)."""
    name = f"beredskab_load_{os.getpid()}"
    with scratch_database(os.environ.get("DATABASE_URL", ""), name) as url:
        env = prepared_database(url)
        prepared = inprocess(env, "prepare")
        with Gunicorn(env, workers=3) as server:
            yield server, env, prepared["session"]
