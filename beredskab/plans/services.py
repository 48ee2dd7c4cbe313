"""Loading and publishing plan versions.

A plan file's problems are worded in the active language: Danish on the staff's upload page
(English when the user reads the pages in English), English on the command line (load_plan).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError

from .models import Plan, PlanVersion
from .schema import (
    CLOSED_DAY_PATTERN,
    EMAIL_PATTERN,
    KEY_PATTERN,
    LANGUAGE_CODE_PATTERN,
    URL_PATTERN,
    PlanDocument,
)

# libyaml's safe loader where PyYAML was built with it: the same documents, parsed ~10x faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanFileError(Exception):
    """A plan file that cannot be loaded; the message names the file and the field."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))


@dataclass(frozen=True)
class LoadResult:
    version: PlanVersion
    created: bool
    changed: bool
    published: bool


def parse_plan(text: str, source: str) -> PlanDocument:
    """Parse and validate a plan file's text; raise PlanFileError naming file and field."""
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The YAML parser's own words are English; they are kept, named as such.
        problem = getattr(exc, "problem", None) or str(exc)
        if mark:
            message = _(
                "linje %(line)s, kolonne %(column)s: er ikke gyldig YAML (YAML-læserens besked: "
                "%(problem)s)"
            ) % {"line": mark.line + 1, "column": mark.column + 1, "problem": problem}
        else:
            message = _("er ikke gyldig YAML (YAML-læserens besked: %(problem)s)") % {
                "problem": problem
            }
        raise PlanFileError(source, [message]) from exc
    if not isinstance(data, dict):
        raise PlanFileError(source, [_("filen skal øverst være en YAML-mapping (nøgle: værdi)")])
    try:
        return PlanDocument.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(source, [_describe(error) for error in exc.errors()]) from exc


def _describe(error) -> str:
    field = ".".join(str(part) for part in error["loc"]) or _("(øverst i filen)")
    return f"{field}: {_message(error)}"


# The validator's messages by pydantic's error type, in the active language. The schema's own
# rules raise their messages already translated (value_error).
_MESSAGES = {
    "missing": lambda ctx: _("feltet mangler"),
    "extra_forbidden": lambda ctx: _("ukendt felt (tjek stavemåden i docs/plan-schema.md)"),
    "string_type": lambda ctx: _("skal være en tekst"),
    "string_too_short": lambda ctx: (
        _("skal være mindst %(min_length)s tegn") % {"min_length": ctx["min_length"]}
    ),
    "string_too_long": lambda ctx: (
        _("må højst være %(max_length)s tegn") % {"max_length": ctx["max_length"]}
    ),
    "string_pattern_mismatch": lambda ctx: _pattern_message(ctx["pattern"]),
    "int_type": lambda ctx: _("skal være et helt tal"),
    "int_parsing": lambda ctx: _("skal være et helt tal"),
    "int_from_float": lambda ctx: _("skal være et helt tal"),
    "greater_than": lambda ctx: _("skal være større end %(limit)s") % {"limit": ctx["gt"]},
    "greater_than_equal": lambda ctx: _("skal være mindst %(limit)s") % {"limit": ctx["ge"]},
    "less_than": lambda ctx: _("skal være mindre end %(limit)s") % {"limit": ctx["lt"]},
    "less_than_equal": lambda ctx: _("må højst være %(limit)s") % {"limit": ctx["le"]},
    "bool_type": lambda ctx: _("skal være true eller false"),
    "bool_parsing": lambda ctx: _("skal være true eller false"),
    "date_type": lambda ctx: _("skal være en dato som 2024-04-01"),
    "date_parsing": lambda ctx: _("skal være en dato som 2024-04-01"),
    "date_from_datetime_parsing": lambda ctx: _("skal være en dato som 2024-04-01"),
    "date_from_datetime_inexact": lambda ctx: _("skal være en dato som 2024-04-01"),
    "time_type": lambda ctx: _('skal være et klokkeslæt som "12:00"'),
    "time_parsing": lambda ctx: _('skal være et klokkeslæt som "12:00"'),
    "literal_error": lambda ctx: (
        _("skal være en af: %(choices)s") % {"choices": ctx["expected"].replace(" or ", ", ")}
    ),
    "list_type": lambda ctx: _("skal være en liste"),
    "dict_type": lambda ctx: _("skal være en samling af felter (nøgle: værdi)"),
    "model_type": lambda ctx: _("skal være en samling af felter (nøgle: værdi)"),
    "model_attributes_type": lambda ctx: _("skal være en samling af felter (nøgle: værdi)"),
    "too_short": lambda ctx: (
        _("skal have mindst %(min_length)s punkt(er)") % {"min_length": ctx["min_length"]}
    ),
    "too_long": lambda ctx: (
        _("må højst have %(max_length)s punkter") % {"max_length": ctx["max_length"]}
    ),
}


