"""The benchmark's measurements inside Django (one database per run, from DATABASE_URL):

    python bench/inprocess.py prepare   a signed-in staff session, an API token, sample cases
    python bench/inprocess.py queries   queries per page (CaptureQueriesContext), rows shown
    python bench/inprocess.py sweep     the deadline sweep's time, each run rolled back
    python bench/inprocess.py csv       the CSV export's peak memory (run in its own process)
    python bench/inprocess.py proposals finding proposed matches for new notifications' persons
    python bench/inprocess.py integrity counts, and whatever is half-saved (for load and faults)
    python bench/inprocess.py audit     audit events written so far and how many are unsealed
    python bench/inprocess.py seal      how long `seal_audit` takes for the unsealed events
    python bench/inprocess.py audit_queries  the statements one audited read adds to a page
    python bench/inprocess.py intake N TOKEN  where one registration's time goes (form and API)

Each prints one JSON object on stdout. bench/run.py runs them with the benchmark's environment.
"""

import datetime
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.generator import LANGUAGES  # noqa: E402
from bench.names import Persons, respell  # noqa: E402
from bench.traffic import percentile  # noqa: E402
from beredskab.accounts import roles  # noqa: E402
from beredskab.accounts.system_accounts import create_system_account, issue_token  # noqa: E402
from beredskab.cases.models import Case, CaseState  # noqa: E402
from beredskab.intake.models import Notification  # noqa: E402
from beredskab.intake.sweep import sweep  # noqa: E402
from beredskab.persons.models import Person  # noqa: E402
from beredskab.persons.normalise import fold_name, name_key, normalise_name  # noqa: E402
from beredskab.persons.selectors import possible_matches, trigram_available  # noqa: E402

STAFF_USERNAME = "bench-leder"
API_USERNAME = "bench-api"
STATS_URL = "/medarbejder/statistik/"
CSV_URL = "/medarbejder/statistik/notifikationer.csv"


def exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def staff_user(username, *role_names, device=True):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"is_staff": True, "first_name": "Bench"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0] for role in role_names])
        if device:
            TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def signed_in_session(user) -> str:
    """A session as after password and second factor (what tests/factories.py sign_in makes)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.set_expiry(24 * 3600)
    session.create()
    assert session.session_key is not None
    return session.session_key


def sample_case() -> str | None:
    """A typical closed case (not anonymised, adult, 6-8 journal entries): the newest such, so
    that both database sizes show a case of the same size."""
    case = (
        Case.objects.filter(
            state=CaseState.CLOSED, track="adult", notification__anonymised_at__isnull=True
        )
        .annotate(entries=Count("journal"))
        .filter(entries__gte=6, entries__lte=8)
        .order_by("-notification__received_at")
        .values_list("notification__reference", flat=True)
        .first()
    )
    return case


def prepare() -> dict:
    staff = staff_user(STAFF_USERNAME, roles.INTAKE, roles.LEADER)
    api = get_user_model().objects.filter(username=API_USERNAME).first()
    if api is None:
        api = create_system_account(API_USERNAME, roles=[roles.INTAKE], description="Benchmark")
    _, token = issue_token(api)
    open_reference = (
        Notification.objects.filter(case__state=CaseState.RECEIVED)
        .order_by("next_due_at")
        .values_list("reference", flat=True)
        .first()
    )
    return {
        "session": signed_in_session(staff),
        "token": token,
        "case_reference": sample_case(),
        "open_reference": open_reference,
        "notifications": Notification.objects.count(),
        "case_page": exists("/medarbejder/sager/X/"),
        "stats_page": exists(STATS_URL),
        "csv_export": exists(CSV_URL),
    }


def client_for(session_key: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def queries(session_key: str, case_reference: str, open_reference: str) -> dict:
    client = client_for(session_key)
    pages = {
        "queue": "/medarbejder/underretninger/",
        "queue_filtered": "/medarbejder/underretninger/?concern=forced_marriage",
        "notification_detail": f"/medarbejder/underretninger/{open_reference}/",
        "case_page": f"/medarbejder/sager/{case_reference}/",
        "case_list": "/medarbejder/sager/",
        "home": "/medarbejder/",
        "stats_page": STATS_URL,
    }
    results = {}
    for name, path in pages.items():
        if path is None or not exists(path.split("?")[0]):
            continue
        client.get(path)  # warm caches (the plan document) so the count is the steady one
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        results[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(captured),
            # The statements' shape, without their values (session data, ids): to compare sizes.
            "sql": [re.sub(r"'[^']*'", "?", q["sql"])[:160] for q in captured.captured_queries],
            "rows": response.content.count(b"<tr") - 1 if b"<tr" in response.content else 0,
        }
    return results


def time_sweep(runs: int) -> dict:
    timings, report = [], None
    for _ in range(runs + 1):  # the first run warms up and is not counted
        with transaction.atomic():
            started = time.perf_counter()
            report = sweep()
            timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)  # every run does the same work
    timings = timings[1:]
    assert report is not None  # the loop ran at least once
    return {
        "seconds": timings,
        "median": statistics.median(timings),
        "warned": len(report.warned),
        "overdue": len(report.overdue),
        "emails": report.emails_queued,
    }


PROPOSALS_PER_RUN = 100


def new_person(rng, persons, smallest, largest) -> Person:
    """A new notification's person, as registration makes it: half of them a person already
    there under another spelling of the name (with what that notification said of the birth
    date and address), half someone new, described as the scale data describes persons."""
    today = datetime.date.today()
    age = rng.randint(8, 40)
    described = persons.describe(today, age, "child" if age < 18 else "adult")
    name, born, address = described.name, described.birth_date, described.address
    if rng.random() < 0.5:
        known = (
            Person.objects.filter(pk__gte=rng.randint(smallest, largest))
            .exclude(name="")
            .order_by("pk")
            .first()
        )
        if known is not None:
            name, born, address = respell(rng, known.name), known.birth_date, known.address
            age = None if born else age
    return Person.objects.create(
        name=name,
        birth_date=born,
        birth_year=born.year if born else today.year - age if age else None,
        address=address,
        norm_name=normalise_name(name),
        norm_address=normalise_name(address),
        name_fold=fold_name(name),
        name_key=name_key(name),
        created_at=datetime.datetime.now(datetime.UTC),
    )


def time_proposals(runs: int) -> dict:
    """persons.selectors.possible_matches for PROPOSALS_PER_RUN new persons per run (the same
    persons at every database size: one seed), after a run to warm up, inside a transaction
    that is rolled back."""
    rng = random.Random(19)  # noqa: S311 - fictional data
    persons = Persons(rng, LANGUAGES)
    bounds = Person.objects.aggregate(smallest=Min("pk"), largest=Max("pk"))
    p50s, p95s, found = [], [], 0
    with transaction.atomic():
        for _ in range(PROPOSALS_PER_RUN):  # a run to warm up, as for the pages, not counted
            possible_matches(new_person(rng, persons, bounds["smallest"], bounds["largest"]))
        for _ in range(runs):
            seconds = []
            for _ in range(PROPOSALS_PER_RUN):
                person = new_person(rng, persons, bounds["smallest"], bounds["largest"])
                started = time.perf_counter()
                matches = possible_matches(person)
                seconds.append(time.perf_counter() - started)
                found += bool(matches)
            p50s.append(percentile(seconds, 0.50) * 1000)
            p95s.append(percentile(seconds, 0.95) * 1000)
        transaction.set_rollback(True)
    return {
        "persons": Person.objects.count(),
        "p50_ms": p50s,
        "p95_ms": p95s,
        "with_proposals": found / (runs * PROPOSALS_PER_RUN),
        "trigram_index": trigram_available(),
    }


def vm_hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def csv_memory(session_key: str) -> dict:
    if not exists(CSV_URL):
        return {"skipped": f"{CSV_URL} does not exist yet"}
    client = client_for(session_key)
    # Every notification: the export's longest period (10 years) up to today.
    today = datetime.date.today()
    period = {"from": (today - datetime.timedelta(days=3659)).isoformat(), "to": today.isoformat()}
    before = vm_hwm_kib()
    started = time.perf_counter()
    response = client.post(CSV_URL, {**period, "confirm": "on"})  # the leader confirms the warning
    size = lines = 0
    # The test client's response type does not know streaming responses.
    content = response.streaming_content if response.streaming else [response.content]  # type: ignore[attr-defined]
    for chunk in content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {
        "status": response.status_code,
        "streaming": response.streaming,
        "bytes": size,
        "lines": lines,
        "seconds": time.perf_counter() - started,
        "peak_rss_mib": round(vm_hwm_kib() / 1024, 1),
        "baseline_rss_mib": round(before / 1024, 1),
    }


def integrity() -> dict:
    """Counts, and every notification that lacks what register_notification always writes."""
    from beredskab.audit.models import AuditEvent
    from beredskab.audit.services import verify_chain

    notifications = Notification.objects.all()
    return {
        "notifications": notifications.count(),
        "references": list(notifications.values_list("reference", flat=True)),
        "without_case": notifications.filter(case__isnull=True).count(),
        "without_concern": notifications.filter(concerns__isnull=True).count(),
        "without_deadline": notifications.exclude(
            deadline_events__deadline="assessment", deadline_events__event="set"
        ).count(),
        "without_journal": notifications.filter(case__journal__isnull=True).count(),
        "without_audit": notifications.exclude(
            reference__in=AuditEvent.objects.filter(action="notification.create").values(
                "object_id"
            )
        ).count(),
        "audit_problems": verify_chain(),
    }


def audit_counts() -> dict:
    from beredskab.audit.models import AuditEvent

    return {
        "events": AuditEvent.objects.count(),
        "unsealed": AuditEvent.objects.filter(seq__isnull=True).count(),
    }


def audit_queries(session_key: str, path: str) -> dict:
    """The statements one audited read of `path` adds: the same request with and without the
    recording of reads, after a warm-up."""
    from django.test import override_settings

    client = client_for(session_key)
    client.get(path)
    captured = {}
    for name, reads in (("audited", True), ("unaudited", False)):
        with override_settings(BEREDSKAB_AUDIT_READS=reads), CaptureQueriesContext(connection) as q:
            client.get(path)
        captured[name] = [re.sub(r"'[^']*'|\b\d+\b", "?", x["sql"])[:100] for x in q]
    extra = list(captured["audited"])
    for statement in captured["unaudited"]:
        if statement in extra:
            extra.remove(statement)
    return {name: len(statements) for name, statements in captured.items()} | {"extra": extra}


def time_sealing() -> dict:
    """Seal what the measured requests recorded: the work moved out of the requests."""
    from beredskab.audit.sealing import seal_events

    started = time.perf_counter()
    sealed = seal_events()
    seconds = time.perf_counter() - started
    return {"sealed": sealed, "seconds": seconds, "per_second": sealed / seconds if seconds else 0}


def _phase(run) -> dict:
    """Run `run()` (one request through the test client): its time, its queries and their time."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = run()
        seconds = time.perf_counter() - started
    statements = [query["sql"] for query in captured.captured_queries]
    return {
        "status": response.status_code,
        "ms": seconds * 1000,
        "queries": len(statements),
        "query_ms": sum(float(query["time"]) for query in captured.captured_queries) * 1000,
        "statements": statements,
        "response": response,
    }


