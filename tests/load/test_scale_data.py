"""manage.py generate_scale_data: fictional data at scale that looks like the services made it."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from bench.generator import generate
from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.audit.sealing import seal_events
from beredskab.audit.services import record, verify_chain
from beredskab.cases.models import INTAKE_STATES, Case, RiskAssessment, RiskFactorAnswer
from beredskab.deadlines.models import DeadlineEvent
from beredskab.intake.models import Notification
from beredskab.intake.selectors import QueueFilters, intake_queue
from beredskab.plans.selectors import current_plan

pytestmark = pytest.mark.usefixtures("allerod_plan")


def test_every_notification_has_its_case_deadlines_and_a_valid_audit_trail():
    record("plan.loaded_before")  # the chain continues from an existing event
    events_before = AuditEvent.objects.count()

    report = generate(200, seed=7, check_constraints=True)

    connection.check_constraints()  # every foreign key points at a row
    assert Notification.objects.count() == 200
    assert Case.objects.count() == 200
    assert not Notification.objects.filter(case__isnull=True).exists()
    assert not Notification.objects.filter(concerns__isnull=True).exists()
    assert DeadlineEvent.objects.filter(event="set", deadline="assessment").count() == 200
    factors = RiskFactorAnswer.objects.values("assessment").annotate(n=Count("id"))
    assert {row["n"] for row in factors} == {len(current_plan().risk_factors)}
    assert RiskAssessment.objects.values("case").distinct().count() == (
        Notification.objects.filter(assessed_at__isnull=False).count()
    )
    assert report.counts["notification"] == 200
    # (and a few more: the fictional staff accounts' creation is audited too)
    assert report.counts["audit"] <= AuditEvent.objects.count() - events_before
    # The generated events are sealed; what the services recorded meanwhile is sealed after them.
    assert AuditEvent.objects.filter(seq__isnull=True).count() < 10
    seal_events()
    assert verify_chain() == []
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(
        range(1, AuditEvent.objects.count() + 1)
    )
    assert AuditSubject.objects.filter(key=Notification.objects.first().reference).exists()


def test_a_few_are_open_in_the_queue_and_the_rest_spread_over_the_years(time_machine):
    # The whole test happens at one moment: what the generator writes with the real clock (the
    # fictional staff accounts' role changes) must not land after the generated history.
    now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
    time_machine.move_to(now, tick=False)

    report = generate(400, seed=3, years=8, now=now)

    open_ = Notification.objects.filter(case__state__in=INTAKE_STATES)
    assert open_.count() == report.open_in_intake == 20
    queue = intake_queue(QueueFilters(), now=now, warning=dt.timedelta(hours=4))
    assert len(queue) == 20
    oldest = Notification.objects.order_by("received_at").first().received_at
    assert now - dt.timedelta(days=8 * 366) < oldest < now - dt.timedelta(days=7 * 365)
    assert Case.objects.filter(state="closed").count() > 300
    assert Notification.objects.filter(received_at__gt=now).count() == 0
    assert DeadlineEvent.objects.filter(at__gt=now).count() == 0
    assert AuditEvent.objects.filter(at__gt=now).count() == 0
    # Closed cases older than the plan's 5 years have had their personal data removed.
    assert Notification.objects.filter(anonymised_at__isnull=False).exists()


def test_the_command_appends_and_the_chain_still_verifies():
    call_command("generate_scale_data", "50", "--seed", "1", "--force", verbosity=0)
    call_command("generate_scale_data", "50", "--seed", "2", "--force", verbosity=0)

    assert Notification.objects.count() == 100
    assert Notification.objects.values("reference").distinct().count() == 100
    assert verify_chain() == []


def test_the_command_refuses_production_settings_without_force(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("generate_scale_data", "10", verbosity=0)
    assert not Notification.objects.exists()
