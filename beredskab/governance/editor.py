"""The plan editor's forms, made from the plan's schema (beredskab/plans/schema.py).

A plan administrator writes the plan as pages of forms in the plan's own order; each page edits
some of the plan file's top-level parts. The fields are built from the pydantic models that
`load_plan` validates with, so a page can never accept what a plan file would refuse: a field is
named by its path in the file (`contact.phones.0.number`), and the schema's problems are shown at
the field of that path, in Danish.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ValidationError

from beredskab.plans.schema import PlanDocument
from beredskab.plans.services import problem_message

# Pages of the editor in the plan's order: (slug, title, top-level parts of the plan file).
SECTIONS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("plan", gettext_lazy("Kommune og plan"), ("municipality", "plan")),
    ("kontakt", gettext_lazy("Kontakt og åbningstid"), ("contact",)),
    ("frister", gettext_lazy("Frister"), ("deadlines",)),
    (
        "indledning",
        gettext_lazy("Indledning, målgruppe og definitioner"),
        ("introduction", "target_group", "definitions", "social_control_forms"),
    ),
    ("forebyggelse", gettext_lazy("Forebyggelse og opsporing"), ("prevention", "warning_signs")),
    ("procedure", gettext_lazy("Procedurefiguren"), ("procedure",)),
    (
        "haandtering",
        gettext_lazy("Kommunens håndtering og organisering"),
        ("handling", "organisation"),
    ),
    ("aktoerer", gettext_lazy("Aktører, enheder og spor"), ("actors", "tracks")),
    ("indsatsgruppe", gettext_lazy("Indsatsgruppen"), ("intervention_group",)),
    ("partnere", gettext_lazy("Samarbejdspartnere"), ("partners",)),
    ("ekstremisme", gettext_lazy("Ekstremisme"), ("extremism",)),
    ("indsatser", gettext_lazy("Indsatskatalog"), ("initiative_types",)),
    ("risiko", gettext_lazy("Risikofaktorer"), ("risk_factors",)),
    ("frister-og-opbevaring", gettext_lazy("Opbevaring"), ("retention",)),
    ("presse", gettext_lazy("Presse"), ("press",)),
    ("handlingsplan", gettext_lazy("Den nationale handlingsplan"), ("national_action_plan",)),
    (
        "offentlig-side",
        gettext_lazy("Tekster til de offentlige sider"),
        ("public_page", "young_people"),
    ),
]
SECTION_SLUGS = [slug for slug, _title, _parts in SECTIONS]
# Parts the editor does not show (kept as they are): translations are made in the plan file.
NOT_EDITED = ("schema_version", "languages", "ambiguities")

LABELS = {
    "municipality": gettext_lazy("Kommunen"),
    "plan": gettext_lazy("Planen"),
    "slug": gettext_lazy("Kommunens kode"),
    "name": gettext_lazy("Navn"),
    "website": gettext_lazy("Hjemmeside"),
    "accessibility_statement": gettext_lazy("Tilgængelighedserklæring (adresse)"),
    "example": gettext_lazy("Opdigtet eksempelkommune"),
    "title": gettext_lazy("Titel"),
    "version": gettext_lazy("Version"),
    "effective_from": gettext_lazy("Gældende fra"),
    "adopted": gettext_lazy("Vedtagelse"),
    "by": gettext_lazy("Vedtaget af"),
    "date": gettext_lazy("Dato"),
    "note": gettext_lazy("Note"),
    "next_revision": gettext_lazy("Næste revision senest"),
    "source": gettext_lazy("Kilde"),
    "quick_exit_url": gettext_lazy("Hurtig udgang fører til"),
    "contact": gettext_lazy("Kontakt"),
    "phones": gettext_lazy("Telefonnumre"),
    "emails": gettext_lazy("E-mailadresser"),
    "web": gettext_lazy("Hjemmesider"),
    "key": gettext_lazy("Nøgle"),
    "label": gettext_lazy("Betegnelse"),
    "number": gettext_lazy("Telefonnummer"),
    "address": gettext_lazy("Adresse"),
    "alternative_spellings": gettext_lazy("Andre stavemåder (vises ikke)"),
    "url": gettext_lazy("Adresse (URL)"),
    "mailbox_check": gettext_lazy("Hvor ofte postkassen læses"),
    "opening_hours": gettext_lazy("Åbningstid"),
    "opens": gettext_lazy("Åbner"),
    "closes": gettext_lazy("Lukker"),
    "outside_hours": gettext_lazy("Uden for åbningstiden"),
    "text": gettext_lazy("Tekst"),
    "service": gettext_lazy("Tjeneste"),
    "via": gettext_lazy("Via"),
    "phone": gettext_lazy("Telefon"),
    "always_open": gettext_lazy("Døgnåben"),
    "acute": gettext_lazy("Akutnumre"),
    "emergency": gettext_lazy("Nummeret ved akut fare"),
    "anonymous_counselling": gettext_lazy("Kommunens anonyme rådgivning"),
    "extra_closed_days": gettext_lazy("Ekstra lukkedage"),
    "sites": gettext_lazy("Flere steder eller telefonlinjer"),
    "timezone": gettext_lazy("Tidszone"),
    "deadlines": gettext_lazy("Frister"),
    "assessment_hours": gettext_lazy("Vurdering inden for (timer)"),
    "receipt_working_days": gettext_lazy("Kvittering inden for (hverdage)"),
    "warning_hours": gettext_lazy("Advarsel før fristen (timer)"),
    "introduction": gettext_lazy("Indledning"),
    "target_group": gettext_lazy("Målgruppe"),
    "definitions": gettext_lazy("Definitioner"),
    "social_control_forms": gettext_lazy("Former for negativ social kontrol"),
    "paragraphs": gettext_lazy("Afsnit"),
    "bullets": gettext_lazy("Punkter"),
    "term": gettext_lazy("Begreb"),
    "prevention": gettext_lazy("Forebyggelse"),
    "intro": gettext_lazy("Indledning"),
    "knowledge": gettext_lazy("Viden"),
    "groups": gettext_lazy("Grupper"),
    "initiatives": gettext_lazy("Indsatser"),
    "warning_signs": gettext_lazy("Tegn på bekymring"),
    "not_a_checklist": gettext_lazy("Ikke en tjekliste"),
    "signs": gettext_lazy("Tegn"),
    "procedure": gettext_lazy("Procedure"),
    "common_steps": gettext_lazy("Fælles trin"),
    "concern_types": gettext_lazy("Bekymringstyper"),
    "short": gettext_lazy("Kort navn"),
    "steps": gettext_lazy("Trin"),
    "kind": gettext_lazy("Slags"),
    "age_group": gettext_lazy("Aldersgruppe"),
    "child": gettext_lazy("Barn"),
    "adult": gettext_lazy("Voksen"),
    "child_plan": gettext_lazy("Kommunens plan mod overgreb mod børn"),
    "handling": gettext_lazy("Kommunens håndtering"),
    "organisation": gettext_lazy("Organisering"),
    "responsibility": gettext_lazy("Ansvar"),
    "coordinator": gettext_lazy("Tovholder"),
    "coordination_meetings": gettext_lazy("Koordineringsmøder"),
    "meetings_per_year": gettext_lazy("Møder om året"),
    "actors": gettext_lazy("Aktører i kommunen"),
    "role": gettext_lazy("Rolle"),
    "email": gettext_lazy("E-mail"),
    "intervention_group": gettext_lazy("Indsatsgruppen"),
    "purpose": gettext_lazy("Formål"),
    "members": gettext_lazy("Medlemmer"),
    "agenda_access_days_after_meeting": gettext_lazy("Adgang til sager efter mødet (dage)"),
    "max_days_ahead": gettext_lazy("Møder planlægges højst (dage frem)"),
    "partners": gettext_lazy("Samarbejdspartnere"),
    "offers": gettext_lazy("Tilbud"),
    "for_whom": gettext_lazy("For hvem"),
    "hours": gettext_lazy("Åbent"),
    "anonymous": gettext_lazy("Anonymt"),
    "press": gettext_lazy("Presse"),
    "record_fields": gettext_lazy("Det noteres"),
    "extremism": gettext_lazy("Ekstremisme"),
    "covered_here": gettext_lazy("Planen dækker ekstremisme"),
    "separate_plan_title": gettext_lazy("Kommunens særskilte plan mod ekstremisme (titel)"),
    "separate_plan_url": gettext_lazy("Den særskilte plans adresse"),
    "national_action_plan": gettext_lazy("Den nationale handlingsplan"),
    "areas": gettext_lazy("Indsatsområder"),
    "closing": gettext_lazy("Afslutning"),
    "risk_factors": gettext_lazy("Risikofaktorer"),
    "help": gettext_lazy("Hjælpetekst"),
    "initiative_types": gettext_lazy("Indsatstyper"),
    "partner": gettext_lazy("Partner (nøgle)"),
    "tracks": gettext_lazy("Spor"),
    "unit": gettext_lazy("Enhed, der modtager sagen"),
    "group": gettext_lazy("Gruppe, der beslutter indsatser"),
    "adult_from_age": gettext_lazy("Voksensporet fra alderen"),
    "support_until_age": gettext_lazy("Støtte kan fortsætte til alderen"),
    "intake_read_after_handover_days": gettext_lazy(
        "Modtagelsen læser sagen efter overdragelse (dage)"
    ),
    "retention": gettext_lazy("Opbevaring"),
    "closed_case_years": gettext_lazy("Lukkede sager gemmes (år)"),
    "audit_log_years": gettext_lazy("Revisionsloggen gemmes (år)"),
    "public_page": gettext_lazy("Den offentlige side"),
    "what_happens": gettext_lazy("Hvad sker der"),
    "young_people": gettext_lazy("Siden for unge"),
    "talk_to_someone": gettext_lazy("Tal med nogen"),
    "monday": gettext_lazy("Mandag"),
    "tuesday": gettext_lazy("Tirsdag"),
    "wednesday": gettext_lazy("Onsdag"),
    "thursday": gettext_lazy("Torsdag"),
    "friday": gettext_lazy("Fredag"),
    "saturday": gettext_lazy("Lørdag"),
    "sunday": gettext_lazy("Søndag"),
}
TEXT_LANGUAGES = ("da", "en")


# The schema's types, told apart --------


def _strip_annotated(annotation):
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _optional(annotation) -> tuple[Any, bool]:
    annotation = _strip_annotated(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(annotation)) == 2:
            return _strip_annotated(args[0]), True
    return annotation, False


def _kind(annotation) -> str:
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model"
    if origin is Literal:
        return "choice"
    if origin is list:
        return "list"
    if origin is dict:
        key, value = typing.get_args(annotation)
        if key is str and _strip_annotated(value) is str:
            return "text"  # a Text: {da: ..., en: ...}
        if typing.get_origin(_strip_annotated(key)) is Literal:
            return "by_key"
        return "unsupported"
    return {bool: "bool", int: "int", str: "str", dt.date: "date", dt.time: "time"}.get(
        annotation, "unsupported"
    )


# The form as a tree --------


@dataclass
class Node:
    """One field of the form (or a group of them), at `path` in the plan file."""

    path: str
    name: str
    kind: str
    value: Any = None
    optional: bool = False
    required: bool = False
    choices: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    problem: str = ""
    to_write: bool = False

    @property
    def label(self) -> str:
        if self.name.isdigit():
            return str(int(self.name) + 1)
        return str(LABELS.get(self.name, self.name))

    @property
    def dom_id(self) -> str:
        return "f-" + self.path.replace(".", "-")

    @property
    def present(self) -> bool:
        return self.value is not None

    def text_of(self, language: str) -> str:
        value = self.value
        if isinstance(value, str):
            return value if language == "da" else ""
        if isinstance(value, dict):
            return value.get(language) or ""
        return ""

    @property
    def text_da(self) -> str:
        return self.text_of("da")

    @property
    def text_en(self) -> str:
        return self.text_of("en")

    @property
    def shown(self) -> str:
        """The value as the field shows it (dates as Danes write them)."""
        value = self.value
        if value is None:
            return ""
        if self.kind == "date":
            try:
                return dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y")
            except ValueError:
                return str(value)
        if self.kind == "time":
            return str(value)[:5]
        return str(value)


def build(annotation, value, path: str, name: str, *, required: bool = True) -> Node:
    annotation, optional = _optional(annotation)
    kind = _kind(annotation)
    node = Node(path=path, name=name, kind=kind, value=value, optional=optional, required=required)
    if kind == "choice":
        node.choices = [str(choice) for choice in typing.get_args(annotation)]
    elif kind == "model" and value is not None:
        data = value if isinstance(value, dict) else {}
        for field_name, info in annotation.model_fields.items():
            node.children.append(
                build(
                    info.annotation,
                    data.get(field_name, _default(info)),
                    f"{path}.{field_name}",
                    field_name,
                    required=info.is_required(),
                )
            )
    elif kind == "list":
        (item,) = typing.get_args(annotation)
        for index, item_value in enumerate(value or []):
            node.children.append(build(item, item_value, f"{path}.{index}", str(index)))
    elif kind == "by_key":
        key_type, item = typing.get_args(annotation)
        node.choices = [str(k) for k in typing.get_args(_strip_annotated(key_type))]
        data = value or {}
        for key in node.choices:
            node.children.append(build(item, data.get(key, []), f"{path}.{key}", key))
    return node


def _default(info):
    if info.is_required():
        return None
    default = info.get_default(call_default_factory=True)
    if isinstance(default, BaseModel):
        return default.model_dump(mode="json")
    return default


def empty_value(annotation):
    """What a new item of this type starts as (a model's fields empty)."""
    annotation, optional = _optional(annotation)
    kind = _kind(annotation)
    if kind == "model":
        return {
            name: (empty_value(info.annotation) if info.is_required() else _default(info))
            for name, info in annotation.model_fields.items()
        }
    return {"list": [], "by_key": {}, "text": "", "str": "", "bool": False}.get(kind)


def section_nodes(data: dict, parts: tuple[str, ...]) -> list[Node]:
    fields = PlanDocument.model_fields
    return [
        build(
            fields[part].annotation, data.get(part), part, part, required=fields[part].is_required()
        )
        for part in parts
    ]


def annotation_at(path: str):
    """The schema's type of the field at `path` (list items by index, by_key items by key)."""
    annotation: Any = PlanDocument
    for segment in path.split("."):
        annotation, _optional_ = _optional(annotation)
        kind = _kind(annotation)
        if kind == "model":
            annotation = annotation.model_fields[segment].annotation
        elif kind == "list":
            (annotation,) = typing.get_args(annotation)
        elif kind == "by_key":
            annotation = typing.get_args(annotation)[1]
        else:
            raise KeyError(path)
    return annotation


# Reading the posted form back into the plan's data --------


# An empty field that has a default in the schema: left out, so that the default applies.
DEFAULT = object()


def read(node: Node, post) -> Any:
    """The value the posted form gives the field of `node` (what is typed is kept as typed)."""
    if node.kind == "unsupported":
        return node.value
    if node.optional and node.kind in ("model", "list", "by_key") and node.value is None:
        return None
    if node.kind == "model":
        values = {child.name: read(child, post) for child in node.children}
        return {name: value for name, value in values.items() if value is not DEFAULT}
    if node.kind == "list":
        return [read(child, post) for child in node.children]
    if node.kind == "by_key":
        result = {}
        for child in node.children:
            items = read(child, post)
            if items:
                result[child.name] = items
        return result
    if node.kind == "text":
        texts = {}
        old = node.value if isinstance(node.value, dict) else {}
        for language, text in old.items():
            if language not in TEXT_LANGUAGES:
                texts[language] = text  # a translation made in the plan file is kept
        for language in TEXT_LANGUAGES:
            typed = post.get(f"{node.path}.{language}", "").strip()
            if typed:
                texts[language] = typed
        if not texts.get("da") and node.optional and not texts:
            return None
        if set(texts) == {"da"}:
            return texts["da"]
        return texts or ""
    if node.kind == "bool":
        return post.get(node.path) == "on"
    typed = post.get(node.path, "").strip()
    if typed == "":
        if node.optional:
            return None
        return "" if node.required else DEFAULT
    if node.kind == "int":
        try:
            return int(typed)
        except ValueError:
            return typed
    if node.kind == "date":
        return _iso_date(typed)
    return typed


def _iso_date(typed: str) -> str:
    for form in ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(typed, form).date().isoformat()
        except ValueError:
            continue
    return typed


def read_section(data: dict, parts: tuple[str, ...], post) -> dict:
    """The draft's data with this page's parts as posted."""
    result = dict(data)
    for node in section_nodes(data, parts):
        value = read(node, post)
        if (value is None or value is DEFAULT) and not PlanDocument.model_fields[
            node.name
        ].is_required():
            result.pop(node.name, None)
        else:
            result[node.name] = value
    return result


def change_structure(data: dict, action: str, path: str) -> dict:
    """Add an item to the list (or the optional part) at `path`, or remove the one there."""
    segments = path.split(".")
    parent: Any = data
    for segment in segments[:-1]:
        parent = (
            parent[int(segment)] if isinstance(parent, list) else parent.setdefault(segment, {})
        )
    last = segments[-1]
    if action == "add":
        annotation, optional = _optional(annotation_at(path))
        current = parent[int(last)] if isinstance(parent, list) else parent.get(last)
        if _kind(annotation) == "list":
            (item,) = typing.get_args(annotation)
            if current is None:
                current = []
                parent[last] = current
            current.append(empty_value(item))
        elif current is None:
            parent[last] = empty_value(annotation)
    elif action == "remove":
        if isinstance(parent, list):
            del parent[int(last)]
        elif isinstance(parent, dict):
            parent[last] = None
            if (
                last in PlanDocument.model_fields
                and not PlanDocument.model_fields[last].is_required()
            ):
                parent.pop(last)
    return data


# The schema's problems, at their fields --------


@dataclass
class Problem:
    path: str
    message: str
    to_write: bool  # a required part that is still empty

    @property
    def page(self) -> str | None:
        return section_of(self.path)

    @property
    def anchor(self) -> str:
        return "err-f-" + self.path.replace(".", "-")


def problems(data: dict) -> list[Problem]:
    """Every problem of the draft: the schema's (as `load_plan` finds them) and the law's parts
    that are not written yet."""
    found: list[Problem] = []
    try:
        PlanDocument.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"])
            empty = _is_empty(error.get("input")) or error["type"] == "missing"
            message = _editor_message(error)
            found.append(Problem(path, message, empty))
    extremism = data.get("extremism") or {}
    if not (extremism.get("covered_here") and extremism.get("text")) and not extremism.get(
        "separate_plan_title"
    ):
        found.append(
            Problem(
                "extremism",
                _(
                    "Barnets Lov § 15, stk. 3: skriv, hvordan planen dækker ekstremisme, eller "
                    "nævn kommunens særskilte plan mod ekstremisme."
                ),
                True,
            )
        )
    return found


def _is_empty(value) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict) and set(value) <= set(TEXT_LANGUAGES) | {"da"}:
        return not str(value.get("da", "")).strip()
    return False


