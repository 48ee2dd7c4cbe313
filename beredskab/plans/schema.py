"""The schema of a municipality's preparedness plan file (plans/<municipality>.yaml).

The YAML is validated with these models on load; every error names the file and the field path.
Text that people read may be given as a plain Danish string or as a mapping of languages
(`{da: ..., en: ...}`); Danish is always required because it is the plan's legal language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

LANGUAGES = ("da", "en")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
AGE_GROUPS = ("child", "adult")
SCHEMA_VERSION = 1


def _to_text(value):
    if isinstance(value, str):
        return {"da": value}
    return value


def _check_text(value: dict[str, str]) -> dict[str, str]:
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"unknown language(s) {sorted(unknown)}; use {', '.join(LANGUAGES)}")
    if not value.get("da", "").strip():
        raise ValueError("Danish text (da) is required")
    return {lang: text.strip() for lang, text in value.items() if text and text.strip()}


Text = Annotated[dict[str, str], BeforeValidator(_to_text), AfterValidator(_check_text)]
"""Readable text: a Danish string, or {da: ..., en: ...}."""

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=50)]

_PHONE_RE = re.compile(r"^\+?[0-9 ]{3,20}$")


def _check_phone(value: str) -> str:
    value = str(value).strip()
    if not _PHONE_RE.match(value):
        raise ValueError("a phone number has digits and spaces only, e.g. '48 100 100' or '112'")
    return value


Phone = Annotated[str, BeforeValidator(lambda v: str(v)), AfterValidator(_check_phone)]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Municipality(Strict):
    slug: Key
    name: Text
    website: Url | None = None


class Adoption(Strict):
    by: Text = Field(description="The body that adopted the plan, e.g. the municipal council.")
    date: dt.date | None = Field(
        default=None, description="Date of adoption; null only when unknown (explain in note)."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_date_needs_note(self):
        if self.date is None and self.note is None:
            raise ValueError("an adoption without a date needs a note saying why")
        return self


class PlanInfo(Strict):
    title: Text
    version: Annotated[str, Field(min_length=1, max_length=40)]
    effective_from: dt.date
    adopted: Adoption
    next_revision: dt.date
    source: Text | None = None
    quick_exit_url: Url = "https://www.dr.dk/"

    @model_validator(mode="after")
    def _revision_within_four_years(self):
        start = self.adopted.date or self.effective_from
        latest = _add_years(start, 4)
        if self.next_revision > latest:
            raise ValueError(
                f"next_revision {self.next_revision} is more than four years after "
                f"{start} (Barnets Lov § 15, stk. 3: revise at least every fourth year)"
            )
        if self.next_revision <= start:
            raise ValueError("next_revision must come after the adoption/effective date")
        return self


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class PhoneChannel(Strict):
    key: Key
    label: Text
    number: Phone
    note: Text | None = None


class EmailChannel(Strict):
    key: Key
    label: Text
    address: Email
    note: Text | None = None
    alternative_spellings: list[Email] = []


class WebChannel(Strict):
    label: Text
    url: Url


class TimeSpan(Strict):
    opens: dt.time
    closes: dt.time

    @model_validator(mode="after")
    def _order(self):
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        return self


class ClosedDay(Strict):
    """A day the office is closed beyond Danish public holidays.

    `date` is either a fixed date (YYYY-MM-DD) or a yearly date (MM-DD, e.g. 12-24).
    """

    date: Annotated[str, Field(pattern=r"^(\d{4}-)?\d{2}-\d{2}$")]
    name: Text
    note: Text | None = None

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        probe = value if len(value) == 10 else f"2024-{value}"  # a leap year admits 02-29
        try:
            dt.date.fromisoformat(probe)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date") from exc
        return value

    def applies_to(self, day: dt.date) -> bool:
        if len(self.date) == 10:
            return day.isoformat() == self.date
        return day.strftime("%m-%d") == self.date


class OutsideHours(Strict):
    text: Text
    service: Text
    via: Text
    phone: Phone
    always_open: bool = True


class AcuteNumber(Strict):
    number: Phone
    label: Text


class Contact(Strict):
    phones: list[PhoneChannel] = Field(min_length=1)
    emails: list[EmailChannel] = Field(min_length=1)
    web: list[WebChannel] = []
    mailbox_check: Text
    opening_hours: dict[Literal[WEEKDAYS], list[TimeSpan]]  # type: ignore[valid-type]
    outside_hours: OutsideHours
    acute: list[AcuteNumber] = Field(min_length=1)
    extra_closed_days: list[ClosedDay] = []
    timezone: Literal["Europe/Copenhagen"] = "Europe/Copenhagen"


class Deadlines(Strict):
    assessment_hours: Annotated[int, Field(gt=0, le=24 * 14)]
    receipt_working_days: Annotated[int, Field(gt=0, le=60)]
    warning_hours: Annotated[int, Field(gt=0, le=24 * 7)] = 4
    source: Text | None = None


class Section(Strict):
    """A titled piece of prose: a heading and paragraphs."""

    title: Text
    paragraphs: list[Text] = []
    bullets: list[Text] = []


class Definition(Strict):
    key: Key
    term: Text
    text: list[Text] = Field(min_length=1)
    source: Text | None = None


class PreventionGroup(Strict):
    key: Key
    title: Text
    initiatives: list[Text] = Field(min_length=1)


class Prevention(Strict):
    intro: list[Text] = []
    knowledge: list[Text] = []
    groups: list[PreventionGroup] = Field(min_length=1)


class WarningSigns(Strict):
    intro: list[Text] = []
    not_a_checklist: Text
    signs: list[Text] = Field(min_length=1)


class Step(Strict):
    text: Text
    kind: Literal["do", "notify", "warning", "inform", "contact"] = "do"


class ConcernType(Strict):
    key: Key
    title: Text
    short: Text
    steps: dict[Literal[AGE_GROUPS], list[Step]]  # type: ignore[valid-type]

    @field_validator("steps")
    @classmethod
    def _both_age_groups(cls, value):
        missing = [group for group in AGE_GROUPS if not value.get(group)]
        if missing:
            raise ValueError(f"steps are missing for age group(s): {', '.join(missing)}")
        return value


class Procedure(Strict):
    intro: Text
    common_steps: list[Step] = Field(min_length=1)
    concern_types: list[ConcernType] = Field(min_length=1)
    child_plan: Text = Field(description="The municipality's plan for abuse against children.")

    @field_validator("concern_types")
    @classmethod
    def _unique_keys(cls, value):
        _require_unique([c.key for c in value], "concern type")
        return value


class HandlingStep(Strict):
    key: Key
    title: Text
    text: list[Text] = Field(min_length=1)


class Organisation(Strict):
    intro: list[Text] = []
    responsibility: Text
    coordinator: Text
    coordination_meetings: Text
    meetings_per_year: Annotated[int, Field(ge=1, le=12)] = 2


class Actor(Strict):
    key: Key
    role: Text
    title: Text
    responsibility: Text
    name: str | None = None
    phone: Phone | None = None
    email: Email | None = None
    note: Text | None = None


class GroupMember(Strict):
    key: Key
    title: Text
    phone: Phone | None = None
    email: Email | None = None
    note: Text | None = None


class InterventionGroup(Strict):
    name: Text
    purpose: list[Text] = Field(min_length=1)
    members: list[GroupMember] = Field(min_length=1)
    # Need to know: an invited member reads a case on a meeting's agenda from when the agenda is
    # sent until this many days after the meeting; a meeting is planned at most this far ahead.
    agenda_access_days_after_meeting: Annotated[int, Field(ge=0, le=365)] = 30
    max_days_ahead: Annotated[int, Field(ge=1, le=730)] = 180


class Tracks(Strict):
    """How long access lasts once a case has left Modtagelsen on its track."""

    intake_read_after_handover_days: Annotated[int, Field(ge=0, le=365)] = 30


class Partner(Strict):
    key: Key
    name: Text
    offers: Text
    for_whom: Text
    phone: Phone | None = None
    web: Url | None = None
    email: Email | None = None
    hours: Text | None = None
    anonymous: bool = False
    note: Text | None = None


class Press(Strict):
    intro: Text
    steps: list[Text] = Field(min_length=1)
    record_fields: list[Text] = []


class NationalActionPlan(Strict):
    intro: list[Text] = []
    areas: list[Section] = Field(min_length=1)
    closing: Text | None = None


class RiskFactor(Strict):
    key: Key
    text: Text
    help: Text | None = None


class InitiativeType(Strict):
    key: Key
    name: Text
    partner: Key | None = None


class Retention(Strict):
    closed_case_years: Annotated[int, Field(ge=1, le=30)] = 5
    note: Text | None = None


class PlanDocument(Strict):
    """One municipality's preparedness plan, as written in plans/<municipality>.yaml."""

    schema_version: Literal[1] = SCHEMA_VERSION
    municipality: Municipality
    plan: PlanInfo
    contact: Contact
    deadlines: Deadlines
    introduction: list[Section] = Field(min_length=1)
    target_group: Section
    definitions: list[Definition] = Field(min_length=1)
    social_control_forms: Section
    prevention: Prevention
    warning_signs: WarningSigns
    procedure: Procedure
    handling: list[HandlingStep] = Field(min_length=1)
    organisation: Organisation
    actors: list[Actor] = Field(min_length=1)
    intervention_group: InterventionGroup
    partners: list[Partner] = []
    press: Press
    national_action_plan: NationalActionPlan
    risk_factors: list[RiskFactor] = Field(min_length=1)
    initiative_types: list[InitiativeType] = Field(min_length=1)
    tracks: Tracks = Tracks()
    retention: Retention = Retention()
    ambiguities: list[Text] = []

    @model_validator(mode="after")
    def _references(self):
        _require_unique([a.key for a in self.actors], "actor")
        _require_unique([p.key for p in self.partners], "partner")
        _require_unique([r.key for r in self.risk_factors], "risk factor")
        _require_unique([i.key for i in self.initiative_types], "initiative type")
        partner_keys = {p.key for p in self.partners}
        for item in self.initiative_types:
            if item.partner and item.partner not in partner_keys:
                raise ValueError(
                    f"initiative type {item.key!r} names partner {item.partner!r}, "
                    "which is not among partners"
                )
        return self

    # Small lookups the pages and later the intake need.
    def concern_type(self, key: str) -> ConcernType | None:
        return next((c for c in self.procedure.concern_types if c.key == key), None)

    @property
    def main_phone(self) -> PhoneChannel:
        return self.contact.phones[0]

    @property
    def main_email(self) -> EmailChannel:
        return self.contact.emails[0]


def _require_unique(keys: list[str], what: str) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{what} key {key!r} is used twice")
        seen.add(key)
