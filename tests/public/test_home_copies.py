"""The public page is served from a rendered copy while it is true: until the next minute, the
next opening or closing, or a plan change, whichever comes first."""

import copy
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from beredskab.plans import copies
from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import load_plan

CPH = ZoneInfo("Europe/Copenhagen")

pytestmark = pytest.mark.usefixtures("allerod_plan")


@pytest.fixture(autouse=True)
def no_copies():
    copies.forget()
    yield
    copies.forget()


@pytest.fixture
def at(time_machine):
    def freeze(text):
        time_machine.move_to(dt.datetime.fromisoformat(text).replace(tzinfo=CPH), tick=False)

    return freeze


def rendered(response) -> bool:
    """Whether the view rendered its template for this response (not served from a copy)."""
    return any(template.name == "public/home.html" for template in response.templates)


def test_a_second_visit_in_the_same_minute_gets_the_copy(client, at):
    at("2026-11-23 13:00:05")  # a Monday, open 12-17
    first = client.get("/")
    at("2026-11-23 13:00:55")
    second = client.get("/")

    assert rendered(first) and not rendered(second)
    assert second.content == first.content
    assert second.status_code == 200
    assert second["Content-Type"] == first["Content-Type"]
    # The headers the middleware adds are on the copy too.
    assert "no-store" in second["Cache-Control"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies


def test_the_copy_says_closed_from_the_minute_the_office_closes(client, at):
    at("2026-11-23 16:59:59")  # Monday: open until 17.00
    before = client.get("/").content.decode()
    at("2026-11-23 17:00:00")
    after = client.get("/").content.decode()

    assert "Åbent nu" in before and "indtil kl. 17.00" in before
    assert "Lukket nu" in after and "Åbent nu" not in after


def test_and_open_from_the_minute_it_opens(client, at):
    at("2026-11-24 07:59:30")  # Tuesday: open 8-12
    before = client.get("/").content.decode()
    at("2026-11-24 08:00:00")
    after = client.get("/").content.decode()

    assert "Lukket nu" in before
    assert "Åbent nu" in after and "indtil kl. 12.00" in after


def test_the_time_shown_is_the_minute_of_the_visit(client, at):
    at("2026-11-23 13:00:10")
    client.get("/")
    at("2026-11-23 13:01:00")
    later = client.get("/")

    assert rendered(later)
    assert "13.01" in later.content.decode()


def test_going_back_in_time_does_not_serve_a_copy_of_the_future(client, at):
    at("2026-11-23 16:59:00")
    client.get("/")
    at("2026-11-23 12:30:00")

    assert rendered(client.get("/"))


def test_a_newly_published_plan_is_shown_at_once(client, time_machine, allerod_plan, allerod_data):
    # After the plan already published: the newest publication is the one served.
    time_machine.move_to(allerod_plan.published_at + dt.timedelta(minutes=1), tick=False)
    before = client.get("/").content.decode()
    data = copy.deepcopy(allerod_data)
    data["plan"]["version"] = "2026-12-01"
    data["plan"]["title"]["da"] = "Revideret beredskabsplan mod negativ social kontrol"
    load_plan(PlanDocument.model_validate(data), source_name="revideret.yaml")
    after = client.get("/")

    assert "Revideret beredskabsplan" not in before
    assert rendered(after)
    assert "Revideret beredskabsplan" in after.content.decode()


def test_a_plan_reloaded_with_other_content_is_shown_at_once(client, at, allerod_data):
    at("2026-11-23 13:00:00")
    client.get("/")
    data = copy.deepcopy(allerod_data)
    data["plan"]["title"]["da"] = "Rettet titel på beredskabsplanen"
    load_plan(PlanDocument.model_validate(data), source_name="rettet.yaml")

    assert "Rettet titel på beredskabsplanen" in client.get("/").content.decode()


def test_each_language_has_its_own_copy(client, at):
    at("2026-11-23 13:00:00")
    danish = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    danish_again = client.get("/").content.decode()

    assert "Åbent nu" in danish and "Open now" in english
    assert danish_again == danish


def test_signed_in_staff_always_get_a_fresh_page(staff_client, at):
    at("2026-11-23 13:00:00")
    client = staff_client("intake")
    first = client.get("/")
    second = client.get("/")

    assert rendered(first) and rendered(second)


def test_the_young_peoples_page_is_served_from_a_copy_too(client, at):
    at("2026-11-23 13:00:00")
    first = client.get("/unge/")
    second = client.get("/unge/")

    assert any(t.name == "public/young.html" for t in first.templates)
    assert not second.templates
    assert second.content == first.content
