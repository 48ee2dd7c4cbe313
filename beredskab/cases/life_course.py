"""The life course: a child grows up, a case is handed over, a person moves away.

- The age at which a person moves to the adult track is the plan's (`tracks.adult_from_age`).
  Open child cases are watched for that birthday (`manage.py watch_age_limit`, daily): the
  birthday is recorded once (beredskab.once), journaled and audited, and the case page prompts to
  move the person to the adult track (a coordinator, the offer of counselling under
  Serviceloven § 12 a).
- After a hand-over the receiving unit records the case's status (received, investigation
  started, closed), so the case does not vanish from view.
- A case closed because the person moved to another municipality gets a task to inform the new
  municipality; when and how it was done is recorded.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beredskab.accounts import roles
from beredskab.audit.services import record
from beredskab.dates import format_date
from beredskab.once import not_recorded, record_once
from beredskab.outbox.models import EmailKind
from beredskab.outbox.services import queue_email
from beredskab.plans.selectors import current_plan

from .access import active_assignments
from .models import (
    INTAKE_STATES,
    AgeLimitEvent,
    Case,
    CaseState,
    CloseReason,
    JournalEntry,
    JournalKind,
    MoveNotice,
    ReceivingStatus,
    ReceivingStatusReport,
    Track,
)
from .workflow import start_progress


class LifeCourseError(ValueError):
    """A step of the life course the rules do not allow (shown to the user as a message)."""


def birthday(born: dt.date, age: int) -> dt.date:
    """The day a person born on `born` turns `age` (29 February: 1 March in other years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


def _born_on_or_before(today: dt.date, age: int) -> dt.date:
    """The latest birth date of someone who is `age` or older on `today`."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # today is 29 February
        return dt.date(today.year - age, 2, 28)


def adult_from_age() -> int:
    return current_plan().tracks.adult_from_age


def becomes_adult_on(case: Case) -> dt.date | None:
    """When the person of a child case reaches the plan's age for the adult track."""
    born = case.notification.person_birth_date
    if case.track != Track.CHILD or born is None:
        return None
    return birthday(born, adult_from_age())


def open_child_cases():
    return Case.objects.filter(track=Track.CHILD).exclude(state=CaseState.CLOSED)


def _case_url(case: Case) -> str:
    return settings.BEREDSKAB_BASE_URL.rstrip("/") + reverse(
        "cases:detail", kwargs={"reference": case.notification.reference}
    )


def _people_on(case: Case) -> list[str]:
    """Whom a prompt about a case is e-mailed to: its coordinator and the people assigned to it;
    when nobody is, the children's unit."""
    User = get_user_model()
    ids = set(active_assignments().filter(case=case).values_list("user", flat=True))
    if case.coordinator_id:
        ids.add(case.coordinator_id)
    people = User.objects.filter(is_active=True, email__gt="")
    people = people.filter(pk__in=ids) if ids else people.filter(groups__name=roles.CHILDREN_UNIT)
    return sorted(set(people.values_list("email", flat=True)))


def watch_age_limit(now: dt.datetime | None = None) -> list[str]:
    """Record, once each, the open child cases whose person has reached the plan's age for the
    adult track; journal, audit and e-mail the people on the case. The references recorded."""
    now = now or timezone.now()
    age = adult_from_age()
    today = timezone.localdate(now)
    due = not_recorded(
        open_child_cases().filter(
            notification__person_birth_date__lte=_born_on_or_before(today, age)
        ),
        AgeLimitEvent.objects,
        to="case",
        age=age,
    ).select_related("notification")
    recorded = []
    for case in due.order_by("pk"):
        reached_on = birthday(case.notification.person_birth_date, age)

        def prompt(event, case=case, reached_on=reached_on):
            JournalEntry.objects.create(
                case=case,
                at=now,
                kind=JournalKind.AGE_LIMIT,
                text=_(
                    "Personen fyldte %(age)s år %(day)s: flyt sagen til voksensporet (tovholder, "
                    "tilbud om gratis rådgivning efter serviceloven § 12 a)."
                )
                % {"age": age, "day": format_date(reached_on)},
            )
            record(
                "case.age_limit_reached",
                obj=case,
                person_key=case.audit_key,
                detail={"age": age},
            )
            with translation.override("da"):
                body = render_to_string(
                    "cases/email/age_limit.txt", {"age": age, "url": _case_url(case)}
                )
            for address in _people_on(case):
                queue_email(
                    kind=EmailKind.CASE_PROMPT,
                    to=address,
                    subject="En sag skal flyttes til voksensporet",
                    body=body,
                )

        if record_once(
            AgeLimitEvent, then=prompt, case=case, age=age, reached_on=reached_on, at=now
        ):
            recorded.append(case.notification.reference)
    return recorded


def age_limit_prompt(case: Case) -> AgeLimitEvent | None:
    """The recorded birthday that asks for the move to the adult track, while it is pending."""
    if case.track != Track.CHILD or case.state == CaseState.CLOSED:
        return None
    return case.age_limit_events.order_by("-at").first()


@transaction.atomic
def move_to_adult_track(case: Case, *, coordinator, by, request=None) -> Case:
    """The person has reached the plan's age: the case goes on on the adult track with a
    coordinator, who offers counselling under Serviceloven § 12 a."""
    case = Case.objects.select_for_update().select_related("notification").get(pk=case.pk)
    if case.track != Track.CHILD or case.state == CaseState.CLOSED:
        raise LifeCourseError(_("Kun en åben sag på børnesporet kan flyttes til voksensporet."))
    if not coordinator.groups.filter(name=roles.COORDINATOR).exists():
        raise LifeCourseError(_("Den valgte medarbejder er ikke tovholder."))
    case.track = Track.ADULT
    case.coordinator = coordinator
    case.save(update_fields=["track", "coordinator"])
    # A routed child case goes on as an adult's case in progress (the life cycle's table).
    start_progress(case, by)
    JournalEntry.objects.create(
        case=case,
        at=timezone.now(),
        author=by,
        kind=JournalKind.AGE_LIMIT,
        text=_(
            "Flyttet til voksensporet (planens aldersgrænse %(age)s år). Tovholder: %(who)s. "
            "Tilbyd gratis rådgivning efter serviceloven § 12 a og overvej en handleplan."
        )
        % {"age": adult_from_age(), "who": coordinator.get_full_name() or coordinator.username},
    )
    record(
        "case.adult_track",
        request=request,
        actor=by,
        obj=case,
        person_key=case.audit_key,
        detail={"coordinator": coordinator.pk},
    )
    return case


@transaction.atomic
def record_receiving_status(case: Case, *, status: str, by, note: str = "", request=None):
    """The unit that received the case says where it stands."""
    if status not in ReceivingStatus.values:
        raise LifeCourseError(_("Vælg sagens status."))
    if case.state in INTAKE_STATES:
        raise LifeCourseError(_("Sagen er ikke overdraget endnu."))
    report = ReceivingStatusReport.objects.create(
        case=case, status=status, note=note.strip(), at=timezone.now(), by=by
    )
    JournalEntry.objects.create(
        case=case,
        at=report.at,
        author=by,
        kind=JournalKind.RECEIVING_STATUS,
        text=_("Status fra den modtagende enhed: %(status)s. %(note)s")
        % {"status": report.get_status_display(), "note": report.note},
    )
    record(
        "case.receiving_status",
        request=request,
        actor=by,
        obj=case,
        person_key=case.audit_key,
        detail={"status": status},
    )
    return report


def handed_over_cases(limit: int = 500):
    """Cases Modtagelsen has let go of, with the receiving unit's latest status: references and
    statuses only (nothing about the person), so a case does not vanish from view once
    Modtagelsen no longer reads it."""
    latest = ReceivingStatusReport.objects.filter(case=OuterRef("pk")).order_by("-at", "-id")
    return (
        Case.objects.filter(routed_at__isnull=False)
        .select_related("notification")
        .only("id", "state", "track", "routed_at", "notification__reference")
        .annotate(
            receiving_status=Subquery(latest.values("status")[:1]),
            receiving_status_at=Subquery(latest.values("at")[:1]),
        )
        .order_by("-routed_at")[:limit]
    )


def receiving_status(case: Case) -> ReceivingStatusReport | None:
    return case.receiving_statuses.select_related("by").order_by("-at", "-id").first()


def create_move_notice(case: Case, *, new_municipality: str, by) -> MoveNotice:
    """In the transaction that closes the case as moved: the task to inform the new
    municipality."""
    if case.close_reason != CloseReason.MOVED:
        raise LifeCourseError(_("Sagen er ikke lukket, fordi personen er flyttet."))
    notice = MoveNotice.objects.create(
        case=case,
        new_municipality=new_municipality.strip(),
        created_at=timezone.now(),
        created_by=by,
    )
    JournalEntry.objects.create(
        case=case,
        at=notice.created_at,
        author=by,
        kind=JournalKind.MOVED,
        text=_("Opgave: orientér %(municipality)s om sagen.")
        % {"municipality": notice.new_municipality or _("den nye kommune")},
    )
    return notice


@transaction.atomic
def record_new_municipality_informed(case: Case, *, how: str, by, request=None) -> MoveNotice:
    notice = MoveNotice.objects.select_for_update().get(case=case)
    if notice.informed_at is not None:
        raise LifeCourseError(_("Den nye kommune er allerede orienteret."))
    if not how.strip():
        raise LifeCourseError(_("Skriv hvordan den nye kommune er orienteret."))
    notice.informed_at, notice.informed_by, notice.how = timezone.now(), by, how.strip()
    notice.save(update_fields=["informed_at", "informed_by", "how"])
    JournalEntry.objects.create(
        case=case,
        at=notice.informed_at,
        author=by,
        kind=JournalKind.MOVED,
        text=_("%(municipality)s er orienteret: %(how)s")
        % {"municipality": notice.new_municipality or _("Den nye kommune"), "how": notice.how},
    )
    record(
        "case.new_municipality_informed",
        request=request,
        actor=by,
        obj=case,
        person_key=case.audit_key,
    )
    return notice
