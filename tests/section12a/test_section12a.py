"""§ 12 a on an adult's case: recording the offer of free counselling, and the action plan made
with the person, read on a page and printed as a PDF for the person; need to know throughout."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.audit.models import AuditEvent
from beredskab.cases import services
from beredskab.guide.pdf import STATIC_BASE
from beredskab.section12a import services as section12a_services
from beredskab.section12a import views as section12a_views
from beredskab.section12a.models import ActionPlan, CounsellingOffer
from tests.factories import make_staff
from tests.intake.helpers import make_notification
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.usefixtures("allerod_plan")

PERSON = "Aisha Testperson"
CPR = "0101901234"

PLAN = {
    "risk_assessment": "Høj risiko: trusler fra brødrene.",
    "situation_housing": "Bor hos forældrene i Lillerød.",
    "situation_work": "Deltidsjob i en butik.",
    "situation_education": "Går på VUC.",
    "situation_relatives": "Har brudt med sin far; god kontakt til en moster.",
    "support_housing_work_education": "Hjælp til egen bolig uden for kommunen.",
    "support_housing_work_education_purpose": "At hun kan bo i sikkerhed.",
    "support_other_law": "Ophold på krisecenter og en mentor.",
    "support_other_law_purpose": "Beskyttelse og støtte til at stå fast.",
}


@pytest.fixture
def intake(db):
    return make_staff("modtager", roles.INTAKE)


def adult_case(coordinator, intake):
    """An adult's case, risk assessed and routed to `coordinator`, as Modtagelsen does it."""
    case = make_notification(age_group="adult", person_name=PERSON, person_cpr=CPR).case
    services.record_risk_assessment(
        case,
        answers={},
        level="high",
        acute_action_needed=False,
        justification="Brødrene har truet hende.",
        by=intake,
    )
    services.assign_coordinator(case, coordinator, by=intake)
    case.refresh_from_db()
    return case


def child_case(intake):
    case = make_notification(age_group="child").case
    services.record_risk_assessment(
        case, answers={}, level="medium", acute_action_needed=False, justification="X", by=intake
    )
    return case


def make_plan(case, by, **changes):
    return section12a_services.create_action_plan(
        case, by=by, made_with_person=True, agreed_on=timezone.localdate(), **{**PLAN, **changes}
    )


