"""The schema of a municipality's preparedness plan file (plans/<municipality>.yaml).

The YAML is validated with these models on load; every error names the file and the field path.
Text that people read may be given as a plain Danish string or as a mapping of languages
(`{da: ..., en: ..., ar: ...}`); Danish is always required because it is the plan's legal language.
Beyond Danish and English, a text may be given in the languages the file declares under
`languages` (docs/plan-schema.md, "Languages").
"""

from __future__ import annotations

import contextvars
import copy
import datetime as dt
import re
from typing import Annotated, Any, Final, Literal, Self

from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    field_validator,
    model_validator,
)

from .public_texts import PUBLIC_TEXTS, placeholders

LANGUAGES = ("da", "en")
"""The languages the system itself speaks (its page texts are translated with gettext)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
AGE_GROUPS = ("child", "adult")
SCHEMA_VERSION: Final = 1


def _to_text(value: object) -> object:
    if isinstance(value, str):
        return {"da": value}
    return value


# The languages a plan file declares under `languages`, while that file is being validated.
_declared_languages: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "declared_languages", default=()
)


def _check_text(value: dict[str, str]) -> dict[str, str]:
    allowed = LANGUAGES + _declared_languages.get()
    unknown = set(value) - set(allowed)
    if unknown:
        raise ValueError(
            _(
                "ukendt sprog %(unknown)s; brug %(allowed)s (andre sprog skal erklæres under "
                "`languages`)"
            )
            % {"unknown": sorted(unknown), "allowed": ", ".join(allowed)}
        )
    if not value.get("da", "").strip():
        raise ValueError(_("dansk tekst (da) skal være udfyldt"))
    return {lang: text.strip() for lang, text in value.items() if text and text.strip()}


Text = Annotated[dict[str, str], BeforeValidator(_to_text), AfterValidator(_check_text)]
"""Readable text: a Danish string, or {da: ..., en: ..., <a declared language>: ...}."""

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
URL_PATTERN = r"^https?://[^\s]+$"
CLOSED_DAY_PATTERN = r"^(\d{4}-)?\d{2}-\d{2}$"

Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=50)]

_PHONE_RE = re.compile(r"^\+?[0-9 ]{3,20}$")


def _check_phone(value: str) -> str:
    value = str(value).strip()
    if not _PHONE_RE.match(value):
        raise ValueError(
            _("et telefonnummer har kun cifre og mellemrum, fx '48 100 100' eller '112'")
        )
    return value


Phone = Annotated[str, BeforeValidator(lambda v: str(v)), AfterValidator(_check_phone)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Municipality(Strict):
    slug: Key
    name: Text
    website: Url | None = None
    accessibility_statement: Url | None = Field(
        default=None,
        description="The municipality's accessibility statement made in Digitaliseringsstyrelsen's "
        "WAS-Tool; until there is one, the system's own statement page is linked.",
    )
    example: bool = Field(
        default=False,
        description="A fictional example municipality: every page it renders says so, and its "
        "contact data reaches no one.",
    )


class Adoption(Strict):
    by: Text = Field(description="The body that adopted the plan, e.g. the municipal council.")
    date: dt.date | None = Field(
        default=None, description="Date of adoption; null only when unknown (explain in note)."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_date_needs_note(self) -> Self:
        if self.date is None and self.note is None:
            raise ValueError(_("en vedtagelse uden dato skal have en note, der siger hvorfor"))
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
    def _revision_within_four_years(self) -> Self:
        start = self.adopted.date or self.effective_from
        if self.next_revision > latest_revision(start):
            raise ValueError(
                _(
                    "next_revision %(revision)s ligger mere end fire år efter %(start)s (Barnets "
                    "Lov § 15, stk. 3: planen revideres mindst hvert fjerde år)"
                )
                % {"revision": self.next_revision, "start": start}
            )
        if self.next_revision <= start:
            raise ValueError(
                _("next_revision skal ligge efter datoen for vedtagelsen eller ikrafttrædelsen")
            )
        return self


# Barnets Lov § 15, stk. 3: the plan is revised as needed and at least every fourth year.
REVISION_YEARS = 4


def latest_revision(start: dt.date) -> dt.date:
    """The latest revision date the law allows for a plan adopted (or in force) on `start`."""
    try:
        return start.replace(year=start.year + REVISION_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + REVISION_YEARS, day=28)


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
    def _order(self) -> Self:
        if self.closes <= self.opens:
            raise ValueError(
                _("lukketiden (%(closes)s) skal ligge efter åbningstiden (%(opens)s)")
                % {"closes": self.closes.strftime("%H:%M"), "opens": self.opens.strftime("%H:%M")}
            )
        return self


class ClosedDay(Strict):
    """A day the office is closed beyond Danish public holidays.

    `date` is either a fixed date (YYYY-MM-DD) or a yearly date (MM-DD, e.g. 12-24).
    """

    date: Annotated[str, Field(pattern=CLOSED_DAY_PATTERN)]
    name: Text
    note: Text | None = None

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        probe = value if len(value) == 10 else f"2024-{value}"  # a leap year admits 02-29
        try:
            dt.date.fromisoformat(probe)
        except ValueError as exc:
            raise ValueError(_("%(date)r er ikke en rigtig dato") % {"date": value}) from exc
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
    emergency: bool = Field(
        default=True,
        description="The number to call when someone is in danger right now (112); false for a "
        "number that is not for emergencies, such as the police's service number 114.",
    )


class Site(Strict):
    """One of several addresses or phone lines, with its own opening hours (a plan with a
    children's unit in another building, or a separate line for young people)."""

    key: Key
    name: Text
    address: Text | None = None
    phones: list[PhoneChannel] = []
    opening_hours: dict[Literal[WEEKDAYS], list[TimeSpan]] = {}  # type: ignore[valid-type]
    note: Text | None = None

    @property
    def hours_table(self) -> list[tuple[str, list[TimeSpan]]]:
        """The site's hours by weekday, Monday first (a day without spans is closed)."""
        return [(day, self.opening_hours.get(day, [])) for day in WEEKDAYS]


class Contact(Strict):
    phones: list[PhoneChannel] = Field(min_length=1)
    emails: list[EmailChannel] = Field(min_length=1)
    web: list[WebChannel] = []
    mailbox_check: Text
    opening_hours: dict[Literal[WEEKDAYS], list[TimeSpan]]  # type: ignore[valid-type]
    outside_hours: OutsideHours
    acute: list[AcuteNumber] = Field(min_length=1)
    anonymous_counselling: Text | None = Field(
        default=None,
        description="The municipality's own anonymous counselling, in the plan's words; listed "
        "first among the places to talk anonymously, with the main phone number.",
    )
    extra_closed_days: list[ClosedDay] = []
    sites: list[Site] = Field(
        default=[],
        description="Further sites or phone lines with their own hours, beside the main contact.",
    )
    timezone: Literal["Europe/Copenhagen"] = "Europe/Copenhagen"

    @field_validator("sites")
    @classmethod
    def _unique_sites(cls, value: list[Site]) -> list[Site]:
        _require_unique([site.key for site in value], _("sted"))
        return value

    @property
    def emergency_numbers(self) -> list[AcuteNumber]:
        """The numbers to call when someone is in danger right now."""
        return [number for number in self.acute if number.emergency]

    @property
    def service_numbers(self) -> list[AcuteNumber]:
        """The acute list's other numbers (the police's service number)."""
        return [number for number in self.acute if not number.emergency]


class Deadlines(Strict):
    assessment_hours: Annotated[int, Field(gt=0, le=24 * 14)]
    receipt_working_days: Annotated[int, Field(gt=0, le=60)]
    warning_hours: Annotated[int, Field(gt=0, le=24 * 7)] = 4
    feedback_working_days: Annotated[int, Field(gt=0, le=120)] = Field(
        default=20,
        description="Working days after receipt by which a professional notifier is told whether "
        "support or an investigation has started (Barnets Lov § 133). The law sets no number of "
        "days; 20 is this system's default, for the municipality to decide.",
    )
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
    age_group: Literal[AGE_GROUPS] | None = Field(  # type: ignore[valid-type]
        default=None,
        description="For a common step: the one age group it is for (the plan words the safe "
        "space differently for a child and for an adult); none: every path.",
    )


class ConcernType(Strict):
    key: Key
    title: Text
    short: Text
    honour_related: bool = Field(
        default=True,
        description="Whether the concern suggests an honour-related conflict: then a child's "
        "parents or network are not involved before a risk assessment says it is safe (Barnets "
        "Lov § 18, stk. 3), and the guide warns on every child path of it.",
    )
    steps: dict[Literal[AGE_GROUPS], list[Step]]  # type: ignore[valid-type]

    @field_validator("steps")
    @classmethod
    def _both_age_groups(cls, value: dict[str, list[Step]]) -> dict[str, list[Step]]:
        missing = [group for group in AGE_GROUPS if not value.get(group)]
        if missing:
            raise ValueError(
                _("trin mangler for aldersgruppen: %(groups)s") % {"groups": ", ".join(missing)}
            )
        if any(step.age_group for steps in value.values() for step in steps):
            raise ValueError(
                _(
                    "age_group bruges kun i procedure.common_steps (trinene her hører allerede "
                    "til en aldersgruppe)"
                )
            )
        return value


class Procedure(Strict):
    intro: Text
    common_steps: list[Step] = Field(min_length=1)
    concern_types: list[ConcernType] = Field(min_length=1)
    child_plan: Text = Field(description="The municipality's plan for abuse against children.")

    @field_validator("concern_types")
    @classmethod
    def _unique_keys(cls, value: list[ConcernType]) -> list[ConcernType]:
        _require_unique([c.key for c in value], _("bekymringstype"))
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


class Track(Strict):
    """Who takes a case on one track once Modtagelsen has assessed it, in the plan's own names."""

    unit: Text = Field(
        description="The unit that takes the case on (a child's case is handed over to it); "
        'shown after "til", e.g. "Overdrag til børneområdet".'
    )
    coordinator: Text | None = Field(
        default=None, description="The coordinator (tovholder) of the track's cases, if any."
    )
    group: Text | None = Field(
        default=None, description="The group that decides the initiatives together, if any."
    )


class Tracks(Strict):
    """The plan's two tracks: children and adults (the age groups' keys)."""

    child: Track
    adult: Track
    adult_from_age: int = Field(
        default=18, ge=15, le=30, description="A person moves to the adult track at this age."
    )
    support_until_age: int | None = Field(
        default=None,
        ge=18,
        le=30,
        description="Support may continue to this age (e.g. 23); none: the plan says nothing.",
    )
    # Need to know: how long Modtagelsen still reads a child's case after handing it over.
    intake_read_after_handover_days: Annotated[int, Field(ge=0, le=365)] = 30

    @model_validator(mode="after")
    def _support_after_adult_age(self) -> Self:
        if self.support_until_age is not None and self.support_until_age < self.adult_from_age:
            raise ValueError(
                _("support_until_age (%(until)s) må ikke ligge før adult_from_age (%(adult)s)")
                % {"until": self.support_until_age, "adult": self.adult_from_age}
            )
        return self


class Extremism(Strict):
    """Barnets Lov § 15, stk. 3 also names extremism: the plan covers it here (`text`), or names
    and links the municipality's separate plan against extremism."""

    covered_here: bool = False
    text: str | None = None
    separate_plan_title: str | None = None
    separate_plan_url: str | None = None

    @model_validator(mode="after")
    def _said_somewhere(self) -> Self:
        if self.covered_here and not (self.text or "").strip():
            raise ValueError(_("skriv, hvordan planen dækker ekstremisme (extremism.text)"))
        if self.separate_plan_url and not re.match(URL_PATTERN, self.separate_plan_url):
            raise ValueError(
                _("extremism.separate_plan_url skal begynde med http:// eller https://")
            )
        return self


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


# The three domains of structured professional judgement for honour-related violence: the
# violence and threats, the perpetrator(s) (often several family members), and the person's
# vulnerability. The structure is fixed; the factors in each are the municipality's own words.
RISK_DOMAINS = ("violence", "perpetrator", "vulnerability")


class RiskFactor(Strict):
    key: Key
    text: Text
    help: Text | None = None
    domain: Literal["violence", "perpetrator", "vulnerability"]
    # A factor of the gravest kind: a low judgement while it is present asks to be confirmed.
    grave: bool = False


class RiskAssessmentRules(Strict):
    """When a risk assessment is due again (not in Allerød's plan: the software's defaults)."""

    # An open case whose newest full assessment is older than this asks for a reassessment.
    review_days: Annotated[int, Field(ge=7, le=365)] = 90
    # A known journey or holiday asks for a reassessment this many days before it.
    before_travel_days: Annotated[int, Field(ge=1, le=90)] = 14
    # The initiative type (a key in initiative_types) offered when a judgement is high: the
    # referral to the national security consultants (Serviceloven § 12 c).
    high_risk_referral: Key | None = None


class InitiativeType(Strict):
    key: Key
    name: Text
    partner: Key | None = None
    phone: Phone | None = Field(
        default=None,
        description="A number for the measure itself when it is not a partner's (e.g. a "
        "ministry's hotline); only from the plan or an official source named in the file.",
    )
    note: Text | None = Field(
        default=None,
        description="What the practitioner must know before using it (safety notes for a "
        "crisis shelter, who decides, which law).",
    )
    protective: bool = Field(
        default=False,
        description="A protective measure (passport, shelter, hotline): listed apart in the "
        "guide and the initiative form.",
    )


class AlertRecipient(Strict):
    """Who an acute alert goes to: one of a mailbox of the plan (contact.emails by key), an
    actor of the plan with an e-mail (actors by key), or every staff member with a role."""

    label: Text
    mailbox: Key | None = None
    actor: Key | None = None
    role: Literal["modtagelsen", "tovholder", "boerneenhed", "leder"] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [x for x in (self.mailbox, self.actor, self.role) if x]
        if len(given) != 1:
            raise ValueError(_("en modtager af en akut-alarm er én af mailbox, actor eller role"))
        return self


class AcuteAlerts(Strict):
    """Acute danger first: whom an alert goes to at once, inside and outside the opening hours,
    and whom it escalates to when nobody has acknowledged it in time."""

    inside_hours: list[AlertRecipient] = Field(min_length=1)
    outside_hours: list[AlertRecipient] = Field(min_length=1)
    outside_hours_instruction: Text | None = Field(
        default=None,
        description="What the alert tells its readers to do outside the opening hours, e.g. "
        "call the Social Døgnvagt.",
    )
    escalate_after_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 30
    escalate_to: list[AlertRecipient] = Field(min_length=1)
    watched_mailbox: Key | None = Field(
        default=None,
        description="The mailbox (contact.emails key) watched outside the opening hours: every "
        "notification that comes by web or API outside them sends it a copy without personal "
        "data saying a notification is waiting.",
    )
    source: Text | None = None


class Retention(Strict):
    closed_case_years: Annotated[int, Field(ge=1, le=30)] = 5
    # How long audit events are kept (the logging norm: at least 6 months); none: kept for ever.
    audit_log_years: Annotated[int, Field(ge=1, le=30)] | None = None
    note: Text | None = None


LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"
# First path segments the system uses itself: a language's code (its URL prefix) cannot be one.
RESERVED_CODES = frozenset({"da", "en", "api", "admin", "static", "media", "unge"})


class PlanLanguage(Strict):
    """A language of the public pages beyond Danish and English, given by the plan file.

    Its content is given in the plan's texts under `code`; the pages' own labels, which Danish and
    English get from the system's translations, are given in `public_texts` (keys from
    beredskab/plans/public_texts.py; a missing one is shown in Danish).
    """

    code: Annotated[str, Field(pattern=LANGUAGE_CODE_PATTERN, max_length=20)] = Field(
        description="The key of the language in texts and its URL prefix, e.g. ar or let-dansk."
    )
    name: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="The language's name in itself, as the language chooser shows it."
    )
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None = Field(
        default=None,
        description="Its BCP 47 language tag for the pages (default: the code), e.g. da for "
        "plain Danish.",
    )
    dir: Literal["ltr", "rtl"] = "ltr"
    reviewed: bool = Field(
        default=False,
        description="True once the municipality has had the translation checked: only then is "
        "the language listed and served to everyone. Staff can preview it before.",
    )
    public_texts: dict[str, str] = {}
    texts: dict[str, str | list[str]] = Field(
        default={},
        description="The plan's texts in this language, by their path in the file "
        "(`warning_signs.signs.0`, a list item by index or by its key: "
        "`partners.boernetelefonen.for_whom`; a list of texts may be given whole).",
    )

    @field_validator("code")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_CODES:
            raise ValueError(
                _("%(code)r kan ikke være et sprogs kode (systemet bruger den selv)")
                % {"code": value}
            )
        return value

    @field_validator("public_texts")
    @classmethod
    def _known_texts(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(PUBLIC_TEXTS))
        if unknown:
            raise ValueError(
                _("ukendte sidetekster %(keys)s; nøglerne står i beredskab/plans/public_texts.py")
                % {"keys": unknown}
            )
        for key, text in value.items():
            if not text.strip():
                raise ValueError(_("sideteksten %(key)r er tom") % {"key": key})
            wanted = placeholders(PUBLIC_TEXTS[key].msgids[0])
            found = placeholders(text)
            if (wanted and found != wanted) or (not wanted and "%(" in text):
                names = ", ".join(f"%({name})s" for name in sorted(wanted or ())) or _("ingen")
                raise ValueError(
                    _(
                        "sideteksten %(key)r skal bruge præcis pladsholderne %(names)s (skriv et "
                        "procenttegn som %%%%)"
                    )
                    % {"key": key, "names": names}
                )
        return {key: text.strip() for key, text in value.items()}

    @property
    def html_lang(self) -> str:
        return self.lang or self.code


