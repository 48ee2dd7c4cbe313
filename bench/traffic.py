"""A small HTTP load generator for benchmarks and load tests: threads and http.client against a
server on 127.0.0.1, a new connection per request (gunicorn's sync workers close it anyway).

The actions are what people do: read the public pages, submit the citizen form (GET it for a
fresh submission token, POST it), register through the API, and, signed in, read Modtagelsen's
queue and a case.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

TOKEN_RE = re.compile(rb'name="submission_token" value="([^"]+)"')
REFERENCE_RE = re.compile(rb'id="reference"[^>]*>(U-[0-9A-Z]{4}-[0-9A-Z]{4})<')

CITIZEN_FORM = [
    ("about", "other"),
    ("anonymous", "on"),
    ("age_group", "unknown"),
    ("children_in_household", "unknown"),
    ("concern_types", "forced_marriage"),
    ("description", "Min veninde skal giftes med en, hun ikke kender. (belastningstest)"),
    ("immediate_danger", "no"),
]
API_NOTIFICATION = {
    "channel": "api",
    "notifier_kind": "authority",
    "notifier_name": "Fagsystem",
    "concern_types": ["social_control"],
    "description": "Registreret af et andet fagsystem (belastningstest).",
    "age_group": "adult",
    "immediate_danger": False,
}


@dataclass
class Response:
    status: int
    body: bytes
    seconds: float


class Client:
    """One user's requests: a session cookie or an API token, or neither (the public)."""

    def __init__(self, port: int, *, session_cookie: str = "", token: str = "", timeout=60):
        self.port, self.session_cookie, self.token, self.timeout = (
            port,
            session_cookie,
            token,
            timeout,
        )

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.session_cookie:
            headers["Cookie"] = f"sessionid={self.session_cookie}"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        return Response(response.status, content, time.perf_counter() - started)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, fields: list[tuple[str, str]]) -> Response:
        return self.request(
            "POST",
            path,
            urlencode(fields).encode(),
            # What a browser sends with a form posted from the site's own page.
            {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"},
        )

    def post_json(self, path: str, data: dict, headers=None) -> Response:
        return self.request(
            "POST",
            path,
            json.dumps(data).encode(),
            {"Content-Type": "application/json", **(headers or {})},
        )


def submit_citizen_form(client: Client, path="/underret/borger/"):
    """GET the form, POST it with its token: (reference or None, [form response, post response])."""
    form = client.get(path)
    match = TOKEN_RE.search(form.body)
    if form.status != 200 or match is None:
        return None, [form]
    post = client.post_form(path, [("submission_token", match.group(1).decode()), *CITIZEN_FORM])
    found = REFERENCE_RE.search(post.body) if post.status == 200 else None
    return (found.group(1).decode() if found else None), [form, post]


def register_via_api(client: Client, received_at: str):
    """POST one notification to the API: (reference or None, response)."""
    response = client.post_json(
        "/api/v1/notifications/",
        {**API_NOTIFICATION, "received_at": received_at},
        {"Idempotency-Key": str(uuid.uuid4())},
    )
    if response.status != 201:
        return None, response
    return json.loads(response.body)["reference"], response


@dataclass
class Tally:
    """What happened during a run, shared by the threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, response: Response, *, expected=(200,)) -> None:
        with self.lock:
            self.latencies.setdefault(name, []).append(response.seconds)
            self.statuses[(name, response.status)] += 1
            if response.status not in expected:
                self.errors.append(f"{name}: HTTP {response.status}")

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def reference(self, reference: str) -> None:
        with self.lock:
            self.references.append(reference)


def run_threads(threads: int, duration: float, action: Callable[[int, Tally], None]) -> Tally:
    """Call `action(thread_number, tally)` over and over from `threads` threads for `duration`
    seconds; an exception in an action is counted as an error, never swallowed silently."""
    tally = Tally()
    stop_at = time.monotonic() + duration

    def loop(number):
        while time.monotonic() < stop_at:
            try:
                action(number, tally)
            except Exception as exc:  # every failure is an error of the run
                tally.error(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def mixed_traffic(port: int, *, session_cookie: str, case_url: str, known: list[str]):
    """An action for run_threads: a normal day's mix, per 20 actions 8 public pages, 5 citizen
    submissions, 4 views of Modtagelsen's queue and 3 case pages (`case_url` with a reference:
    one just submitted, or one of `known`)."""
    public = Client(port)
    staff = Client(port, session_cookie=session_cookie)
    pages = ["/", "/fagperson/", "/underret/fagperson/", "/en/", "/api/kontakt-nu/"]
    plan = ["public"] * 8 + ["submit"] * 5 + ["queue"] * 4 + ["case"] * 3

    def action(number: int, tally: Tally) -> None:
        what = random.choice(plan)  # noqa: S311 - a traffic mix, not a secret
        if what == "public":
            tally.add("public", public.get(random.choice(pages)))  # noqa: S311
        elif what == "submit":
            reference, responses = submit_citizen_form(public)
            for response in responses:
                tally.add("submit", response)
            if reference:
                tally.reference(reference)
            elif all(r.status == 200 for r in responses):
                tally.error("submit: no reference on the answer page")
        elif what == "queue":
            tally.add("queue", staff.get("/medarbejder/underretninger/"))
        else:
            with tally.lock:
                choices = tally.references[-20:] + known
            if choices:
                reference = random.choice(choices)  # noqa: S311
                tally.add("case", staff.get(case_url.format(reference)))

    return action
