"""Fictional demo content for a development installation. Every name here is made up."""

import datetime as dt
from typing import Any

from beredskab.accounts import roles

DEMO_USERS = [
    # username, full name, roles, e-mail
    ("modtager", "Mette Modtager", [roles.INTAKE], "modtagelsen@demo.invalid"),
    ("tovholder", "Tobias Tovholder", [roles.COORDINATOR], "tovholder@demo.invalid"),
    ("indsats", "Ingrid Indsatsgruppe", [roles.INTERVENTION_GROUP], "indsats@demo.invalid"),
    ("boern", "Bo Børneenhed", [roles.CHILDREN_UNIT], "boern@demo.invalid"),
    ("chef", "Susanne Socialchef", [roles.LEADER], "socialchef@demo.invalid"),
    ("presse", "Peter Presse", [roles.PRESS], "presse@demo.invalid"),
    ("planadmin", "Pia Planadministrator", [roles.PLAN_ADMIN], "plan@demo.invalid"),
    ("revisor", "Rasmus Revisor", [roles.AUDITOR], "revisor@demo.invalid"),
    ("admin", "Sys Administrator", [roles.SYSADMIN], "it@demo.invalid"),
]

# (hours before now, channel, notifier kind, age group, concerns, description, extra fields)
DEMO_NOTIFICATIONS: list[tuple[int, str, str, str, list[str], str, dict[str, Any]]] = [
    (
        30,
        "web_professional",
        "professional",
        "child",
        ["stay_abroad"],
        "Eleven fortæller, at familien rejser til udlandet i vinterferien, og at hun er bange for "
        "ikke at komme hjem igen. Hun har bedt mig om ikke at sige det til forældrene.",
        {
            "notifier_name": "Demo Lærer",
            "notifier_workplace": "Demo Skole",
            "notifier_role": "Klasselærer",
            "notifier_email": "laerer@demo.invalid",
            "notifier_phone": "11 11 11 11",
            "person_name": "Demo Elev A",
            "person_age": 14,
        },
    ),
    (
        21,
        "phone",
        "professional",
        "adult",
        ["forced_marriage"],
        "Kursist på sprogskolen fortæller, at hun skal giftes til sommer med en mand, hun ikke "
        "kender. Hun siger, at hun ikke har noget valg.",
        {
            "notifier_name": "Demo Sproglærer",
            "notifier_workplace": "Demo Sprogcenter",
            "notifier_role": "Sproglærer",
            "notifier_phone": "22 22 22 22",
            "person_name": "Demo Kursist B",
            "person_age": 22,
        },
    ),
    (
        5,
        "web_citizen",
        "anonymous",
        "unknown",
        ["social_control"],
        "Min veninde må ikke gå i byen eller have en telefon. Hendes bror tjekker hvem hun skriver "
        "med. Hun er ked af det.",
        {},
    ),
    (
        2,
        "police",
        "authority",
        "adult",
        ["honour_abuse"],
        "Politiet har været kaldt ud til en adresse efter vold. Kvinden siger, at hendes familie "
        "mener, hun har bragt skam over dem.",
        {
            "notifier_name": "Demo Vagthavende",
            "notifier_workplace": "Nordsjællands Politi",
            "notifier_address": "Demo Politigård 1",
            "person_name": "Demo Borger C",
            "person_age": 31,
            "children_in_household": "yes",
            "children_details": "To børn, 4 og 7 år",
            "immediate_danger": True,
        },
    ),
    (
        1,
        "email",
        "professional",
        "child",
        ["social_control", "honour_abuse"],
        "Sundhedsplejersken har set mærker på armene hos en 15-årig, som fortæller, at hun blev "
        "slået, fordi hun havde en kæreste.",
        {
            "notifier_name": "Demo Sundhedsplejerske",
            "notifier_workplace": "Demo Sundhedspleje",
            "notifier_role": "Sundhedsplejerske",
            "notifier_email": "sundhed@demo.invalid",
            "person_name": "Demo Ung D",
            "person_age": 15,
        },
    ),
    (
        60,
        "web_professional",
        "professional",
        "adult",
        ["social_control"],
        "Borger i aktiveringsforløb fortæller, at hendes mand tager hendes løn og ikke lader hende "
        "gå til danskundervisning.",
        {
            "notifier_name": "Demo Jobkonsulent",
            "notifier_workplace": "Demo Jobcenter",
            "notifier_role": "Jobkonsulent",
            "notifier_email": "job@demo.invalid",
            "notifier_phone": "33 33 33 33",
            "person_name": "Demo Borger E",
            "person_age": 35,
        },
    ),
]


def received_at(now: dt.datetime, hours_before: int) -> dt.datetime:
    return now - dt.timedelta(hours=hours_before)