class PublicPage(Strict):
    """Texts written for the public page in plain words (they are not the adopted plan's)."""

    what_happens: Section = Field(description="What happens when you call or write.")
    anonymous: Section = Field(description="You may be anonymous, and what that means.")


class YoungPeople(Strict):
    """The page for young people, in their own words; the quick exit is on top of it."""

    title: Text
    intro: list[Text] = []
    signs: Section = Field(description="The signs, in the first person.")
    what_happens: Section = Field(description="What happens if you contact the municipality.")
    talk_to_someone: Section = Field(description="Anonymous counselling lines and chats.")
    partners: list[Key] = Field(
        default=[], description="Keys of the partners listed under talk_to_someone."
    )


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
    intervention_group: InterventionGroup | None = None
    partners: list[Partner] = []
    press: Press | None = None
    extremism: Extremism | None = None
    national_action_plan: NationalActionPlan
    risk_factors: list[RiskFactor] = Field(min_length=1)
    risk_assessment: RiskAssessmentRules = RiskAssessmentRules()
    initiative_types: list[InitiativeType] = Field(min_length=1)
    tracks: Tracks
    acute_alerts: AcuteAlerts | None = None
    retention: Retention = Retention()
    languages: list[PlanLanguage] = []
    public_page: PublicPage | None = None
    young_people: YoungPeople | None = None
    ambiguities: list[Text] = []

    @model_validator(mode="wrap")
    @classmethod
    def _texts_in_declared_languages(
        cls, data: Any, handler: ModelWrapValidatorHandler[Self]
    ) -> Self:
        """Texts may use the languages the file declares; they are known before the texts."""
        codes: tuple[str, ...] = ()
        if isinstance(data, dict) and isinstance(data.get("languages"), list):
            codes = tuple(
                str(item["code"])
                for item in data["languages"]
                if isinstance(item, dict) and item.get("code")
            )
        token = _declared_languages.set(codes)
        try:
            if codes:
                try:
                    translated = _with_translations(data)
                except ValueError:
                    # A problem in the file's own fields comes first (a translation of a text
                    # that is missing is a consequence); only a file that is otherwise valid
                    # hears about its translations.
                    handler(data)
                    raise
                data = translated
            return handler(data)
        finally:
            _declared_languages.reset(token)

    @model_validator(mode="after")
    def _references(self) -> Self:
        _require_unique([a.key for a in self.actors], _("aktør"))
        _require_unique([p.key for p in self.partners], _("partner"))
        _require_unique([r.key for r in self.risk_factors], _("risikofaktor"))
        _require_unique([i.key for i in self.initiative_types], _("indsatstype"))
        _require_unique([language.code for language in self.languages], _("sprog"))
        partner_keys = {p.key for p in self.partners}
        if self.young_people:
            for key in self.young_people.partners:
                if key not in partner_keys:
                    raise ValueError(
                        _("young_people.partners nævner %(key)r, som ikke står under partners")
                        % {"key": key}
                    )
        if self.acute_alerts:
            self._check_alert_recipients(self.acute_alerts)
        referral = self.risk_assessment.high_risk_referral
        if referral and referral not in {i.key for i in self.initiative_types}:
            raise ValueError(
                _("risk_assessment.high_risk_referral nævner %(key)r, som ikke er en indsatstype")
                % {"key": referral}
            )
        for item in self.initiative_types:
            if item.partner and item.partner not in partner_keys:
                raise ValueError(
                    _(
                        "indsatstypen %(key)r nævner partneren %(partner)r, som ikke står under "
                        "partners"
                    )
                    % {"key": item.key, "partner": item.partner}
                )
        return self

    def _check_alert_recipients(self, alerts: AcuteAlerts) -> None:
        mailboxes = {e.key for e in self.contact.emails}
        actors = {a.key: a for a in self.actors}
        for recipient in [*alerts.inside_hours, *alerts.outside_hours, *alerts.escalate_to]:
            if recipient.mailbox and recipient.mailbox not in mailboxes:
                raise ValueError(
                    _("acute_alerts nævner postkassen %(key)r, som ikke står under contact.emails")
                    % {"key": recipient.mailbox}
                )
            if recipient.actor and not (
                recipient.actor in actors and actors[recipient.actor].email
            ):
                raise ValueError(
                    _("acute_alerts nævner aktøren %(key)r, som ikke står under actors med e-mail")
                    % {"key": recipient.actor}
                )
        if alerts.watched_mailbox and alerts.watched_mailbox not in mailboxes:
            raise ValueError(
                _("acute_alerts.watched_mailbox %(key)r står ikke under contact.emails")
                % {"key": alerts.watched_mailbox}
            )

    # Small lookups the pages and later the intake need.
    def concern_type(self, key: str) -> ConcernType | None:
        return next((c for c in self.procedure.concern_types if c.key == key), None)

    def initiative_type(self, key: str) -> InitiativeType | None:
        return next((i for i in self.initiative_types if i.key == key), None)

    def mailbox(self, key: str) -> EmailChannel | None:
        return next((e for e in self.contact.emails if e.key == key), None)

    def actor(self, key: str) -> Actor | None:
        return next((a for a in self.actors if a.key == key), None)

    def language(self, code: str) -> PlanLanguage | None:
        return next((language for language in self.languages if language.code == code), None)

    def partners_by_key(self, keys: list[str]) -> list[Partner]:
        by_key = {p.key: p for p in self.partners}
        return [by_key[key] for key in keys if key in by_key]

    @property
    def main_phone(self) -> PhoneChannel:
        return self.contact.phones[0]

    @property
    def main_email(self) -> EmailChannel:
        return self.contact.emails[0]


