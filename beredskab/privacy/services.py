"""Retention and subject access: the personal data of closed cases is removed after the plan's
retention period (the counts for statistics remain), and a person's data can be exported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from beredskab.audit.services import record
from beredskab.cases.models import (
    ActionPlan,
    Case,
    CaseState,
    CounsellingOffer,
    Decision,
    Handover,
    Initiative,
    JournalEntry,
    RiskAssessment,
    RiskFactorAnswer,
)
from beredskab.intake import cpr
from beredskab.intake.models import Notification
from beredskab.persons.services import forget_notification

REMOVED = "[anonymiseret]"


@dataclass
class RetentionReport:
    cutoff: dt.datetime
    anonymised: list[str]  # references


def retention_cutoff(years: int, now: dt.datetime) -> dt.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def cases_due_for_anonymisation(years: int, now: dt.datetime | None = None):
    cutoff = retention_cutoff(years, now or timezone.now())
    return Case.objects.filter(
        state=CaseState.CLOSED, closed_at__lt=cutoff, notification__anonymised_at__isnull=True
    )


def apply_retention(years: int, *, now: dt.datetime | None = None, dry_run=False):
    now = now or timezone.now()
    due = list(
        cases_due_for_anonymisation(years, now).values_list("notification__reference", flat=True)
    )
    if not dry_run:
        for reference in due:
            anonymise_case(Case.objects.get(notification__reference=reference), now=now)
    return RetentionReport(cutoff=retention_cutoff(years, now), anonymised=due)


@transaction.atomic
def anonymise_case(case: Case, *, now: dt.datetime) -> None:
    """Remove names, numbers and free text; keep dates, types, tracks and outcomes (statistics)."""
    notification = Notification.objects.select_for_update().get(pk=case.notification_id)
    for name in (
        "notifier_name",
        "notifier_workplace",
        "notifier_role",
        "notifier_phone",
        "notifier_email",
        "notifier_address",
        "person_name",
        "person_cpr",
        "person_address",
        "person_language",
        "children_details",
        "notifier_actions",
    ):
        setattr(notification, name, "")
    notification.description = REMOVED
    notification.person_birth_date = None
    notification.anonymised_at = now
    notification.save()
    for attachment in notification.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    notification.emails.update(to="anonymiseret@invalid", body=REMOVED)
    JournalEntry.objects.filter(case=case).update(text=REMOVED)
    RiskAssessment.objects.filter(case=case).update(justification=REMOVED, other_action="")
    RiskFactorAnswer.objects.filter(assessment__case=case).update(note="")
    Handover.objects.filter(case=case).update(received_by_name=REMOVED, note="")
    CounsellingOffer.objects.filter(case=case).update(note="")
    ActionPlan.objects.filter(case=case).update(
        **dict.fromkeys(
            (
                "risk_assessment",
                "situation_housing",
                "situation_work",
                "situation_education",
                "situation_relatives",
                "support_housing_work_education",
                "support_housing_work_education_purpose",
                "support_other_law",
                "support_other_law_purpose",
            ),
            REMOVED,
        )
    )
    Decision.objects.filter(agenda_item__case=case).update(text=REMOVED)
    Initiative.objects.filter(case=case).update(description="", outcome="")
    Case.objects.filter(pk=case.pk).update(close_note="")
    forget_notification(notification)  # person records that only this notification kept
    record(
        "retention.anonymise",
        obj=notification,
        person_key=notification.reference,
        detail={"closed_at": case.closed_at.isoformat() if case.closed_at else None},
    )


def notifications_about(*, cpr_number: str = "", reference: str = ""):
    queryset = Notification.objects.filter(anonymised_at__isnull=True)
    if cpr_number:
        return queryset.filter(person_cpr=cpr.normalise(cpr_number))
    if reference:
        return queryset.filter(reference=reference.strip().upper())
    return queryset.none()


def export_person(*, cpr_number: str = "", reference: str = "", actor=None, request=None) -> dict:
    """Everything held about the person concerned, for a subject access request (GDPR art. 15).
    Staff names stay (they are part of the case); the export is audited."""
    notifications = list(
        notifications_about(cpr_number=cpr_number, reference=reference)
        .select_related("case")
        .prefetch_related(
            "concerns",
            "case__journal",
            "case__assessments__answers",
            "case__action_plans",
            "case__counselling_offers",
            "case__initiatives",
        )
    )
    result = {"generated_at": timezone.now().isoformat(), "notifications": []}
    for n in notifications:
        case = n.case
        result["notifications"].append(
            {
                "reference": n.reference,
                "received_at": n.received_at.isoformat(),
                "channel": n.channel,
                "concern_types": [c.concern_type for c in n.concerns.all()],
                "person": {
                    "name": n.person_name,
                    "cpr": n.person_cpr,
                    "birth_date": n.person_birth_date.isoformat() if n.person_birth_date else None,
                    "address": n.person_address,
                    "language": n.person_language,
                },
                "description": n.description,
                "case": {
                    "state": case.state,
                    "track": case.track,
                    "journal": [
                        {"at": e.at.isoformat(), "kind": e.kind, "text": e.text}
                        for e in case.journal.all()
                    ],
                    "risk_assessments": [
                        {
                            "revision": a.revision,
                            "level": a.level,
                            "justification": a.justification,
                            "answers": {x.factor: x.answer for x in a.answers.all()},
                        }
                        for a in case.assessments.all()
                    ],
                    "action_plans": [
                        {"version": p.version, "agreed_on": p.agreed_on.isoformat()}
                        for p in case.action_plans.all()
                    ],
                    "counselling": [
                        {"status": o.status, "at": o.at.isoformat()}
                        for o in case.counselling_offers.all()
                    ],
                    "initiatives": [
                        {"kind": i.kind, "status": i.status, "due_on": i.due_on.isoformat()}
                        for i in case.initiatives.all()
                    ],
                },
            }
        )
        record("person.export", request=request, actor=actor, obj=n, person_key=n.reference)
    return result