def intake_profile(runs: int, token: str) -> dict:
    """Register `runs` notifications through the citizen form (GET, then POST) and `runs` through
    the API, in-process through the whole middleware stack: per step the median time, the queries
    and the database's share; then cProfile's heaviest functions for one more of each."""
    import cProfile
    import io
    import pstats
    import uuid

    from bench.traffic import API_NOTIFICATION, CITIZEN_FORM, TOKEN_RE

    public = Client(HTTP_HOST="127.0.0.1", headers={"Sec-Fetch-Site": "same-origin"})
    api = Client(HTTP_HOST="127.0.0.1", headers={"Authorization": f"Token {token}"})
    settings.DEBUG = False

    def form_get():
        return public.get("/underret/borger/")

    def form_post(body):
        token_value = TOKEN_RE.search(body).group(1).decode()
        return public.post(
            "/underret/borger/", dict([("submission_token", token_value), *CITIZEN_FORM])
        )

    def api_post():
        return api.post(
            "/api/v1/notifications/",
            {**API_NOTIFICATION, "received_at": datetime.datetime.now(datetime.UTC).isoformat()},
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )

    steps: dict[str, list[dict]] = {"form_get": [], "form_post": [], "api_post": []}
    for _ in range(3):  # warm up: templates, the parsed plan, connections
        form_post(form_get().content)
        api_post()
    for _ in range(runs):
        got = _phase(form_get)
        steps["form_get"].append(got)
        steps["form_post"].append(_phase(lambda body=got["response"].content: form_post(body)))
        steps["api_post"].append(_phase(api_post))
    result = {}
    for name, phases in steps.items():
        result[name] = {
            "statuses": sorted({phase["status"] for phase in phases}),
            "ms": statistics.median(phase["ms"] for phase in phases),
            "query_ms": statistics.median(phase["query_ms"] for phase in phases),
            "queries": statistics.median(phase["queries"] for phase in phases),
            "statements": [re.sub(r"\s+", " ", sql)[:160] for sql in phases[-1]["statements"]],
        }
    profiles = {}
    for name, run in (
        ("form", lambda: form_post(form_get().content)),
        ("api", api_post),
    ):
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            run()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        profiles[name] = out.getvalue()
    result["profiles"] = profiles
    return result


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "prepare":
        result = prepare()
    elif command == "queries":
        result = queries(*sys.argv[2:5])
    elif command == "sweep":
        result = time_sweep(int(sys.argv[2]))
    elif command == "csv":
        result = csv_memory(sys.argv[2])
    elif command == "proposals":
        result = time_proposals(int(sys.argv[2]))
    elif command == "integrity":
        result = integrity()
    elif command == "audit":
        result = audit_counts()
    elif command == "audit_queries":
        result = audit_queries(*sys.argv[2:4])
    elif command == "intake":
        result = intake_profile(int(sys.argv[2]), sys.argv[3])
    elif command == "seal":
        result = time_sealing()
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))
