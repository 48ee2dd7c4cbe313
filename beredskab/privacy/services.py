"""Retention and subject access.

Retention: after the plan's retention period a closed case loses every personal field that
`registry.py` lists, in every table tied to it (the counts for statistics remain). Subject access:
a person's data, the log of who used it, and what was left out and why (GDPR art. 15).
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beredskab.accounts import roles as r
from beredskab.audit.services import record
from beredskab.cases.models import Case, CaseState, CloseReason
from beredskab.intake.models import Notification, NotifierKind
from beredskab.meetings.models import AgendaItem, Meeting
from beredskab.persons.models import Role
from beredskab.persons.services import forget_notification
from beredskab.plans.selectors import current_plan
from beredskab.section12a.services import ACTION_PLAN_FIELDS

from . import selectors
from .registry import REMOVED, Removal, removals

__all__ = ["REMOVED", "apply_retention", "export_person"]


# -- Retention -------------------------------------------------------------------------------


@dataclass
class RetentionReport:
    cutoff: dt.datetime
    anonymised: list[str]  # references
    meetings: list[int] = field(default_factory=list)  # ids
    leftovers: int = 0  # rows cleaned that an earlier run had left


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
    """Anonymise the closed cases older than `years`, then the meetings that concern only
    anonymised cases, and remove what an earlier version of this job left behind."""
    now = now or timezone.now()
    cutoff = retention_cutoff(years, now)
    due = list(
        cases_due_for_anonymisation(years, now).values_list("notification__reference", flat=True)
    )
    report = RetentionReport(cutoff=cutoff, anonymised=due)
    if dry_run:
        return report
    for reference in due:
        anonymise_case(Case.objects.get(notification__reference=reference), now=now)
    with transaction.atomic():
        report.leftovers = _remove_leftovers()
        report.meetings = _anonymise_meetings(cutoff)
    return report


@transaction.atomic
def anonymise_case(case: Case, *, now: dt.datetime) -> None:
    """Remove names, numbers and free text; keep dates, types, tracks and outcomes (statistics)."""
    notification = Notification.objects.select_for_update().get(pk=case.notification_id)
    if notification.anonymised_at is not None:
        return  # another run got here first
    notification.anonymised_at = now
    notification.save(update_fields=["anonymised_at"])
    _remove_personal_data(Case.objects.filter(pk=case.pk))
    forget_notification(notification)  # person records that only this notification kept
    record(
        "retention.anonymise",
        obj=notification,
        person_key=notification.reference,
        detail={"closed_at": case.closed_at.isoformat() if case.closed_at else None},
    )


def _remove_personal_data(cases) -> int:
    """Apply the registry to every row tied to `cases`; return how many rows changed."""
    changed = 0
    for removal in removals():
        lookup = f"{removal.rows}__in" if removal.rows else "pk__in"
        changed += _remove(removal, removal.model.objects.filter(**{lookup: cases}))
    return changed


def _remove_leftovers() -> int:
    """Earlier versions of this job left free text in anonymised cases: remove it now."""
    changed = _remove_personal_data(Case.objects.filter(notification__anonymised_at__isnull=False))
    linked = Notification.objects.filter(
        anonymised_at__isnull=False, person_links__isnull=False
    ).distinct()
    for notification in linked:
        forget_notification(notification)
        changed += 1
    if changed:
        record("retention.leftovers", detail={"rows": changed})
    return changed


def _anonymise_meetings(cutoff: dt.datetime) -> list[int]:
    """Minutes are written per meeting and may name every case on its agenda: they go once no
    case on the agenda is kept; a meeting with no agenda, after the retention period."""
    kept = AgendaItem.objects.filter(
        meeting=OuterRef("pk"), case__notification__anonymised_at__isnull=True
    )
    on_agenda = AgendaItem.objects.filter(meeting=OuterRef("pk"))
    due = Meeting.objects.filter(~Exists(kept)).filter(Exists(on_agenda) | Q(starts_at__lt=cutoff))
    ids = []
    for removal in removals(meetings=True):
        rows = due.filter(_still_personal(removal))
        ids += list(rows.values_list("pk", flat=True))
        _remove(removal, removal.model.objects.filter(pk__in=ids))
    for meeting in Meeting.objects.filter(pk__in=ids):
        record("retention.anonymise_meeting", obj=meeting)
    return ids


def _emptied(model_field):
    return None if model_field.null else model_field.get_default()


def _still_personal(removal: Removal) -> Q:
    """Rows where a field to blank or redact still holds something."""
    conditions = [Q(pk__in=[])]
    for name in removal.blank:
        empty = _emptied(removal.model._meta.get_field(name))
        conditions.append(Q(**{f"{name}__isnull": False}) if empty is None else ~Q(**{name: empty}))
    for name in removal.redact:
        conditions.append(~Q(**{name: ""}) & ~Q(**{name: REMOVED}))
    return reduce(operator.or_, conditions)


def _remove(removal: Removal, rows) -> int:
    if removal.delete_rows:
        if removal.files:
            for row in rows.only("pk", *removal.files):
                for name in removal.files:
                    stored = getattr(row, name)
                    if stored:
                        stored.delete(save=False)
        return rows.delete()[1].get(removal.model._meta.label, 0)
    changes = {name: _emptied(removal.model._meta.get_field(name)) for name in removal.blank}
    for name in removal.redact:
        changes[name] = models.Case(
            models.When(**{name: ""}, then=models.Value("")), default=models.Value(REMOVED)
        )
    return rows.filter(_still_personal(removal)).update(**changes)


# -- Subject access --------------------------------------------------------------------------

# What the person is told about each use of their data: the kind of use, never who.
USES = {
    "person.export": gettext_lazy("eksporteret"),
    "case.print": gettext_lazy("udskrevet"),
    "notification.create": gettext_lazy("oprettet"),
    "case.break_glass": gettext_lazy("adgang uden for sagens faste medarbejdere (bryd glasset)"),
    "retention.anonymise": gettext_lazy("anonymiseret"),
}

# The unit a role belongs to: what the person is told instead of the employee's name.
UNITS = {
    r.INTAKE: gettext_lazy("Modtagelsen"),
    r.COORDINATOR: gettext_lazy("Tovholderen"),
    r.INTERVENTION_GROUP: gettext_lazy("Indsatsgruppen"),
    r.CHILDREN_UNIT: gettext_lazy("Børneenheden"),
    r.LEADER: gettext_lazy("Ledelsen"),
    r.PRESS: gettext_lazy("Pressekontakten"),
    r.PLAN_ADMIN: gettext_lazy("Planadministrationen"),
    r.AUDITOR: gettext_lazy("Revisionen"),
    r.SYSADMIN: gettext_lazy("IT-driften"),
}

WHY_PRIVATE_NOTIFIER = gettext_lazy(
    "Underretteren er en privatperson. Hensynet til underretteren går forud for din interesse i "
    "at kende identiteten (databeskyttelseslovens § 22, stk. 1)."
)
WHY_EXEMPTED = gettext_lazy(
    "Undtaget efter en konkret afvejning af hensynet til underretteren "
    "(databeskyttelseslovens § 22, stk. 1)."
)
WHY_FREE_TEXT = gettext_lazy(
    "Fritekst kan nævne underretteren og andre personer og gengive, hvad et barn har fortalt. En "
    "sagsbehandler læser teksten og udleverer det, som en konkret afvejning tillader "
    "(databeskyttelseslovens § 22, stk. 1)."
)
WHY_THIRD_PARTY = gettext_lazy(
    "Oplysninger om andre personer end dig (databeskyttelseslovens § 22, stk. 1)."
)
WHY_UNCONFIRMED = gettext_lazy(
    "Knyttet til dig uden dit CPR-nummer. En sagsbehandler bekræfter, at det er dig, før noget "
    "udleveres."
)


def kind_of_use(action: str) -> str:
    """A Danish description of what an audited action did with the data."""
    if action in USES:
        return str(USES[action])
    verb = action.rpartition(".")[2]
    if verb.endswith("refused"):
        return _("forsøgt læst, adgang nægtet")
    if verb.endswith(("view", "form", "download")):
        return _("læst")
    if verb.endswith(("print", "pdf")):
        return _("udskrevet")
    if verb.endswith(("export", "csv")):
        return _("eksporteret")
    return _("ændret")


def units_of(actor_ids) -> dict[int, str]:
    """Each employee's unit(s), from their roles today (the trail does not keep roles)."""
    memberships = (
        get_user_model()
        .groups.through.objects.filter(user_id__in=set(actor_ids) - {None}, group__name__in=UNITS)
        .values_list("user_id", "group__name")
    )
    roles_by_user: dict[int, set[str]] = {}
    for user_id, role in memberships:
        roles_by_user.setdefault(user_id, set()).add(role)
    return {
        user_id: ", ".join(str(label) for role, label in UNITS.items() if role in held)
        for user_id, held in roles_by_user.items()
    }


