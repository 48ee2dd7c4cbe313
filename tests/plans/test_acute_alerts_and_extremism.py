"""The plan's acute alerts, extremism block, adult age and protective measures: validated on
load, and shown where the plan says."""

import pytest

from beredskab.plans.services import parse_plan
from tests.conftest import ALLEROD_FILE
from tests.plans.test_plan_file import broken, problems_of


def test_allerods_file_names_its_recipients_and_its_extremism_plan_from_the_seed():
    plan = parse_plan(ALLEROD_FILE.read_text(encoding="utf-8"), str(ALLEROD_FILE))

    alerts = plan.acute_alerts
    assert alerts.watched_mailbox == "families"
    assert {r.mailbox or r.actor or r.role for r in alerts.outside_hours} == {
        "families",
        "socialchef",
    }
    assert "4927 1448" in alerts.outside_hours_instruction["da"]
    assert plan.tracks.adult_from_age == 18
    assert plan.extremism.separate_plan_title == (
        "Beredskabsplan til forebyggelse, opsporing og håndtering af ekstremisme"
    )
    assert plan.extremism.separate_plan_url is None  # the plan gives no address
    protective = {i.key: i for i in plan.initiative_types if i.protective}
    assert protective["um_borgerservice"].phone == "+45 33 92 11 12"
    assert protective["passport_refusal"].partner == "police"
    assert protective["passport_refusal"].phone is None


@pytest.mark.parametrize(
    ("recipient", "named"),
    [
        ({"label": "x", "mailbox": "nowhere"}, "nowhere"),
        ({"label": "x", "actor": "coordinator"}, "coordinator"),  # an actor without e-mail
        ({"label": "x", "mailbox": "families", "role": "leder"}, "acute_alerts"),
    ],
)
def test_an_alert_recipient_must_be_one_thing_the_plan_knows(allerod_data, recipient, named):
    def change(d):
        d["acute_alerts"]["escalate_to"] = [recipient]

    assert named in problems_of(broken(allerod_data, change))


def test_the_adult_age_has_limits(allerod_data):
    def change(d):
        d["tracks"]["adult_from_age"] = 12

    assert "adult_from_age" in problems_of(broken(allerod_data, change))


def test_extremism_and_protective_measures_are_shown_to_professionals(client, allerod_plan):
    choose = client.get("/fagperson/").content.decode()
    path = client.get("/fagperson/stay_abroad/over-18/").content.decode()
    home = client.get("/").content.decode()

    for page in (choose, path, home):
        assert "Beredskabsplan til forebyggelse, opsporing og håndtering af ekstremisme" in page
    assert "Beskyttende foranstaltninger" in path
    assert "+45 33 92 11 12" in path
    assert "Anmodning til politiet om at nægte at udstede eller at inddrage barnets pas" in path
