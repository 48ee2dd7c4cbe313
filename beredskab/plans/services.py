"""Loading and publishing plan versions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from .models import Plan, PlanVersion
from .schema import PlanDocument

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
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanFileError(source, [f"{where}not valid YAML ({problem})"]) from exc
    if not isinstance(data, dict):
        raise PlanFileError(source, ["the file must be a YAML mapping (key: value) at the top"])
    try:
        return PlanDocument.model_validate(data)
    except ValidationError as exc:
        raise PlanFileError(source, [_describe(error) for error in exc.errors()]) from exc


def _describe(error) -> str:
    field = ".".join(str(part) for part in error["loc"]) or "(top level)"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field (check the spelling against docs/plan-schema.md)"
    elif error["type"] == "missing":
        message = "required field is missing"
    return f"{field}: {message}"


def document_hash(document: PlanDocument) -> str:
    canonical = json.dumps(document.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_plan_file(path: str | Path, *, publish: bool = True) -> LoadResult:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanFileError(str(path), [f"cannot be read ({exc.strerror})"]) from exc
    except UnicodeDecodeError as exc:
        raise PlanFileError(str(path), ["is not UTF-8 text"]) from exc
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
    changed = created or version.content_hash != content_hash
    if created:
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
