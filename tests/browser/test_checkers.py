"""Checkers nobody here wrote, run on the public pages: the W3C Nu HTML checker (every shipped
language, and the staff pages after sign-in), pa11y (WCAG 2 AA) and Lighthouse (accessibility 1.00, best practices and SEO at least
0.95). Each runs once over a batch of pages, driving Debian's Chromium."""

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases import services
from beredskab.meetings import services as meetings
from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan
from beredskab.press.services import register_inquiry
from beredskab.section12a import services as section12a
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ALLEROD_FILE
from tests.factories import make_staff, sign_in
from tests.intake.helpers import make_notification

# CI runs them in the PostgreSQL pass (.ci/run): a minute of work that would make the SQLite
# pass, which also runs every other browser test, the longer by far.
pytestmark = pytest.mark.checkers

ROOT = Path(__file__).resolve().parents[2]
NODE_BIN = ROOT / "node_modules" / ".bin"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHIPPED = ["let-dansk", "ar", "fa", "ur", "ckb", "so", "tr"]
DANISH_AND_ENGLISH = ["/", "/unge/", "/underret/borger/", "/tilgaengelighed/", "/en/", "/en/unge/"]
IN_LANGUAGES = [
    path.format(code=code)
    for code in SHIPPED
    for path in ("/{code}/", "/{code}/unge/", "/{code}/underret/borger/")
]
# pa11y waits on each page until the network has been idle a while (most of its time there), so
# a few tabs at once in one browser overlap the waits.
PA11Y_TABS = 4


@pytest.fixture
def public_languages(browser, allerod_plan, allerod_data):
    """Every shipped language reviewed (public); `browser` makes the test skip without Chromium."""
    data = copy.deepcopy(allerod_data)
    for language in data["languages"]:
        language["reviewed"] = True
    load_plan(PlanDocument.model_validate(data), source_name=ALLEROD_FILE.name)


def _tool(path: Path) -> str:
    if not path.exists():
        pytest.fail(f"{path} is missing: run 'make setup'")
    return str(path)


