"""Reading the plan that this installation serves."""

from __future__ import annotations

from django.conf import settings

from .models import PlanVersion
from .schema import PlanDocument


class NoPublishedPlan(LookupError):
    pass


def current_version(municipality: str | None = None) -> PlanVersion:
    slug = municipality or settings.BEREDSKAB_MUNICIPALITY
    # The document itself (about 100 kB of JSON) is deferred: current_plan() reads it only when
    # its parsed copy is not cached yet, so a page asks the database for a few bytes.
    version = (
        PlanVersion.objects.filter(plan__municipality_slug=slug, published_at__isnull=False)
        .defer("document")
        .order_by("-published_at", "-id")
        .first()
    )
    if version is None:
        raise NoPublishedPlan(
            f"No published plan for {slug!r}. Load one: manage.py load_plan plans/{slug}.yaml"
        )
    return version


def current_plan(municipality: str | None = None) -> PlanDocument:
    """The published plan document, parsed once per content version and process."""
    version = current_version(municipality)
    document = _parsed.get(version.content_hash)
    if document is None:
        document = PlanDocument.model_validate(version.document)
        if len(_parsed) > 32:
            _parsed.clear()
        _parsed[version.content_hash] = document
    return document


_parsed: dict[str, PlanDocument] = {}