def _editor_message(error) -> str:
    if error["type"].startswith("date_"):
        return _("Skriv datoen som dag-måned-år, fx 01-04-2026.")
    if error["type"] == "missing":
        return _("Skal udfyldes.")
    return problem_message(error)


def attach(nodes: list[Node], found: list[Problem]) -> list[Problem]:
    """Put each problem on the field of its path; return those that belong to no field here."""
    by_path: dict[str, Node] = {}

    def walk(node: Node) -> None:
        by_path[node.path] = node
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    left = []
    for problem in found:
        path = problem.path
        while path and path not in by_path:
            path = path.rpartition(".")[0]
        if not path:
            left.append(problem)
            continue
        node = by_path[path]
        node.to_write = node.to_write or problem.to_write
        message = _("Skal skrives.") if problem.to_write else problem.message
        if message not in node.problem:
            node.problem = f"{node.problem} {message}".strip()
    return left


def section_of(path: str) -> str | None:
    top = path.split(".")[0]
    for slug, _title, parts in SECTIONS:
        if top in parts:
            return slug
    return None


def all_paths(nodes: list[Node]) -> list[Node]:
    """Every node of the tree, depth first (for the error slots the page refreshes)."""
    result: list[Node] = []

    def walk(node: Node) -> None:
        result.append(node)
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    return result
