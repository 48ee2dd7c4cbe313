"""Fictional data at national scale for benchmarks: notifications with their cases, deadlines,
risk assessments, journal, hand-overs, initiatives, receipts and a valid audit trail.

Rows are built in Python and written in bulk, never through the per-row services: COPY on
PostgreSQL, `bulk_create` elsewhere. Every name, address and number here is made up; e-mail
addresses end in `.invalid`. The data follows the life cycle the services would have produced
(deadline events as the sweep records them, journal entries, audit events filed under their
case's reference and sealed into the chain with `beredskab.audit.chain.event_hash`), spread
over `years` years, most cases closed, the oldest anonymised after the plan's retention period,
and a few hundred notifications still open in Modtagelsen's queue.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.utils import translation

from bench.names import LINK_COLUMNS, PERSON_COLUMNS, Persons
from beredskab.accounts import roles
from beredskab.audit import chain
from beredskab.audit.models import AuditEvent, AuditSubject
from beredskab.cases.models import (
    Case,
    CaseState,
    CloseReason,
    Handover,
    JournalEntry,
    RiskAssessment,
    RiskFactorAnswer,
    Track,
)
from beredskab.deadlines.models import DeadlineEvent
from beredskab.deadlines.rules import Deadlines, compute_deadlines
from beredskab.deadlines.workdays import COPENHAGEN, ClosedDayLike, WorkingCalendar
from beredskab.intake.models import REFERENCE_ALPHABET, Notification, NotificationConcern
from beredskab.meetings.models import OPEN_INITIATIVE_STATES, Initiative, InitiativeStatus
from beredskab.outbox.models import OutboundEmail
from beredskab.persons.models import NotificationPerson, Person
from beredskab.plans.selectors import current_plan, current_version
from beredskab.privacy.services import REMOVED

UTC = dt.UTC
HOUR = dt.timedelta(hours=1)
# Notifications received in the last few days are the ones still open in Modtagelsen's queue.
OPEN_WINDOW = dt.timedelta(days=4)
MAX_OPEN_IN_INTAKE = 250
# From this many notifications, PostgreSQL's indexes are dropped for the load and built after it.
REBUILD_INDEXES_FROM = 50_000

CHANNELS = [
    ("web_professional", 35),
    ("phone", 20),
    ("email", 15),
    ("web_citizen", 12),
    ("police", 8),
    ("social_doegnvagt", 5),
    ("letter", 3),
    ("api", 2),
]
CHANNEL_LABELS = {
    "web_professional": "webformular, fagperson",
    "web_citizen": "webformular, borger",
    "phone": "telefon",
    "email": "e-mail",
    "letter": "brev",
    "police": "politiet",
    "social_doegnvagt": "social døgnvagt",
    "api": "andet fagsystem (api)",
}
STAFF_CHANNELS = {"phone", "email", "letter", "police", "social_doegnvagt"}
CONCERNS = [
    ("social_control", 40),
    ("honour_abuse", 25),
    ("forced_marriage", 20),
    ("stay_abroad", 15),
]
RISK_LEVELS = [("low", 45), ("medium", 30), ("high", 18), ("acute", 7)]
RISK_LABELS = {"low": "Lav", "medium": "Middel", "high": "Høj", "acute": "Akut"}
WORKPLACES = ["Lillerød Skole", "Blovstrød Skole", "Sundhedsplejen", "Ungdomsskolen", "Jobcenter"]
ROLES_AT_WORK = ["Klasselærer", "Sundhedsplejerske", "Sagsbehandler", "Pædagog", "Vejleder"]
LANGUAGES = ["dansk", "arabisk", "tyrkisk", "somali", "urdu", "farsi", "engelsk"]
DESCRIPTIONS = [
    "Eleven fortæller, at familien holder øje med, hvem hun taler med, og tager hendes telefon.",
    "Borgeren fortæller om trusler fra familien, hvis hun ikke gifter sig med den udvalgte.",
    "Den unge er bange for at blive sendt på en længere rejse til forældrenes hjemland.",
    "Naboen har hørt råb og trusler om vold mod datteren, der har en kæreste.",
    "Den unge må ikke deltage i fritidsaktiviteter og bliver hentet og bragt af brødrene.",
]
NOTES = [
    "Telefonsamtale med underretter; oplysningerne bekræftet.",
    "Møde med borgeren aftalt på et sikkert sted.",
    "Samarbejdspartner orienteret efter aftale med borgeren.",
    "Opfølgning: situationen er uændret.",
]


def _columns(names: str) -> list[str]:
    return names.split()


def _weighted(pairs):
    values = [value for value, _ in pairs]
    cumulative, total = [], 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative


@dataclass
class Table:
    """One model's rows, in the order of `columns` (attnames); model fields not listed are
    filled with their defaults, so a field added later does not break the generator."""

    model: type[models.Model]
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    next_id: int = 1
    count: int = 0

    def __post_init__(self):
        fields = list(self.model._meta.concrete_fields)
        by_attname = {f.attname: f for f in fields}
        unknown = [c for c in self.columns if c not in by_attname]
        if unknown:
            raise RuntimeError(f"{self.model.__name__} has no field(s) {', '.join(unknown)}")
        self.extra_fields = [f for f in fields if f.attname not in self.columns]
        for f in self.extra_fields:
            if not f.has_default() and not f.null:
                raise RuntimeError(
                    f"{self.model.__name__}.{f.name} is new and has no default: "
                    "teach bench/generator.py to fill it"
                )
        self.callable_defaults = any(callable(f.default) for f in self.extra_fields)
        self.suffix = (
            () if self.callable_defaults else tuple(f.get_default() for f in self.extra_fields)
        )
        self.all_columns = self.columns + [f.attname for f in self.extra_fields]
        self.json_positions = [
            i
            for i, name in enumerate(self.all_columns)
            if isinstance(by_attname[name], models.JSONField)
        ]

    def new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def add(self, row: tuple) -> None:
        if self.callable_defaults:
            row = row + tuple(f.get_default() for f in self.extra_fields)
        elif self.suffix:
            row = row + self.suffix
        self.rows.append(row)
        self.count += 1


@dataclass
class ScaleReport:
    counts: dict[str, int]
    seconds: float
    open_in_intake: int


def reference_for(number: int) -> str:
    """A reference from a sequence number: a bijection (odd multiplier modulo 32**8), so distinct
    numbers never collide, and the references look random like `new_reference()`'s."""
    value = (number * 0x9E3779B1 + 0x5DEECE66D) % (1 << 40)
    code = "".join(REFERENCE_ALPHABET[(value >> (5 * i)) & 31] for i in range(8))
    return f"U-{code[:4]}-{code[4:]}"