def test_nu_html_checker_finds_no_errors(live_server, public_languages, tmp_path):
    files = []
    for number, path in enumerate(DANISH_AND_ENGLISH + IN_LANGUAGES):
        with urllib.request.urlopen(live_server.url + path) as response:  # noqa: S310
            file = tmp_path / f"{number:02d}.html"
            file.write_bytes(response.read())
            files.append((file, path))
    result = subprocess.run(
        ["java", "-jar", _tool(VNU), "--errors-only", "--format", "json"]
        + [str(file) for file, _ in files],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pages = {file.name: path for file, path in files}
    errors = [
        f"{pages[Path(m['url']).name]}: {m['message']} ({m.get('extract', '')!r})"
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
    ]

    assert errors == []


def test_pa11y_finds_no_wcag2aa_errors(live_server, public_languages, tmp_path):
    config = tmp_path / "pa11y.json"
    config.write_text(
        json.dumps(
            {
                "standard": "WCAG2AA",
                "timeout": 30000,
                "chromeLaunchConfig": {"executablePath": str(CHROMIUM), "args": CHROMIUM_ARGS},
                "concurrency": PA11Y_TABS,
            }
        )
    )
    # Every public page in Danish and English, and each shipped language's pages: one browser,
    # a few tabs at once.
    pages = [live_server.url + path for path in DANISH_AND_ENGLISH + IN_LANGUAGES]
    result = subprocess.run(
        [
            shutil.which("node") or "node",
            str(Path(__file__).with_name("pa11y_batch.cjs")),
            str(config),
            *pages,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    errors = {url: issues for url, issues in json.loads(result.stdout).items() if issues}

    assert errors == {}
    assert len(json.loads(result.stdout)) == len(pages)


def test_lighthouse_scores(live_server, public_languages, tmp_path):
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    # Each page in a Lighthouse (and a Chromium) of its own, all at once: most of a run is waiting
    # for the page to settle, and the waits overlap. The report's full-page screenshot is for
    # reading the report, not for any score, and is left out.
    runs = {}
    for number, path in enumerate(["/", "/unge/", "/underret/borger/", "/ar/"]):
        report, log = tmp_path / f"report-{number}.json", tmp_path / f"lighthouse-{number}.log"
        with log.open("w") as stderr:
            process = subprocess.Popen(
                [
                    _tool(NODE_BIN / "lighthouse"),
                    live_server.url + path,
                    "--quiet",
                    "--only-categories=accessibility,best-practices,seo",
                    "--disable-full-page-screenshot",
                    "--output=json",
                    f"--output-path={report}",
                    f"--chrome-flags={flags}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            )
        runs[path] = (process, report, log)
    try:
        for path, (process, _, log) in runs.items():
            assert process.wait(timeout=180) == 0, f"{path}: {log.read_text()[-2000:]}"
    finally:
        for process, _, _ in runs.values():
            process.kill()
            process.wait()
    low = {}
    for path, (_, report, _) in runs.items():
        categories = json.loads(report.read_text())["categories"]
        scores = {name: category["score"] for name, category in categories.items()}
        if scores["accessibility"] < 1 or scores["best-practices"] < 0.95 or scores["seo"] < 0.95:
            audits = json.loads(report.read_text())["audits"]
            failing = [a["id"] for a in audits.values() if a.get("score") == 0]
            low[path] = (scores, failing)

    assert low == {}


def test_nu_html_checker_finds_no_errors_on_staff_pages(client, allerod_plan, tmp_path):
    """The staff pages after sign-in, as the coordinator, Modtagelsen, the press contact and the
    leader see them, with a case that has a meeting, a decision, initiatives and an action plan."""
    intake = make_staff("modtager", roles.INTAKE)
    coordinator = make_staff("tovholder", roles.COORDINATOR)
    leader = make_staff("leder", roles.LEADER)
    press = make_staff("presse", roles.PRESS)
    waiting = make_notification(age_group="child", person_name="Sara", receipt_method="letter")
    case = make_notification(age_group="adult", person_name="Aisha", person_cpr="0101901234").case
    services.record_risk_assessment(
        case,
        answers={},
        serious_violence="high",
        acute_risk="high",
        acute_action_needed=True,
        justification="x",
        by=intake,
    )
    services.assign_coordinator(case, coordinator, by=intake)
    meeting = meetings.schedule_meeting(
        starts_at=timezone.now() - dt.timedelta(hours=1),  # held: it has a decision
        location="Rådhuset",
        participants=[coordinator],
        by=coordinator,
    )
    item = meetings.add_to_agenda(meeting, case, by=coordinator)
    meetings.record_decision(
        item,
        text="Tilbyd rådgivning",
        by=coordinator,
        initiatives=[
            {
                "kind": "counselling",
                "responsible": coordinator,
                "due_on": timezone.localdate() + dt.timedelta(days=7),
            }
        ],
    )
    section12a.create_action_plan(
        case,
        by=coordinator,
        made_with_person=True,
        agreed_on=timezone.localdate(),
        **dict.fromkeys(section12a.ACTION_PLAN_FIELDS, "tekst"),
    )
    inquiry = register_inquiry(
        medium="DR",
        journalist_name="J",
        journalist_phone="12",
        subject="s",
        deadline=timezone.now() + dt.timedelta(hours=1),
        received_at=timezone.now(),
        by=intake,
    )
    ref = case.notification.reference
    pages = {
        intake: [
            "/medarbejder/",
            "/medarbejder/underretninger/",
            "/medarbejder/underretninger/registrer/",
            f"/medarbejder/underretninger/{waiting.reference}/",
            f"/medarbejder/sager/{waiting.reference}/",
            f"/medarbejder/sager/{waiting.reference}/risikovurdering/",
            "/medarbejder/sager/soeg/",
        ],
        coordinator: [
            "/medarbejder/",
            "/medarbejder/sager/",
            f"/medarbejder/sager/{ref}/",
            f"/medarbejder/sager/{ref}/luk/",
            "/medarbejder/indsatsgruppen/",
            f"/medarbejder/indsatsgruppen/{meeting.pk}/",
            "/medarbejder/indsatsgruppen/opfoelgning/",
        ],
        press: [f"/medarbejder/presse/{inquiry.pk}/", "/medarbejder/presse/"],
        leader: ["/medarbejder/", "/medarbejder/statistik/", "/medarbejder/plan/"],
    }
    files = []
    for user, urls in pages.items():
        client.logout()
        sign_in(client, user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"
            file = tmp_path / f"{len(files):02d}.html"
            file.write_bytes(response.content)
            files.append((file, f"{user.username} {url}"))
        if user == intake:  # a search's answer is a page too
            response = client.post("/medarbejder/sager/soeg/", {"by": "name", "text": "Sara"})
            file = tmp_path / f"{len(files):02d}.html"
            file.write_bytes(response.content)
            files.append((file, "search results"))
    result = subprocess.run(
        ["java", "-jar", _tool(VNU), "--errors-only", "--format", "json"]
        + [str(file) for file, _ in files],
        capture_output=True,
        text=True,
        timeout=240,
    )
    names = {file.name: page for file, page in files}
    errors = [
        f"{names[Path(m['url']).name]}: {m['message']} ({m.get('extract', '')!r})"
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
    ]

    assert errors == []