def plan_form(**changes):
    data = {
        **PLAN,
        "made_with_person": "on",
        "agreed_on": timezone.localdate().strftime("%d-%m-%Y"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def url(name, case, *args):
    return reverse(f"section12a:{name}", args=[case.notification.reference, *args])


# -- Counselling (stk. 1) --------------------------------------------------------------------


def test_counselling_offer_is_recorded_in_the_journal_and_shown_on_the_case(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    form = client.get(url("counselling", case))
    assert form.status_code == 200
    assert timezone.localdate().strftime("%d-%m-%Y") in form.content.decode()  # now, by default

    response = client.post(
        url("counselling", case),
        {
            "status": "accepted",
            "date": yesterday.strftime("%d-%m-%Y"),
            "time": "14:30",
            "note": "Tilbudt ved samtale på rådhuset",
        },
        follow=True,
    )

    offer = CounsellingOffer.objects.get(case=case)
    assert offer.status == "accepted" and offer.recorded_by == client.user
    assert timezone.localtime(offer.at).strftime("%d-%m-%Y %H:%M") == (
        f"{yesterday:%d-%m-%Y} 14:30"
    )
    assert case.journal.filter(kind="counselling").exists()
    assert AuditEvent.objects.filter(action="case.counselling").exists()
    assert response.redirect_chain[-1][0] == reverse(
        "cases:detail", args=[case.notification.reference]
    )
    page = response.content.decode()
    assert "Borgeren har taget imod gratis rådgivning" in page
    assert "Tilbudt ved samtale på rådhuset" in page


def test_counselling_errors_keep_what_was_typed(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)

    response = client.post(
        url("counselling", case),
        {"status": "offered", "date": "31-31-2026", "time": "10:00", "note": "Ringet op"},
    )

    assert response.status_code == 400
    assert "Skriv datoen som dag-måned-år" in response.content.decode()
    assert "Ringet op" in response.content.decode()
    assert not CounsellingOffer.objects.exists()


def test_counselling_on_a_closed_case_is_refused_by_the_service(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    services.close_case(case, reason="resolved", note="", by=client.user)
    now = timezone.localtime()

    response = client.post(
        url("counselling", case),
        {"status": "offered", "date": now.strftime("%d-%m-%Y"), "time": "00:00"},
    )

    assert response.status_code == 400
    assert "Sagen er lukket" in response.content.decode()
    assert not CounsellingOffer.objects.exists()


# -- The action plan (stk. 2) ----------------------------------------------------------------


def test_the_first_plan_starts_from_the_risk_assessment(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)

    response = client.get(url("action-plan-new", case))

    page = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "1. Risikovurdering",
        "2. Nuværende situation",
        "3. Overvejet støtte til bolig, arbejde og uddannelse",
        "4. Overvejet støtte efter denne eller anden lovgivning",
    ]:
        assert heading in page
    assert "Risikoniveau: Høj" in page
    assert "Brødrene har truet hende." in page


def test_a_missing_part_is_an_error_and_keeps_the_input(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)

    response = client.post(url("action-plan-new", case), plan_form(situation_work=""))

    page = response.content.decode()
    assert response.status_code == 400
    assert "alle handleplanens fire dele skal udfyldes" in page
    assert PLAN["situation_relatives"].replace("'", "&#x27;") in page
    assert not ActionPlan.objects.exists()


def test_a_plan_not_made_with_the_person_is_refused(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)

    response = client.post(url("action-plan-new", case), plan_form(made_with_person=None))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Handleplanen skal udarbejdes sammen med borgeren (§ 12 a, stk. 4)." in page
    assert PLAN["support_other_law"] in page
    assert not ActionPlan.objects.exists()


def test_versions_each_start_from_the_latest(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)

    response = client.post(url("action-plan-new", case), plan_form())

    first = ActionPlan.objects.get(case=case)
    assert first.version == 1 and first.made_with_person
    assert response.url == url("action-plan", case, 1)
    assert case.journal.filter(kind="action_plan").count() == 1

    form = client.get(url("action-plan-new", case)).content.decode()
    assert PLAN["support_housing_work_education"] in form
    assert "Udfyldt fra version 1" in form
    assert 'name="made_with_person"' in form and "checked" not in form  # confirmed anew

    client.post(url("action-plan-new", case), plan_form(situation_work="Fuldtidsjob."))

    assert list(case.action_plans.values_list("version", "situation_work")) == [
        (2, "Fuldtidsjob."),
        (1, PLAN["situation_work"]),
    ]


def test_viewing_a_version_is_audited(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    make_plan(case, client.user)

    response = client.get(url("action-plan", case, 1))

    page = response.content.decode()
    assert response.status_code == 200
    assert PLAN["situation_relatives"].replace("'", "&#x27;") in page
    assert url("action-plan-pdf", case, 1) in page
    event = AuditEvent.objects.get(action="case.action_plan_view")
    assert event.person_key == case.notification.reference
    assert event.detail == {"version": 1}
    assert event.actor_id == client.user.pk


def test_the_case_page_lists_the_versions(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    make_plan(case, client.user)
    make_plan(case, client.user)

    page = client.get(reverse("cases:detail", args=[case.notification.reference])).content.decode()

    assert url("action-plan", case, 1) in page
    assert url("action-plan", case, 2) in page
    assert url("action-plan-new", case) in page


def test_the_pdf_is_a_download_without_names_and_audited_as_a_print(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    make_plan(case, client.user)
    reference = case.notification.reference

    response = client.get(url("action-plan-pdf", case, 1))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="handleplan-{reference}-v1.pdf"'
    )
    assert "Aisha" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="case.print")
    assert event.detail == {"document": "action_plan", "version": 1}
    assert event.person_key == reference
    assert_accessible_pdf(
        response.content, title="Handleplan efter servicelovens § 12 a, version 1", lang="da"
    )


def test_the_pdf_holds_what_the_person_is_given_and_no_cpr(staff_client, intake, monkeypatch):
    client = staff_client(roles.COORDINATOR)
    case = adult_case(client.user, intake)
    make_plan(case, client.user)
    rendered = {}

    def fake_render_pdf(template, context, *, cache_key=None):
        rendered["html"] = render_to_string(template, {**context, "static_base": STATIC_BASE})
        rendered["cache_key"] = cache_key
        return b"%PDF-fake"

    monkeypatch.setattr(section12a_views, "render_pdf", fake_render_pdf)

    client.get(url("action-plan-pdf", case, 1))

    html = rendered["html"]
    assert rendered["cache_key"] is None  # personal data is never cached
    for text in [
        "Allerød Kommune",
        case.notification.reference,
        PERSON,
        "Version",
        "1. Risikovurdering",
        PLAN["situation_housing"],
        PLAN["support_other_law_purpose"],
        "udarbejdet sammen med borgeren",
        "Fortroligt – indeholder personoplysninger",
    ]:
        assert text in html, text
    assert CPR not in html and CPR[:6] not in html


# -- Need to know ----------------------------------------------------------------------------


def test_another_coordinator_is_refused_everything(staff_client, intake):
    owner = make_staff("ejer", roles.COORDINATOR)
    case = adult_case(owner, intake)
    make_plan(case, owner)
    client = staff_client(roles.COORDINATOR, username="anden")

    for name, args in [
        ("counselling", []),
        ("action-plan-new", []),
        ("action-plan", [1]),
        ("action-plan-pdf", [1]),
    ]:
        assert client.get(url(name, case, *args)).status_code == 404, name
    assert client.post(url("action-plan-new", case), plan_form()).status_code == 404
    assert case.action_plans.count() == 1
    assert not AuditEvent.objects.filter(action__in=["case.action_plan_view", "case.print"])
    assert AuditEvent.objects.filter(action="case.view_refused").exists()


def test_press_is_refused(staff_client, intake):
    owner = make_staff("ejer", roles.COORDINATOR)
    case = adult_case(owner, intake)
    make_plan(case, owner)
    client = staff_client(roles.PRESS)

    assert client.get(url("action-plan", case, 1)).status_code == 403
    assert client.get(url("action-plan-pdf", case, 1)).status_code == 403


def test_reading_is_not_changing(staff_client, intake):
    """Someone who may see the case (here by breaking the glass) may read the plan, not change it."""
    owner = make_staff("ejer", roles.COORDINATOR)
    case = adult_case(owner, intake)
    make_plan(case, owner)
    client = staff_client(roles.INTERVENTION_GROUP)
    services.break_glass(case, user=client.user, reason="Akut henvendelse fra politiet i aften.")

    assert client.get(url("action-plan", case, 1)).status_code == 200
    assert client.get(url("counselling", case)).status_code == 403
    assert client.post(url("action-plan-new", case), plan_form()).status_code == 403
    assert case.action_plans.count() == 1


def test_child_cases_and_unknown_references_are_not_found(staff_client, intake):
    client = staff_client(roles.LEADER)  # a leader sees every case
    case = child_case(intake)

    for name, args in [
        ("counselling", []),
        ("action-plan-new", []),
        ("action-plan", [1]),
        ("action-plan-pdf", [1]),
    ]:
        assert client.get(url(name, case, *args)).status_code == 404, name
    assert client.get(reverse("section12a:counselling", args=["U-0000-0000"])).status_code == 404
    assert (
        render_to_string(
            "section12a/includes/section12a.html", {"case": case, "can_work": True}
        ).strip()
        == ""
    )


def test_a_version_of_another_cases_plan_is_not_reachable(staff_client, intake):
    client = staff_client(roles.COORDINATOR)
    mine = adult_case(client.user, intake)
    other = adult_case(make_staff("ejer", roles.COORDINATOR), intake)
    make_plan(other, other.coordinator)
    make_plan(other, other.coordinator)
    make_plan(mine, client.user)

    assert client.get(url("action-plan", mine, 2)).status_code == 404
    assert client.get(url("action-plan-pdf", mine, 2)).status_code == 404
    assert client.get(url("action-plan", other, 1)).status_code == 404
    assert client.get(url("action-plan", mine, 1)).status_code == 200