class Writer:
    """COPY on PostgreSQL; bulk_create on other databases."""

    def __init__(self, tables: list[Table]):
        self.tables = tables
        self.postgres = connection.vendor == "postgresql"

    def flush(self) -> None:
        for table in self.tables:
            if table.rows:
                if self.postgres:
                    self._copy(table)
                else:
                    self._bulk_create(table)
                table.rows = []

    def _copy(self, table: Table) -> None:
        columns = ", ".join(connection.ops.quote_name(c) for c in table.all_columns)
        sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"
        json_positions = table.json_positions
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            if json_positions:
                for row in table.rows:
                    values = list(row)
                    for i in json_positions:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                    copy.write_row(values)
            else:
                for row in table.rows:
                    copy.write_row(row)

    def _bulk_create(self, table: Table) -> None:
        model, names = table.model, table.all_columns
        objects = [model(**dict(zip(names, row, strict=True))) for row in table.rows]
        model._default_manager.bulk_create(objects, batch_size=2000)
        first, last = table.rows[0][0], table.rows[-1][0]
        # auto_now_add fields were set to "now" by bulk_create: put the generated times back.
        if model is Notification:
            Notification.objects.filter(pk__range=(first, last)).update(
                registered_at=models.F("received_at")
            )
        elif model is OutboundEmail:
            OutboundEmail.objects.filter(pk__range=(first, last)).update(
                created_at=models.F("next_attempt_at")
            )


class RememberingCalendar(WorkingCalendar):
    """The plan's working days, each answer kept: a million notifications ask about the same few
    thousand days."""

    def __init__(self, closed_days: Iterable[ClosedDayLike] = ()) -> None:
        super().__init__(closed_days)
        self._known: dict[tuple[dt.date, int], dt.date] = {}

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        found = self._known.get((day, count))
        if found is None:
            found = self._known[day, count] = super().add_working_days(day, count)
        return found


