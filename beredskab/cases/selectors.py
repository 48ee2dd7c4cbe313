"""Reading cases: the case list, one case with its timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from beredskab.dates import format_date
from beredskab.deadlines.models import DeadlineEvent
from beredskab.plans.schema import RISK_DOMAINS
from beredskab.plans.templatetags.plan_text import t

from .access import cases_visible_to
from .hooks import reassessment_reasons, registered_closing_warnings
from .models import AssessmentKind, Case, CaseState, JournalEntry, RiskAssessment


def case_list(user, *, state="", track="", limit=500):
    queryset = cases_visible_to(user).select_related("notification", "coordinator")
    if state:
        queryset = queryset.filter(state=state)
    if track:
        queryset = queryset.filter(track=track)
    return queryset.order_by("-notification__received_at")[:limit]


def search_cases(user, *, by: str, value, limit: int = 50):
    """The cases the user may see that match one criterion: a reference (any case, any letter
    case), a name (part of the person's name), a CPR number, or the day the notification was
    received. Need to know first: a case the user may not see is never found."""
    queryset = cases_visible_to(user).select_related("notification", "coordinator")
    if by == "reference":
        queryset = queryset.filter(notification__reference__iexact=value.strip())
    elif by == "name":
        queryset = queryset.filter(notification__person_name__icontains=value.strip())
    elif by == "cpr":
        queryset = queryset.filter(notification__person_cpr=value)
    elif by == "date":
        start = timezone.make_aware(datetime.combine(value, datetime.min.time()))
        queryset = queryset.filter(
            notification__received_at__gte=start,
            notification__received_at__lt=start + timedelta(days=1),
        )
    else:
        return Case.objects.none()
    return queryset.order_by("-notification__received_at")[:limit]


def case_by_reference(reference: str) -> Case | None:
    """References are written in capitals (U-7K2M-9XWA); one typed in small letters or with
    spaces around it names the same case."""
    return (
        Case.objects.select_related("notification", "coordinator")
        .filter(notification__reference=reference.strip().upper())
        .first()
    )


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str
    label: str
    text: str
    author: str
    entry: JournalEntry | None = None


def case_timeline(case) -> list[TimelineItem]:
    """The journal and the deadline history in one list, oldest first."""
    entries = (
        JournalEntry.objects.filter(case=case)
        .select_related("author", "corrects")
        .prefetch_related(
            Prefetch("corrections", queryset=JournalEntry.objects.only("id", "corrects_id"))
        )
    )
    items = [
        TimelineItem(
            at=e.at,
            kind=e.kind,
            label=e.get_kind_display(),
            text=e.text,
            author=(e.author.get_full_name() or e.author.get_username()) if e.author else "",
            entry=e,
        )
        for e in entries
    ]
    for event in DeadlineEvent.objects.filter(notification_id=case.notification_id):
        items.append(
            TimelineItem(
                at=event.at,
                kind="deadline",
                label=f"{event.get_deadline_display()}: {event.get_event_display()}",
                text=f"Frist {timezone.localtime(event.due_at):%d-%m-%Y %H:%M}",
                author="",
            )
        )
    return sorted(items, key=lambda item: (item.at, item.kind))


def closing_warnings(case) -> list[str]:
    """What closing the case would leave undone: a receipt still owed to the notifier, and
    whatever the apps above register (open initiatives)."""
    notification = case.notification
    warnings = []
    if notification.receipt_needed and notification.receipt_sent_at is None:
        warnings.append(
            gettext("Underretter har ikke fået kvittering (%(how)s).")
            % {"how": notification.get_receipt_method_display().lower()}
        )
    return warnings + registered_closing_warnings(case)


# -- Risk assessment -------------------------------------------------------------------------


def latest_full_assessment(case) -> RiskAssessment | None:
    """The newest full risk assessment: the one § 12 a action plans, the § 18, stk. 3 decision
    and the Indsatsgruppe rely on (a screening alone is not enough for them)."""
    return (
        case.assessments.filter(kind=AssessmentKind.FULL)
        .select_related("assessed_by")
        .order_by("-revision")
        .first()
    )


def family_contact(case) -> str:
    """The latest full risk assessment's judgement whether parents or network may be involved
    (Barnets Lov § 18, stk. 3): "safe", "not_safe", or "" when none says (a screening does not
    judge it, and a newer full assessment that leaves it open makes it open again)."""
    latest = (
        case.assessments.filter(kind=AssessmentKind.FULL)
        .order_by("-revision")
        .values_list("family_contact", flat=True)
        .first()
    )
    return latest or ""


def factors_by_domain(plan) -> list[tuple[str, str | Promise, list]]:
    """The plan's risk factors grouped into the three domains: (domain key, title, factors)."""
    return [
        (domain, DOMAIN_TITLES[domain], [f for f in plan.risk_factors if f.domain == domain])
        for domain in RISK_DOMAINS
    ]


DOMAIN_TITLES = {
    "violence": gettext_lazy("Volden og truslerne"),
    "perpetrator": gettext_lazy("Udøveren eller udøverne"),
    "vulnerability": gettext_lazy("Personens sårbarhed"),
}


def reassessment_prompts(case, plan, now: datetime | None = None) -> list[str]:
    """Why the case's risk assessment should be made (again) now: a screening not yet followed
    by a full assessment, a review date passed or an assessment older than the plan's review
    period, a known journey or holiday ahead, and the events other apps report (a new
    notification about the same person, a protective measure that has ended)."""
    if case.state == CaseState.CLOSED:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    newest = case.assessments.order_by("-revision").first()
    if newest is None:
        return []
    full = latest_full_assessment(case)
    prompts = []
    if full is None:
        prompts.append(_("Der er kun lavet en indledende screening: lav en fuld risikovurdering."))
    else:
        rules = plan.risk_assessment
        if full.review_on and full.review_on < today:
            prompts.append(_("Revurderingsdatoen %s er overskredet.") % format_date(full.review_on))
        elif full.assessed_at < now - dt.timedelta(days=rules.review_days):
            prompts.append(
                _("Risikovurderingen er ældre end %d dage, og sagen er åben.") % rules.review_days
            )
    travel = newest.known_travel_on
    if travel and today <= travel <= today + dt.timedelta(
        days=plan.risk_assessment.before_travel_days
    ):
        prompts.append(
            _("Kendt rejse eller ferie %s: revurdér risikoen før afrejsen.") % format_date(travel)
        )
    prompts.extend(reassessment_reasons(case, newest.assessed_at))
    return prompts


def assessment_domains(assessment, plan) -> list[tuple[str | Promise, list]]:
    """An assessment's ratings by the plan's domains: (title, [(factor text, answer)]); ratings
    of factors the plan no longer has come last, under their keys."""
    answers = {answer.factor: answer for answer in assessment.answers.all()}
    groups = []
    for _key, title, factors in factors_by_domain(plan):
        rows = [(f.text, answers.pop(f.key)) for f in factors if f.key in answers]
        if rows:
            groups.append((title, rows))
    if answers:
        groups.append(
            (gettext_lazy("Andre faktorer"), [({"da": key}, a) for key, a in answers.items()])
        )
    return groups


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _rating(answer) -> str:
    if answer is None:
        return "–"
    text = _("Nu: %s") % answer.get_now_display()
    if answer.earlier:
        text += ", " + _("tidligere: %s") % answer.get_earlier_display()
    return text + (f". {answer.note}" if answer.note else "")


def _scenarios(assessment) -> str:
    return "\n".join(
        f"{s.what} ({s.who}; {s.get_how_soon_display()})" for s in assessment.scenarios.all()
    )


def _victims(assessment) -> str:
    return "\n".join(
        v.get_relation_display()
        + (f": {v.description}" if v.description else "")
        + (" (" + str(_("under 18 år")) + ")" if v.is_child else "")
        for v in assessment.likely_victims.all()
    )


def comparison_rows(old, new, plan) -> list[ComparisonRow]:
    """Two assessments side by side, row by row, so a reader sees what changed."""

    def pair(label, value):
        return ComparisonRow(str(label), value(old) or "–", value(new) or "–")

    rows = [
        pair(_("Risiko for alvorlig vold"), lambda a: a.get_serious_violence_display()),
        pair(_("Akut risiko"), lambda a: a.get_acute_risk_display()),
        pair(_("Akut indsats nødvendig"), lambda a: _("Ja") if a.acute_action_needed else _("Nej")),
        pair(_("Kan forældre/netværk inddrages?"), lambda a: a.get_family_contact_display()),
    ]
    old_answers = {a.factor: a for a in old.answers.all()}
    new_answers = {a.factor: a for a in new.answers.all()}
    for factor in plan.risk_factors:
        if factor.key in old_answers or factor.key in new_answers:
            rows.append(
                ComparisonRow(
                    t(factor.text),
                    _rating(old_answers.get(factor.key)),
                    _rating(new_answers.get(factor.key)),
                )
            )
    rows += [
        pair(_("Scenarier"), _scenarios),
        pair(_("Sandsynlige ofre"), _victims),
        pair(_("Beskyttende faktorer"), lambda a: a.protective_factors),
        pair(_("Kilder"), lambda a: a.sources),
        pair(_("Begrundelse"), lambda a: a.justification),
        pair(_("Kendt rejse eller ferie"), lambda a: format_date(a.known_travel_on)),
        pair(_("Revurderes senest"), lambda a: format_date(a.review_on)),
    ]
    return rows


def security_consultants_initiative(plan):
    """The initiative the plan offers when a judgement is high (the § 12 c referral to the
    national security consultants), or None when the plan names none."""
    key = plan.risk_assessment.high_risk_referral
    return next((item for item in plan.initiative_types if item.key == key), None)