def problem_message(error) -> str:
    """One pydantic error's message without its field, in the active language (the plan
    editor shows it at the field)."""
    return _message(error)


def _message(error) -> str:
    if error["type"] == "value_error":
        return str(error["ctx"]["error"]) if "error" in error.get("ctx", {}) else error["msg"]
    try:
        return _MESSAGES[error["type"]](error.get("ctx") or {})
    except (TypeError, KeyError):
        # A rare type (floats, unions ...): the validator's own words, which are English.
        return _("ugyldig værdi (validatorens besked: %(message)s)") % {"message": error["msg"]}


def _pattern_message(pattern: str) -> str:
    known = {
        KEY_PATTERN: _("skal være små bogstaver (a–z), tal og _, og begynde med et bogstav"),
        EMAIL_PATTERN: _("skal være en e-mailadresse, fx familier@kommune.dk"),
        URL_PATTERN: _("skal være en adresse, der begynder med http:// eller https://"),
        CLOSED_DAY_PATTERN: _('skal være en dato som "12-24" (hvert år) eller "2026-12-28"'),
        LANGUAGE_CODE_PATTERN: _("skal være en sprogkode med små bogstaver, fx ar eller let-dansk"),
    }
    return known.get(pattern) or _("har ikke den rigtige form (mønster: %(pattern)s)") % {
        "pattern": pattern
    }


def document_hash(document: PlanDocument) -> str:
    canonical = json.dumps(document.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_plan_file(path: str | Path, *, publish: bool = True) -> LoadResult:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanFileError(
            str(path), [_("kan ikke læses (%(reason)s)") % {"reason": exc.strerror}]
        ) from exc
    except UnicodeDecodeError as exc:
        raise PlanFileError(str(path), [_("er ikke UTF-8-tekst")]) from exc
    return load_plan(parse_plan(text, str(path)), source_name=path.name, publish=publish)


@transaction.atomic
def load_plan(document: PlanDocument, *, source_name: str, publish: bool = True) -> LoadResult:
    """Create or update the plan version that `document` describes.

    Idempotent: loading the same content again changes nothing (not even timestamps).
    """
    municipality = document.municipality
    plan, _ = Plan.objects.select_for_update().get_or_create(
        municipality_slug=municipality.slug,
        defaults={"municipality_name": municipality.name["da"]},
    )
    if plan.municipality_name != municipality.name["da"]:
        plan.municipality_name = municipality.name["da"]
        plan.save(update_fields=["municipality_name"])

    content_hash = document_hash(document)
    fields = {
        "document": document.model_dump(mode="json"),
        "content_hash": content_hash,
        "source_name": source_name,
        "effective_from": document.plan.effective_from,
        "adopted_on": document.plan.adopted.date,
        "next_revision": document.plan.next_revision,
    }
    version = PlanVersion.objects.filter(plan=plan, version=document.plan.version).first()
    created = version is None
    changed = version is None or version.content_hash != content_hash
    if version is None:
        version = PlanVersion.objects.create(plan=plan, version=document.plan.version, **fields)
    elif changed:
        for name, value in fields.items():
            setattr(version, name, value)
        version.save()

    published = False
    if publish and version.published_at is None:
        version.published_at = timezone.now()
        version.save(update_fields=["published_at", "updated_at"])
        published = True
    return LoadResult(version=version, created=created, changed=changed, published=published)