class Generator:
    seq: int  # the audit chain's head, from run() on
    head_hash: str
    pending_events: list[tuple]  # a heap of audit events by time

    def __init__(self, n, *, seed, years, now, chunk_size, progress):
        self.n = n
        self.rng = random.Random(seed)  # noqa: S311 - fictional data, not secrets
        self.now = (now or dt.datetime.now(UTC)).astimezone(UTC)
        self.years = years
        self.chunk_size = chunk_size
        self.progress = progress
        self.plan = current_plan()
        self.version = current_version()
        self.calendar = RememberingCalendar(self.plan.contact.extra_closed_days)
        self.warning = dt.timedelta(hours=self.plan.deadlines.warning_hours)
        self.latest = self.now - HOUR  # nothing in the history happens later than this
        self.retention_cutoff = self.now - dt.timedelta(
            days=365 * self.plan.retention.closed_case_years
        )
        self.factors = [f.key for f in self.plan.risk_factors]
        self.initiative_kinds = [i.key for i in self.plan.initiative_types]
        self.channels = _weighted(CHANNELS)
        self.concerns = _weighted(CONCERNS)
        self.levels = _weighted(RISK_LEVELS)
        self.users = self._staff_users()
        self.pending_events = []
        self.event_order = 0
        self.domain = "scale.invalid"
        self.persons = Persons(self.rng, LANGUAGES)
        with translation.override("da"):  # plain strings: formatting lazy ones is slow
            self.state_labels = {key: str(label) for key, label in CaseState.choices}
            self.close_labels = {key: str(label) for key, label in CloseReason.choices}

    # -- set-up ------------------------------------------------------------------------------

    def _staff_users(self) -> dict[str, list]:
        """A few fictional staff per role, without a usable password (they never sign in)."""
        User = get_user_model()
        people = {
            roles.INTAKE: ["skala-modtager-1", "skala-modtager-2", "skala-modtager-3"],
            roles.COORDINATOR: ["skala-tovholder-1", "skala-tovholder-2"],
            roles.CHILDREN_UNIT: ["skala-boerneenhed-1", "skala-boerneenhed-2"],
        }
        users: dict[str, list] = {}
        for role, usernames in people.items():
            group, _ = Group.objects.get_or_create(name=role)
            users[role] = []
            for username in usernames:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "is_staff": True,
                        "first_name": username.split("-")[1].capitalize(),
                        "last_name": username.rsplit("-", 1)[1],
                        "email": f"{username}@{'scale.invalid'}",
                    },
                )
                if created:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
                    user.groups.add(group)
                users[role].append((user.pk, user.get_username(), user.get_full_name()))
        return users

    def tables(self) -> dict[str, Table]:
        tables = {
            "notification": Table(
                Notification,
                _columns(
                    "id reference plan_version_id channel received_at registered_at "
                    "registered_by_id notifier_kind notifier_name notifier_workplace notifier_role "
                    "notifier_phone "
                    "notifier_email notifier_address person_name person_cpr person_birth_date "
                    "person_age person_address person_language interpreter_needed "
                    "children_in_household children_details age_group description immediate_danger "
                    "notifier_actions family_knows assessment_due_at assessed_at receipt_method "
                    "receipt_due_at receipt_sent_at next_due_at anonymised_at"
                ),
            ),
            "person": Table(Person, _columns(PERSON_COLUMNS)),
            "person_link": Table(NotificationPerson, _columns(LINK_COLUMNS)),
            "concern": Table(NotificationConcern, ["id", "notification_id", "concern_type"]),
            "case": Table(
                Case,
                _columns(
                    "id notification_id state track opened_at closed_at coordinator_id routed_at "
                    "close_reason close_note"
                ),
            ),
            "deadline_event": Table(
                DeadlineEvent, _columns("id notification_id deadline event at due_at")
            ),
            "assessment": Table(
                RiskAssessment,
                _columns(
                    "id case_id revision kind level serious_violence acute_risk family_contact "
                    "acute_action_needed police_contacted safe_house social_doegnvagt "
                    "other_action justification protective_factors sources change_reason "
                    "assessed_by_id assessed_at"
                ),
            ),
            "answer": Table(RiskFactorAnswer, _columns("id assessment_id factor now earlier note")),
            "journal": Table(JournalEntry, _columns("id case_id at author_id kind text")),
            "handover": Table(
                Handover,
                _columns(
                    "id case_id received_by_id received_by_name received_at method note "
                    "handed_over_by_id"
                ),
            ),
            "initiative": Table(
                Initiative,
                _columns(
                    "id case_id kind description responsible_id due_on status referred_on "
                    "partner_answer outcome created_at updated_at"
                ),
            ),
            "email": Table(
                OutboundEmail,
                _columns(
                    "id kind notification_id to subject body status attempts last_error created_at "
                    "next_attempt_at locked_until sent_at message_id"
                ),
            ),
            "audit": Table(
                AuditEvent,
                _columns(
                    "id seq at actor_id actor_username action object_type object_id person_key ip "
                    "detail prev_hash hash"
                ),
            ),
            "audit_subject": Table(AuditSubject, _columns("id event_id key at")),
        }
        self.existing_references = set(Notification.objects.values_list("reference", flat=True))
        for table in tables.values():
            largest = table.model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
            table.next_id = largest + 1
        return tables

    # -- helpers -----------------------------------------------------------------------------

    def pick(self, weighted) -> str:
        values, cumulative = weighted
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def deadlines(self, received_at: dt.datetime) -> Deadlines:
        """The deadlines registration sets, by the plan's rules (beredskab.deadlines.rules)."""
        return compute_deadlines(
            received_at,
            assessment_hours=self.plan.deadlines.assessment_hours,
            receipt_working_days=self.plan.deadlines.receipt_working_days,
            calendar=self.calendar,
        )

    def staff(self, role):
        return self.rng.choice(self.users[role])

    def audit(self, at, action, *, actor=None, object_type="", reference="", ip="", detail=None):
        self.event_order += 1
        heapq.heappush(
            self.pending_events,
            (
                at,
                self.event_order,
                actor[0] if actor else None,
                actor[1] if actor else "",
                action,
                object_type,
                reference,
                reference,
                ip,
                detail or {},
            ),
        )

    def chain_events(self, audit: Table, subjects: Table, before: dt.datetime | None) -> None:
        """Append the pending audit events older than `before` to the chain, in order, sealed
        as `manage.py seal_audit` would seal them."""
        pending = self.pending_events
        while pending and (before is None or pending[0][0] < before):
            at, _, actor_id, username, action, object_type, object_id, person_key, ip, detail = (
                heapq.heappop(pending)
            )
            event = _ChainEvent(
                audit.new_id(),
                self.seq + 1,
                at,
                actor_id,
                username,
                action,
                object_type,
                object_id,
                person_key,
                ip,
                detail,
            )
            keys = [person_key] if person_key else []
            digest = chain.event_hash(event, keys, self.head_hash)
            self.seq += 1
            audit.add(
                (
                    event.id,
                    event.seq,
                    at,
                    actor_id,
                    username,
                    action,
                    object_type,
                    object_id,
                    person_key,
                    ip,
                    detail,
                    self.head_hash,
                    digest,
                )
            )
            for key in keys:
                subjects.add((subjects.new_id(), event.id, key, at))
            self.head_hash = digest

    # -- the data ----------------------------------------------------------------------------

    def run(self, tables: dict[str, Table], writer: Writer) -> int:
        chain.lock()  # held until the load's transaction ends, as a sealer holds it
        head = chain.head()
        self.seq, self.head_hash = head.seq, head.hash
        open_count = min(MAX_OPEN_IN_INTAKE, max(1, self.n // 20)) if self.n else 0
        historical = self.n - open_count
        start = self.now - dt.timedelta(days=365 * self.years)
        history_end = self.now - OPEN_WINDOW
        span = (history_end - start).total_seconds()
        open_start = self.now - OPEN_WINDOW
        open_span = OPEN_WINDOW.total_seconds() - 600
        done = 0
        started = time.monotonic()
        while done < self.n:
            chunk_end = min(self.n, done + self.chunk_size)
            for i in range(done, chunk_end):
                if i < historical:
                    received = start + dt.timedelta(
                        seconds=span * (i + self.rng.random()) / historical
                    )
                    self.notification(tables, received, open_case=False)
                else:
                    k = i - historical
                    received = open_start + dt.timedelta(
                        seconds=open_span * (k + self.rng.random()) / open_count
                    )
                    self.notification(tables, received, open_case=True)
            done = chunk_end
            if done < historical:
                horizon = start + dt.timedelta(seconds=span * done / historical)
            elif done < self.n:
                horizon = open_start + dt.timedelta(
                    seconds=open_span * (done - historical) / open_count
                )
            else:
                horizon = None
            self.chain_events(tables["audit"], tables["audit_subject"], horizon)
            writer.flush()
            rate = done / max(time.monotonic() - started, 1e-9)
            self.progress(f"{done}/{self.n} notifications ({rate:,.0f}/s)")
        return open_count

    def notification(self, tables, received: dt.datetime, *, open_case: bool) -> None:
        rng = self.rng
        nid = tables["notification"].new_id()
        reference = reference_for(nid)
        while reference in self.existing_references:  # one made by the services, by chance
            reference = "U-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(4)) + "-"
            reference += "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(4))
        self.existing_references.add(reference)
        channel = self.pick(self.channels)
        roll = rng.random()
        if channel == "web_professional":
            kind = "professional"
        elif channel == "web_citizen":
            kind = "anonymous" if roll < 0.3 else "citizen"
        elif channel in ("police", "social_doegnvagt"):
            kind = "authority"
        else:
            kind = "professional" if roll < 0.7 else ("citizen" if roll < 0.9 else "anonymous")
        registered_by = self.staff(roles.INTAKE) if channel in STAFF_CHANNELS else None
        registered = received + (
            dt.timedelta(minutes=rng.randint(5, 240)) if registered_by else dt.timedelta(0)
        )
        registered = max(received, min(registered, self.now - dt.timedelta(minutes=1)))
        anonymous = kind == "anonymous"
        email = ""
        phone = ""
        method = "not_possible"
        if not anonymous:
            phone = " ".join(str(rng.randint(10, 99)) for _ in range(4))
            if channel == "web_professional" or rng.random() < 0.6:
                email = f"underretter{nid}@{self.domain}"
                method = "email"
            else:
                method = "phone" if rng.random() < 0.7 else "letter"
        age_roll = rng.random()
        age_group = "child" if age_roll < 0.55 else ("adult" if age_roll < 0.95 else "unknown")
        person_age = (
            rng.randint(8, 17)
            if age_group == "child"
            else rng.randint(18, 40)
            if age_group == "adult"
            else None
        )
        deadlines = self.deadlines(received)
        assessment_due = deadlines.assessment_due_at
        receipt_due = deadlines.receipt_due_at.astimezone(UTC) if method != "not_possible" else None

        # What happened next, as the services would have recorded it.
        # Assessed within 24 hours, mostly; never before it was registered.
        assessed = max(
            registered + dt.timedelta(minutes=45),
            received + dt.timedelta(hours=rng.uniform(0.5, 23.5 if rng.random() < 0.9 else 40)),
        )
        if open_case:
            if assessed > self.now - dt.timedelta(minutes=10) or rng.random() < 0.4:
                assessed = None
            state = CaseState.ASSESSED if assessed else CaseState.RECEIVED
        else:
            age_days = (self.now - received).days
            roll = rng.random()
            if age_days > 365:
                state = CaseState.CLOSED if roll < 0.985 else CaseState.IN_PROGRESS
            else:
                state = (
                    CaseState.CLOSED
                    if roll < 0.55
                    else CaseState.IN_PROGRESS
                    if roll < 0.8
                    else CaseState.ROUTED
                )
        receipt_sent = None
        failed_receipt = False
        if receipt_due is not None:
            if method == "email":
                if open_case and rng.random() < 0.05:
                    failed_receipt = True
                else:
                    receipt_sent = registered + dt.timedelta(seconds=rng.randint(5, 120))
                    receipt_sent = min(receipt_sent, self.now)
            else:
                later = registered + dt.timedelta(hours=rng.uniform(2, 24 * 9))
                if not open_case:
                    receipt_sent = max(registered, min(later, self.latest))
                elif later < self.now:
                    receipt_sent = later
        track = {"child": Track.CHILD, "adult": Track.ADULT}.get(age_group, Track.UNDECIDED)
        if track == Track.UNDECIDED and not open_case:
            track = Track.CHILD if rng.random() < 0.5 else Track.ADULT
        no_grounds = not open_case and state == CaseState.CLOSED and rng.random() < 0.25
        routed = None
        if not open_case and not no_grounds:
            routed = assessed + dt.timedelta(hours=rng.uniform(1, 24 * 5))
            routed = max(assessed, min(routed, self.latest))
        closed = None
        if state == CaseState.CLOSED:
            before = routed or assessed
            closed = before + dt.timedelta(days=rng.uniform(2, 180))
            closed = max(before + dt.timedelta(minutes=1), min(closed, self.latest))
        anonymised = None
        if closed is not None and closed < self.retention_cutoff:
            anonymised = closed + dt.timedelta(days=365 * self.plan.retention.closed_case_years + 1)
            anonymised = min(anonymised, self.latest)

        open_deadlines = []
        if assessed is None:
            open_deadlines.append(assessment_due)
        if receipt_due is not None and receipt_sent is None:
            open_deadlines.append(receipt_due)
        next_due = min(open_deadlines) if open_deadlines else None
        concern = self.pick(self.concerns)
        concerns = [concern]
        if rng.random() < 0.25:
            other = self.pick(self.concerns)
            if other != concern:
                concerns.append(other)
        keep = anonymised is None
        person = self.persons.describe(
            received.astimezone(COPENHAGEN).date(), person_age, age_group
        )
        if keep:  # (the retention job deletes an anonymised notification's person)
            pid = tables["person"].new_id()
            tables["person"].add(person.row(pid, registered))
            tables["person_link"].add(
                person.link(tables["person_link"].new_id(), nid, pid, registered, registered_by)
            )
        tables["notification"].add(
            (
                nid,
                reference,
                self.version.pk,
                channel,
                received,
                registered,
                registered_by[0] if registered_by else None,
                kind,
                f"Underretter {nid}" if keep and not anonymous else "",
                rng.choice(WORKPLACES) if keep and kind == "professional" else "",
                rng.choice(ROLES_AT_WORK) if keep and kind == "professional" else "",
                phone if keep else "",
                email if keep else "",
                f"Postvej {nid % 300 + 1}, 3450 Allerød" if keep and method == "letter" else "",
                person.name if keep else "",
                "",
                person.birth_date if keep else None,
                person.age,
                person.address if keep else "",
                person.language if keep else "",
                rng.random() < 0.1,
                rng.choice(("yes", "no", "unknown")),
                "",
                age_group,
                rng.choice(DESCRIPTIONS) if keep else REMOVED,
                rng.random() < 0.08,
                "Talt med min leder." if keep and kind == "professional" else "",
                rng.choice(("yes", "no", "unknown")),
                assessment_due,
                assessed,
                method,
                receipt_due,
                receipt_sent,
                next_due,
                anonymised,
            )
        )
        for key in concerns:
            tables["concern"].add((tables["concern"].new_id(), nid, key))

        case_id = tables["case"].new_id()
        coordinator = None
        if routed and track == Track.ADULT:
            coordinator = self.staff(roles.COORDINATOR)
        close_reason = ""
        if closed:
            close_reason = (
                CloseReason.NO_GROUNDS
                if no_grounds
                else rng.choice(
                    [
                        CloseReason.RESOLVED,
                        CloseReason.RESOLVED,
                        CloseReason.DECLINED,
                        CloseReason.MOVED,
                        CloseReason.HANDED_OVER,
                    ]
                )
            )
        tables["case"].add(
            (
                case_id,
                nid,
                state,
                track,
                registered,
                closed,
                coordinator[0] if coordinator else None,
                routed,
                close_reason,
                "Afsluttet efter opfølgning." if closed and keep else "",
            )
        )

        self.deadline_events(tables, nid, "assessment", registered, assessment_due, assessed)
        if receipt_due is not None:
            self.deadline_events(tables, nid, "receipt", registered, receipt_due, receipt_sent)

        # The journal, the assessment and the audit trail, in the order things happened.
        journal = tables["journal"]
        text = (lambda value: value) if keep else (lambda value: REMOVED)
        local = received.astimezone(COPENHAGEN)
        via = CHANNEL_LABELS[channel]
        journal.add(
            (
                journal.new_id(),
                case_id,
                registered,
                registered_by[0] if registered_by else None,
                "state",
                text(f"Underretning modtaget {local:%d-%m-%Y %H:%M} via {via}."),
            )
        )
        self.audit(
            registered,
            "notification.create",
            actor=registered_by,
            object_type="intake.notification",
            reference=reference,
            ip="10.20.0.15" if registered_by else f"192.0.2.{nid % 250 + 1}",
            detail={"channel": channel, "attachments": 0},
        )
        if receipt_sent is not None:
            by = None if method == "email" else self.staff(roles.INTAKE)
            label = {"email": "E-mail", "phone": "Telefon", "letter": "Brev"}[method]
            journal.add(
                (
                    journal.new_id(),
                    case_id,
                    receipt_sent,
                    by[0] if by else None,
                    "deadline",
                    text(f"Kvittering givet til underretter ({label})."),
                )
            )
            self.audit(
                receipt_sent,
                "notification.receipt_sent",
                actor=by,
                object_type="intake.notification",
                reference=reference,
                ip="10.20.0.15" if by else "",
                detail={"method": method},
            )
        if method == "email":
            self.receipt_email(
                tables,
                nid,
                reference,
                email if keep else "",
                registered,
                receipt_sent,
                failed_receipt,
            )
        assessor = None
        if assessed is not None:
            assessor = self.staff(roles.INTAKE)
            self.audit(
                assessed - dt.timedelta(minutes=rng.randint(5, 40)),
                "notification.view",
                actor=assessor,
                object_type="intake.notification",
                reference=reference,
                ip="10.20.0.15",
            )
            self.assessment(tables, case_id, reference, 1, assessed, assessor, keep)
            revised = assessed + dt.timedelta(days=rng.uniform(1, 20))
            if not open_case and rng.random() < 0.1 and revised < (closed or self.latest):
                self.assessment(tables, case_id, reference, 2, revised, assessor, keep)
            journal.add(
                (
                    journal.new_id(),
                    case_id,
                    assessed,
                    assessor[0],
                    "state",
                    f"{self.state_labels['received']} → {self.state_labels['assessed']}",
                )
            )
        if routed is not None:
            self.routing(tables, case_id, reference, track, routed, coordinator, keep, closed)
            for _ in range(rng.randint(0, 2)):
                at = routed + dt.timedelta(days=rng.uniform(1, 60))
                if at < (closed or self.latest):
                    author = coordinator or self.staff(roles.CHILDREN_UNIT)
                    journal.add(
                        (journal.new_id(), case_id, at, author[0], "note", text(rng.choice(NOTES)))
                    )
                    self.audit(
                        at,
                        "case.view",
                        actor=author,
                        object_type="cases.case",
                        reference=reference,
                        ip="10.20.0.31",
                    )
            if state == CaseState.IN_PROGRESS:
                journal.add(
                    (
                        journal.new_id(),
                        case_id,
                        routed + HOUR,
                        None,
                        "state",
                        f"{self.state_labels['routed']} → {self.state_labels['in_progress']}",
                    )
                )
        if closed is not None:
            by = coordinator or assessor or self.staff(roles.INTAKE)
            before = self.state_labels["in_progress"] if routed else self.state_labels["assessed"]
            after = f"{self.state_labels['closed']}: {self.close_labels[close_reason]}"
            journal.add(
                (
                    journal.new_id(),
                    case_id,
                    closed,
                    by[0],
                    "state",
                    text(f"{before} → {after}"),
                )
            )
            self.audit(
                closed,
                "case.close",
                actor=by,
                object_type="cases.case",
                reference=reference,
                ip="10.20.0.31",
                detail={"reason": close_reason},
            )
        if anonymised is not None and closed is not None:
            self.audit(
                anonymised,
                "retention.anonymise",
                object_type="intake.notification",
                reference=reference,
                detail={"closed_at": closed.isoformat()},
            )

    def deadline_events(self, tables, nid, deadline, registered, due, met_at) -> None:
        events = tables["deadline_event"]
        events.add((events.new_id(), nid, deadline, "set", registered, due))
        end = met_at or self.now
        # The sweep runs every minute: it has recorded thresholds passed before `end`.
        if end > due - self.warning:
            at = due - self.warning + dt.timedelta(seconds=self.rng.randint(0, 59))
            if at < end:
                events.add((events.new_id(), nid, deadline, "due_soon", max(at, registered), due))
        if end > due:
            at = due + dt.timedelta(seconds=self.rng.randint(0, 59))
            if at < end:
                events.add((events.new_id(), nid, deadline, "overdue", at, due))
        if met_at is not None:
            events.add(
                (events.new_id(), nid, deadline, "met" if met_at <= due else "missed", met_at, due)
            )

    def receipt_email(self, tables, nid, reference, to, created, sent, failed) -> None:
        emails = tables["email"]
        body = (
            f"Kære underretter\n\nVi har modtaget din underretning {reference}.\n\n"
            "Med venlig hilsen\nModtagelsen, Allerød Kommune\n"
        )
        emails.add(
            (
                emails.new_id(),
                "receipt",
                nid,
                to or "anonymiseret@invalid",
                f"Kvittering for underretning {reference}",
                body if to else REMOVED,
                "pending" if failed else "sent",
                3 if failed else 1,
                "ConnectionRefusedError: [Errno 111] Connection refused" if failed else "",
                created,
                self.now + dt.timedelta(minutes=15) if failed else created,
                None,
                sent,
                f"<{reference.lower()}-{nid}@{self.domain}>",
            )
        )

    def assessment(self, tables, case_id, reference, revision, at, assessor, keep) -> None:
        rng = self.rng
        assessments, answers, journal = tables["assessment"], tables["answer"], tables["journal"]
        level = self.pick(self.levels)
        acute = level == "acute" or (level == "high" and rng.random() < 0.3)
        justification = (
            "Vurderet ud fra underretningen og samtale med underretter." if keep else REMOVED
        )
        aid = assessments.new_id()
        violence = "high" if level == "acute" else level
        assessments.add(
            (
                aid,
                case_id,
                revision,
                "full",
                "",
                violence,
                "high" if acute else "low",
                # The § 18, stk. 3 judgement is not always made: most say nothing yet.
                self.rng.choice(["", "", "not_safe", "safe"]),
                acute,
                acute and rng.random() < 0.5,
                acute and rng.random() < 0.2,
                acute and rng.random() < 0.2,
                "",
                justification,
                "",
                "",
                "",
                assessor[0],
                at,
            )
        )
        for factor in self.factors:
            roll = rng.random()
            rating = "present" if roll < 0.2 else ("absent" if roll < 0.7 else "unknown")
            answers.add((answers.new_id(), aid, factor, rating, "", ""))
        what = "Risikovurdering" if revision == 1 else f"Risikovurdering revideret ({revision})"
        journal.add(
            (
                journal.new_id(),
                case_id,
                at,
                assessor[0],
                "assessment",
                f"{what}: {RISK_LABELS[level]}{', akut indsats nødvendig' if acute else ''}. "
                f"{justification}",
            )
        )
        self.audit(
            at,
            "case.assessment",
            actor=assessor,
            object_type="cases.case",
            reference=reference,
            ip="10.20.0.15",
            detail={"revision": revision, "level": level},
        )

    def routing(
        self, tables, case_id, reference, track, routed, coordinator, keep, closed=None
    ) -> None:
        rng = self.rng
        journal = tables["journal"]
        by = self.staff(roles.INTAKE)
        if track == Track.ADULT:
            journal.add(
                (
                    journal.new_id(),
                    case_id,
                    routed,
                    by[0],
                    "coordinator",
                    f"Tovholder: {coordinator[2]}. Sagen går til Indsatsgruppen.",
                )
            )
            self.audit(
                routed,
                "case.coordinator",
                actor=by,
                object_type="cases.case",
                reference=reference,
                ip="10.20.0.15",
                detail={"coordinator": coordinator[0]},
            )
            if rng.random() < 0.5:
                initiatives = tables["initiative"]
                for _ in range(rng.randint(1, 3)):
                    created = routed + dt.timedelta(days=rng.uniform(1, 30))
                    due_on = (created + dt.timedelta(days=rng.randint(7, 60))).date()
                    status = rng.choice(
                        [
                            InitiativeStatus.COMPLETED,
                            InitiativeStatus.COMPLETED,
                            InitiativeStatus.IN_PROGRESS,
                            InitiativeStatus.REFERRED,
                            InitiativeStatus.DECLINED,
                        ]
                    )
                    if created > self.latest:
                        continue
                    if closed is not None and status in OPEN_INITIATIVE_STATES:
                        # Closing a case warns of its open initiatives: they were seen to.
                        status = InitiativeStatus.COMPLETED
                    iid = initiatives.new_id()
                    kind = rng.choice(self.initiative_kinds)
                    initiatives.add(
                        (
                            iid,
                            case_id,
                            kind,
                            "" if not keep else "Aftalt med borgeren.",
                            coordinator[0],
                            due_on,
                            status,
                            created.date() if status != InitiativeStatus.PLANNED else None,
                            "",  # no answer from the partner recorded
                            "Gennemført som aftalt." if keep and status == "completed" else "",
                            created,
                            created,
                        )
                    )
                    self.audit(
                        created,
                        "case.initiative",
                        actor=coordinator,
                        object_type="cases.case",
                        reference=reference,
                        ip="10.20.0.31",
                        detail={"initiative": iid, "kind": kind},
                    )
        else:
            receiver = self.staff(roles.CHILDREN_UNIT)
            handovers = tables["handover"]
            hid = handovers.new_id()
            method = rng.choice(["meeting", "phone", "secure_email", "case_system"])
            handovers.add(
                (hid, case_id, None, receiver[2] if keep else REMOVED, routed, method, "", by[0])
            )
            local = routed.astimezone(COPENHAGEN)
            journal.add(
                (
                    journal.new_id(),
                    case_id,
                    routed,
                    by[0],
                    "handover",
                    f"Overdraget til Børneenheden: {receiver[2] if keep else REMOVED}, "
                    f"{local:%d-%m-%Y %H:%M}.",
                )
            )
            self.audit(
                routed,
                "case.handover",
                actor=by,
                object_type="cases.case",
                reference=reference,
                ip="10.20.0.15",
                detail={"handover": hid},
            )
        journal.add(
            (
                journal.new_id(),
                case_id,
                routed,
                by[0],
                "state",
                f"{self.state_labels['assessed']} → {self.state_labels['routed']}",
            )
        )


class _ChainEvent:
    """What `event_hash` reads from an AuditEvent, without building a model instance."""

    __slots__ = (
        "id",
        "seq",
        "at",
        "actor_id",
        "actor_username",
        "action",
        "object_type",
        "object_id",
        "person_key",
        "ip",
        "detail",
    )

    def __init__(
        self,
        id,  # noqa: A002 - the model's field name
        seq,
        at,
        actor_id,
        actor_username,
        action,
        object_type,
        object_id,
        person_key,
        ip,
        detail,
    ):
        self.id, self.seq, self.at, self.actor_id = id, seq, at, actor_id
        self.actor_username, self.action, self.object_type = actor_username, action, object_type
        self.object_id, self.person_key, self.ip, self.detail = object_id, person_key, ip, detail


def _drop_secondary_indexes(tables: list[Table]) -> list[str]:
    """On PostgreSQL, drop the tables' indexes and unique constraints other than the primary keys
    and return the SQL that re-creates them: building an index once after a bulk load is many
    times faster than updating it row by row. All inside the load's transaction."""
    recreate = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            name = table.model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'u'",
                [name],
            )
            for constraint, definition in cursor.fetchall():
                try:
                    with transaction.atomic():  # kept when another table's key depends on it
                        cursor.execute(
                            f"ALTER TABLE {quote(name)} DROP CONSTRAINT {quote(constraint)}"
                        )
                except DatabaseError:
                    continue
                recreate.append(
                    f"ALTER TABLE {quote(name)} ADD CONSTRAINT {quote(constraint)} {definition}"
                )
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                [name],
            )
            for index, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {quote(index)}")
                recreate.append(definition)
    return recreate


