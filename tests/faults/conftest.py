"""Fault tests: a database that stops, a mail server that is down, a worker killed mid-task.

Tests marked `slow` (longer variants) run only with BEREDSKAB_SLOW_TESTS=1; CI runs the fast
ones, which together take well under two minutes."""

import os

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a longer variant, run with BEREDSKAB_SLOW_TESTS=1")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("BEREDSKAB_SLOW_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="slow variant: set BEREDSKAB_SLOW_TESTS=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
