"""Settings for benchmarks and for the load and fault tests: the project's own settings (from the
environment, as in production) plus the benchmarks' app (generate_scale_data) and a no-op view
to compare against (bench/urls.py).

BENCH_STATIC_ROOT: where collectstatic put the static files (production-like, with the manifest).
BENCH_PLAIN_STATIC=1: no collectstatic at all (static files are not served; pages still render).
The DRF request throttle is off, as BEREDSKAB_RATE_LIMITS=0 turns off the form rate limits:
a benchmark measures the work, not the limit.
"""

import os
from pathlib import Path

from beredskab.settings import *  # noqa: F403
from beredskab.settings import INSTALLED_APPS, REST_FRAMEWORK, STATIC_ROOT, STORAGES

# manage.py generate_scale_data (bench/management/): fictional data, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT))
if os.environ.get("BENCH_PLAIN_STATIC") == "1":
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": None}}

# BENCH_AUDIT_READS=0: this server records no audit event for a GET, so that bench/audit_cost.py
# can compare the same page with and without auditing in one run. Only here: the project's own
# settings have no way to turn auditing off.
BEREDSKAB_AUDIT_READS = os.environ.get("BENCH_AUDIT_READS", "1") != "0"