def _local(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _plan_text(text: dict) -> str:
    return text.get((translation.get_language() or "da")[:2]) or text["da"]


class _Redactions(list):
    def add(self, reference, item, what, why, count=1):
        if count:
            self.append(
                {
                    "reference": reference,
                    "item": item,
                    "what": str(what),
                    "count": count,
                    "why": str(why),
                }
            )


@transaction.atomic
def export_person(
    *, by, cpr_number: str = "", reference: str = "", exempt_notifier=False, request=None
) -> dict:
    """Everything held about the person concerned that they are entitled to, for a subject access
    request (GDPR art. 15), made by the employee `by` and audited with them as the actor.

    Left out, and listed under "redacted" with the reason so a caseworker can weigh each: a private
    notifier's identity (any notifier's with `exempt_notifier`), free text (it can name the
    notifier and others and retell what a child said), other persons in the family, attachments
    and the press log. The log of uses names the unit, never the employee."""
    if by is None:
        raise ValueError("a subject access export needs the employee who makes it")
    notifications = list(
        selectors.notifications_about(cpr_number=cpr_number, reference=reference)
        .select_related("case")
        .prefetch_related(
            "concerns",
            "attachments",
            "person_links",
            "case__journal",
            "case__assessments__answers",
            "case__action_plans",
            "case__counselling_offers",
            "case__initiatives",
            "case__handovers",
            "case__agenda_items__meeting",
            "case__press_inquiries",
        )
        .order_by("received_at", "pk")
    )
    persons = selectors.person_records_of(notifications, cpr_number=cpr_number)
    for n in notifications:
        record(
            "person.export",
            request=request,
            actor=by,
            obj=n,
            person_key=n.reference,
            detail={"exempt_notifier": bool(exempt_notifier)},
        )
    plan = current_plan()
    redacted = _Redactions()
    result = {
        "generated_at": _local(timezone.now()),
        "person_records": [
            {
                "id": p.label,
                "name": p.name,
                "cpr": p.cpr or "",
                "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                "address": p.address,
            }
            for p in persons
        ],
        "notifications": [
            _notification(n, plan, redacted, exempt_notifier=exempt_notifier) for n in notifications
        ],
    }
    elsewhere = list(selectors.links_elsewhere(persons, notifications))
    redacted.add(
        "",
        "unconfirmed_notifications",
        _("Underretninger, som medarbejdere har knyttet til din person"),
        WHY_UNCONFIRMED,
        sum(1 for link in elsewhere if link.role == Role.AT_RISK),
    )
    redacted.add(
        "",
        "mentioned_in_other_notifications",
        _("Underretninger om andre, hvor du er nævnt som familiemedlem"),
        WHY_THIRD_PARTY,
        sum(1 for link in elsewhere if link.role != Role.AT_RISK),
    )
    result["log"] = _log(
        references=[n.reference for n in notifications], person_labels=[p.label for p in persons]
    )
    result["redacted"] = list(redacted)
    return result


def _notification(n, plan, redacted, *, exempt_notifier) -> dict:
    ref = n.reference
    identity = {
        "name": n.notifier_name,
        "workplace": n.notifier_workplace,
        "role": n.notifier_role,
        "phone": n.notifier_phone,
        "email": n.notifier_email,
        "address": n.notifier_address,
    }
    notifier = {"kind": n.get_notifier_kind_display()}
    if any(identity.values()):
        # Professionals and authorities cannot notify anonymously; anyone else is a private person.
        if n.notifier_kind not in (NotifierKind.PROFESSIONAL, NotifierKind.AUTHORITY):
            redacted.add(ref, "notifier", _("Underretterens identitet"), WHY_PRIVATE_NOTIFIER)
        elif exempt_notifier:
            redacted.add(ref, "notifier", _("Underretterens identitet"), WHY_EXEMPTED)
        else:
            notifier.update(identity)
    for item, what, value in (
        ("description", _("Beskrivelsen af, hvad der er sket"), n.description),
        ("notifier_actions", _("Hvad underretteren har gjort"), n.notifier_actions),
    ):
        redacted.add(ref, item, what, WHY_FREE_TEXT, int(bool(value.strip())))
    redacted.add(
        ref,
        "children_details",
        _("Oplysninger om børn i husstanden"),
        WHY_THIRD_PARTY,
        int(bool(n.children_details.strip())),
    )
    redacted.add(
        ref, "attachments", _("Bilag fra underretteren"), WHY_FREE_TEXT, len(n.attachments.all())
    )
    redacted.add(
        ref,
        "related_persons",
        _("Andre personer i familien"),
        WHY_THIRD_PARTY,
        sum(1 for link in n.person_links.all() if link.role != Role.AT_RISK),
    )
    concerns = [plan.concern_type(c.concern_type) for c in n.concerns.all()]
    return {
        "reference": ref,
        "received_at": _local(n.received_at),
        "channel": n.get_channel_display(),
        "concern_types": [_plan_text(c.title) for c in concerns if c is not None],
        "notifier": notifier,
        "about_you": {
            "name": n.person_name,
            "cpr": n.person_cpr,
            "birth_date": n.person_birth_date.isoformat() if n.person_birth_date else None,
            "age": n.person_age,
            "age_group": n.get_age_group_display(),
            "address": n.person_address,
            "language": n.person_language,
            "interpreter_needed": n.interpreter_needed,
        },
        "immediate_danger": n.immediate_danger,
        "case": _case(n.case, ref, plan, redacted),
    }


def _case(case, ref, plan, redacted) -> dict:
    factors = {f.key: _plan_text(f.text) for f in plan.risk_factors}
    initiative_names = {i.key: _plan_text(i.name) for i in plan.initiative_types}
    journal = list(case.journal.all())
    assessments = list(case.assessments.all())
    redacted.add(
        ref, "journal", _("Journalens tekst"), WHY_FREE_TEXT, sum(1 for e in journal if e.text)
    )
    redacted.add(
        ref,
        "risk_assessment_text",
        _("Begrundelser og bemærkninger i risikovurderingen"),
        WHY_FREE_TEXT,
        sum(1 for a in assessments if a.justification or a.other_action)
        + sum(1 for a in assessments for x in a.answers.all() if x.note),
    )
    notes = (
        sum(1 for o in case.counselling_offers.all() if o.note)
        + sum(1 for i in case.initiatives.all() if i.description or i.outcome)
        + sum(1 for h in case.handovers.all() if h.note)
        + int(bool(case.close_note))
    )
    redacted.add(
        ref,
        "notes",
        _("Bemærkninger om rådgivning, indsatser, overdragelse og afslutning"),
        WHY_FREE_TEXT,
        notes,
    )
    agenda = list(case.agenda_items.all())
    redacted.add(
        ref,
        "meeting_minutes",
        _("Indsatsgruppens referater og drøftelser (de omhandler flere borgere)"),
        WHY_THIRD_PARTY,
        sum(1 for item in agenda if item.discussion or item.meeting.minutes),
    )
    redacted.add(
        ref,
        "press_inquiries",
        _("Pressehenvendelser om sagen"),
        WHY_THIRD_PARTY,
        len(case.press_inquiries.all()),
    )
    return {
        "state": case.get_state_display(),
        "track": case.get_track_display(),
        "opened_at": _local(case.opened_at),
        "closed_at": _local(case.closed_at),
        "close_reason": (
            str(CloseReason(case.close_reason).label)
            if case.close_reason in CloseReason.values
            else case.close_reason
        ),
        "journal": [{"at": _local(e.at), "kind": e.get_kind_display()} for e in journal],
        "risk_assessments": [
            {
                "revision": a.revision,
                "assessed_at": _local(a.assessed_at),
                "level": a.get_level_display(),
                "acute_action_needed": a.acute_action_needed,
                "police_contacted": a.police_contacted,
                "safe_house": a.safe_house,
                "social_doegnvagt": a.social_doegnvagt,
                "answers": [
                    {"factor": factors.get(x.factor, x.factor), "answer": x.get_answer_display()}
                    for x in a.answers.all()
                ],
            }
            for a in assessments
        ],
        "counselling": [
            {"at": _local(o.at), "status": o.get_status_display()}
            for o in case.counselling_offers.all()
        ],
        # Made together with the person (Serviceloven § 12 a, stk. 4): handed out in full.
        "action_plans": [
            {
                "version": p.version,
                "agreed_on": p.agreed_on.isoformat(),
                "parts": {name: getattr(p, name) for name in ACTION_PLAN_FIELDS},
            }
            for p in case.action_plans.all()
        ],
        "meetings": [{"starts_at": _local(item.meeting.starts_at)} for item in agenda],
        "initiatives": [
            {
                "kind": initiative_names.get(i.kind, i.kind),
                "status": i.get_status_display(),
                "due_on": i.due_on.isoformat(),
                "referred_on": i.referred_on.isoformat() if i.referred_on else None,
            }
            for i in case.initiatives.all()
        ],
        "handovers": [
            {"received_at": _local(h.received_at), "method": h.get_method_display()}
            for h in case.handovers.all()
        ],
    }


def _log(*, references, person_labels) -> list[dict]:
    """The log entries about the person: when, what kind of use, which unit; no staff names."""
    events = list(selectors.audit_events_about(references=references, person_labels=person_labels))
    units = units_of(e.actor_id for e in events)
    keys = set(references) | set(person_labels)
    return [
        {
            "at": _local(e.at),
            "use": kind_of_use(e.action),
            "unit": (
                units.get(e.actor_id, _("Kommunen")) if e.actor_id is not None else _("Systemet")
            ),
            "reference": next((k for k in (e.person_key, e.object_id) if k in keys), ""),
        }
        for e in events
    ]