def _with_translations(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the raw plan with each language's `texts` written into the texts they translate.

    Translations are kept together per language (a translator works on one block, and the
    municipality reviews one block), but pages read every text as {da: ..., en: ..., ar: ...}.
    """
    data = copy.deepcopy(data)
    for index, language in enumerate(data.get("languages") or []):
        if not isinstance(language, dict) or not isinstance(language.get("texts"), dict):
            continue
        code = str(language.get("code"))
        for path, translation in language["texts"].items():
            where = f"languages.{index}.texts.{path}"
            parent, last = _resolve(data, str(path).split("."), where)
            current = parent[last]
            if isinstance(translation, list):
                if not isinstance(current, list) or len(current) != len(translation):
                    raise ValueError(
                        _("%(where)s: giv én oversættelse for hver af de danske tekster her")
                        % {"where": where}
                    )
                for position, text in enumerate(translation):
                    current[position] = _add_language(current[position], code, text, where)
            else:
                parent[last] = _add_language(current, code, translation, where)
    return data


def _resolve(data: Any, segments: list[str], where: str) -> tuple[Any, int | str]:
    node = data
    key: int | str | None
    for depth, segment in enumerate(segments):
        if isinstance(node, list):
            if segment.isdigit() and int(segment) < len(node):
                key = int(segment)
            else:
                key = next(
                    (
                        i
                        for i, item in enumerate(node)
                        if isinstance(item, dict) and item.get("key") == segment
                    ),
                    None,
                )
        elif isinstance(node, dict):
            key = segment if segment in node else None
        else:
            key = None
        if key is None:
            raise ValueError(
                _("%(where)s: planen har ingen %(path)s")
                % {"where": where, "path": ".".join(segments[: depth + 1])}
            )
        if depth == len(segments) - 1:
            return node, key
        node = node[key]
    raise ValueError(_("%(where)s: stien er tom") % {"where": where})


def _add_language(text: object, code: str, translation: object, where: str) -> dict[str, str]:
    if isinstance(text, str):
        text = {"da": text}
    if not isinstance(text, dict) or "da" not in text or not isinstance(translation, str):
        raise ValueError(_("%(where)s: er ikke en tekst") % {"where": where})
    return {**text, code: translation}


def _require_unique(keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(
                _("%(what)snøglen %(key)r er brugt to gange") % {"what": what, "key": key}
            )
        seen.add(key)
