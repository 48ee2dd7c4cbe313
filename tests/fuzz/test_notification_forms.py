"""The public notification forms with random input: never a server error; invalid input gets 400
with the errors listed; nothing typed comes back as markup."""

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beredskab.intake.models import Notification

pytestmark = pytest.mark.usefixtures("allerod_plan")

# Markup that must never come back unescaped, and what to look for in the page if it did.
MARKUP = [
    '<script>alert("fuzz")</script>',
    "<img src=x onerror=alert(1)>",
    '"><fuzz-tag>',
    "</textarea><fuzz-tag>",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
RAW = [b'<script>alert("fuzz")', b"<img src=x", b"<fuzz-tag"]

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.lists(st.sampled_from(MARKUP) | st.text(max_size=20), max_size=4).map("".join),
)
choice = st.one_of(st.sampled_from(["yes", "no", "unknown", "child", "adult", ""]), texts)
concerns = st.lists(
    st.sampled_from(["social_control", "honour_abuse", "forced_marriage", "stay_abroad"]) | texts,
    max_size=3,
)
COMMON = {
    "person_name": texts,
    "person_cpr": st.one_of(texts, st.sampled_from(["010203-1234", "3102031234", "0101011"])),
    "person_birth_date": st.one_of(texts, st.dates().map(lambda d: d.strftime("%d-%m-%Y"))),
    "person_age": st.one_of(texts, st.integers(-5, 200).map(str)),
    "age_group": choice,
    "person_address": texts,
    "person_language": texts,
    "children_in_household": choice,
    "children_details": texts,
    "description": texts,
    "immediate_danger": choice,
    "notifier_actions": texts,
    "family_knows": choice,
}
CITIZEN = {
    **COMMON,
    "anonymous": st.sampled_from(["on", ""]),
    "notifier_name": texts,
    "notifier_relation": texts,
    "notifier_phone": texts,
    "notifier_email": st.one_of(texts, st.emails().map(str)),
}
PROFESSIONAL = {
    **COMMON,
    "notifier_name": texts,
    "notifier_workplace": texts,
    "notifier_role": texts,
    "notifier_phone": texts,
    "notifier_email": st.one_of(texts, st.emails().map(str)),
}


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.BEREDSKAB_RATE_LIMITS = False


def check_answer(client, url, data, concern_types):
    payload = {k: v for k, v in data.items() if v is not None}
    payload["concern_types"] = concern_types
    payload["submission_token"] = str(uuid.uuid4())
    before = Notification.objects.count()

    response = client.post(url, payload)

    page = response.content
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert b'id="error-summary"' in page
        assert Notification.objects.count() == before
    else:
        assert Notification.objects.count() == before + 1
        assert b'id="reference"' in page
    for raw in RAW:
        assert raw not in page


@given(data=st.fixed_dictionaries({}, optional=CITIZEN), concern_types=concerns)
def test_citizen_form_never_fails_and_never_echoes_markup(client, data, concern_types):
    check_answer(client, "/underret/borger/", data, concern_types)


@given(data=st.fixed_dictionaries({}, optional=PROFESSIONAL), concern_types=concerns)
def test_professional_form_never_fails_and_never_echoes_markup(client, data, concern_types):
    check_answer(client, "/underret/fagperson/", data, concern_types)