def _skip_foreign_key_checks() -> bool:
    """On PostgreSQL, as a superuser, skip the per-row foreign-key triggers for this transaction
    (the rows are consistent by construction); False when not allowed."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def generate(
    n: int,
    *,
    seed: int = 1,
    years: int = 10,
    now: dt.datetime | None = None,
    chunk_size: int = 20000,
    check_constraints: bool = False,
    progress=None,
) -> ScaleReport:
    """Write `n` notifications and everything that follows from them, all or nothing.

    Needs a published plan. With `check_constraints` the database checks every foreign key as
    usual (slower on PostgreSQL, where it is otherwise skipped for the bulk load)."""
    started = time.monotonic()
    progress = progress or (lambda message: None)
    with transaction.atomic():
        generator = Generator(
            n, seed=seed, years=years, now=now, chunk_size=chunk_size, progress=progress
        )
        tables = generator.tables()
        writer = Writer(list(tables.values()))
        recreate = []
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            if not check_constraints and _skip_foreign_key_checks():
                progress("foreign-key checks skipped for the bulk load")
            if n >= REBUILD_INDEXES_FROM:
                recreate = _drop_secondary_indexes(list(tables.values()))
        open_count = generator.run(tables, writer)
        writer.flush()
        if recreate:
            progress(f"re-creating {len(recreate)} indexes")
            with connection.cursor() as cursor:
                for sql in recreate:
                    cursor.execute(sql)
        models_written = [t.model for t in tables.values()]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_written):
                cursor.execute(sql)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics and visibility maps, as autovacuum would leave them in a live system.
        progress("vacuum analyze")
        with connection.cursor() as cursor:
            for table in tables.values():
                cursor.execute(
                    f"VACUUM ANALYZE {connection.ops.quote_name(table.model._meta.db_table)}"
                )
    return ScaleReport(
        counts={name: table.count for name, table in tables.items()},
        seconds=time.monotonic() - started,
        open_in_intake=open_count,
    )
