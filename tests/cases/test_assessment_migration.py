"""Upgrading keeps every assessment made with the old form: a yes becomes "present, now", a no
"absent, now", an unknown "unknown, now"; the overall level stays and gives the judgements."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from beredskab.accounts import roles
from beredskab.cases.models import AssessmentKind, RiskAssessment
from tests.factories import make_staff
from tests.intake.helpers import make_notification

BEFORE = [("cases", "0011_journal_kinds_life_course")]
AFTER = [("cases", "0014_remove_riskfactoranswer_answer")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_answers_become_ratings_now_and_the_level_becomes_judgements(allerod_plan):
    intake = make_staff("modtager", roles.INTAKE)
    first, second = make_notification().case, make_notification().case

    old = migrate(BEFORE)
    Assessment = old.get_model("cases", "RiskAssessment")
    Answer = old.get_model("cases", "RiskFactorAnswer")
    rows = {}
    for case, level, answers in (
        (first, "medium", {"own_fear": ("yes", "Bange for far"), "self_harm": ("no", "")}),
        (second, "acute", {"planned_travel": ("unknown", "Måske til sommer")}),
    ):
        assessment = Assessment.objects.create(
            case_id=case.pk,
            revision=1,
            level=level,
            acute_action_needed=level == "acute",
            police_contacted=level == "acute",
            justification=f"Begrundelse {level}",
            assessed_by_id=intake.pk,
            assessed_at=timezone.now(),
        )
        rows[case.pk] = assessment.pk
        for factor, (answer, note) in answers.items():
            Answer.objects.create(assessment=assessment, factor=factor, answer=answer, note=note)
    migrate(AFTER)
    # Every app back to its latest migration: rolling cases back also unapplied the apps that
    # depend on it, which the rest of the run needs.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    medium = RiskAssessment.objects.get(pk=rows[first.pk])
    assert medium.kind == AssessmentKind.FULL  # what later steps rely on, as before
    assert (medium.level, medium.serious_violence, medium.acute_risk) == ("medium", "medium", "")
    assert medium.justification == "Begrundelse medium"
    assert {(a.factor, a.now, a.earlier, a.note) for a in medium.answers.all()} == {
        ("own_fear", "present", "", "Bange for far"),
        ("self_harm", "absent", "", ""),
    }
    acute = RiskAssessment.objects.get(pk=rows[second.pk])
    assert (acute.level, acute.serious_violence, acute.acute_risk) == ("acute", "high", "high")
    assert acute.acute_action_needed and acute.police_contacted
    assert [(a.now, a.note) for a in acute.answers.all()] == [("unknown", "Måske til sommer")]
