"""The empty notification forms come from a rendered copy, each with a submission token of its
own; the published plan version is read once per request."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beredskab.intake.models import Notification
from beredskab.intake.views import TOKEN_PLACEHOLDER
from beredskab.plans import copies
from tests.intake.helpers import form_data

pytestmark = pytest.mark.usefixtures("allerod_plan")
TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
CITIZEN = {
    "about": "other",
    "anonymous": "on",
    "age_group": "unknown",
    "children_in_household": "unknown",
    "concern_types": "forced_marriage",
    "description": "Min veninde skal giftes med en, hun ikke kender.",
    "immediate_danger": "no",
    "family_knows": "unknown",
}


@pytest.fixture(autouse=True)
def no_copies():
    copies.forget()
    yield
    copies.forget()


@pytest.mark.parametrize("path", ["/underret/borger/", "/underret/fagperson/"])
def test_each_visitor_gets_a_token_of_their_own(client, path):
    first = client.get(path)
    second = client.get(path)

    tokens = [TOKEN.search(response.content.decode()).group(1) for response in (first, second)]
    assert first.templates and not second.templates  # the second came from the copy
    assert tokens[0] != tokens[1]
    assert str(TOKEN_PLACEHOLDER) not in first.content.decode() + second.content.decode()


def test_a_form_from_the_copy_registers_once_however_often_it_is_sent(client):
    client.get("/underret/borger/")
    page = client.get("/underret/borger/").content.decode()
    token = TOKEN.search(page).group(1)

    first = client.post("/underret/borger/", {**CITIZEN, "submission_token": token})
    again = client.post("/underret/borger/", {**CITIZEN, "submission_token": token})

    assert first.status_code == again.status_code == 200
    assert Notification.objects.count() == 1


def test_a_preselected_form_is_rendered_for_the_request(client):
    client.get("/underret/fagperson/")  # a copy of the empty form exists
    page = client.get("/underret/fagperson/", {"concern": "forced_marriage"})

    assert page.templates
    assert re.search(r'<input [^>]*value="forced_marriage"[^>]* checked>', page.content.decode())


def test_the_plan_version_is_asked_for_once_per_registration(client):
    client.post("/underret/fagperson/", form_data())  # this process has now read the version

    with CaptureQueriesContext(connection) as queries:
        response = client.post("/underret/fagperson/", form_data())

    plan_reads = [q["sql"] for q in queries.captured_queries if '"plans_planversion"' in q["sql"]]
    assert response.status_code == 200
    assert len(plan_reads) == 1
    assert "document" not in plan_reads[0]  # which version, not its content


def test_a_version_changed_by_another_process_is_read_again(client):
    from beredskab.plans.models import PlanVersion
    from beredskab.plans.selectors import current_version

    first = current_version()
    # Another process saves the version (here: an update that sends no signal to this one).
    PlanVersion.objects.filter(pk=first.pk).update(
        version="2.0-changed", updated_at=first.updated_at + dt.timedelta(seconds=1)
    )

    assert current_version().version == "2.0-changed"


REFERENCE = re.compile(r'id="reference"[^>]*>([^<]+)<')
COPY_TOKEN = re.compile(r'name="token" value="([^"]+)"')


def test_each_notifier_is_thanked_with_their_own_reference_and_copy(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 2, 9, 30, 5, tzinfo=dt.UTC), tick=False)
    pages = [client.post("/underret/fagperson/", form_data()) for _ in range(2)]
    first, second = Notification.objects.order_by("pk")

    thanks = [
        [t.name for t in page.templates if t.name == "intake/submitted.html"] for page in pages
    ]
    assert thanks == [["intake/submitted.html"], []]  # the second thanks came from the copy
    for page, notification in zip(pages, (first, second), strict=True):
        html = page.content.decode()
        assert REFERENCE.search(html).group(1) == notification.reference
        assert "U-0000-0000" not in html and "placeholder" not in html
        token = COPY_TOKEN.search(html).group(1)
        pdf = client.post("/underret/fagperson/kopi/", {"token": token})
        assert f"underretning-{notification.reference}.pdf" in pdf["Content-Disposition"]


def test_a_thanks_page_of_another_kind_is_not_served_from_the_copy(client):
    professional = client.post("/underret/fagperson/", form_data()).content.decode()
    danger = client.post("/underret/fagperson/", form_data(immediate_danger="yes"))
    citizen = client.post(
        "/underret/borger/",
        {
            **CITIZEN,
            "submission_token": TOKEN.search(
                client.get("/underret/borger/").content.decode()
            ).group(1),
        },
    )

    rendered = [[t.name for t in page.templates] for page in (danger, citizen)]
    assert all("intake/submitted.html" in names for names in rendered)
    assert "akut fare" not in professional and "akut fare" in danger.content.decode()
    assert 'name="token"' not in citizen.content.decode()  # no professional's copy
    assert "Du er anonym" in citizen.content.decode() and "Du er anonym" not in professional
