"""Reading the plan that this installation serves."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Plan, PlanVersion
from .schema import PlanDocument

# The published version per municipality, read once per request (PlanPerRequestMiddleware):
# a registration asks for the plan five or six times (the view, the deadlines, the
# notification's version, the page's header). Outside a request nothing is remembered.
_in_request: ContextVar[dict[str, PlanVersion] | None] = ContextVar(
    "plan_versions_in_request", default=None
)


class NoPublishedPlan(LookupError):
    pass


def current_version(municipality: str | None = None) -> PlanVersion:
    slug = municipality or settings.BEREDSKAB_MUNICIPALITY
    remembered = _in_request.get()
    if remembered is not None and slug in remembered:
        return remembered[slug]
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
    if remembered is not None:
        remembered[slug] = version
    return version


@contextlib.contextmanager
def one_version_per_request() -> Iterator[None]:
    """Within the block, current_version() asks the database once per municipality (until a
    plan version is saved or deleted in the block)."""
    token = _in_request.set({})
    try:
        yield
    finally:
        _in_request.reset(token)


@receiver(post_save, sender=PlanVersion)
@receiver(post_delete, sender=PlanVersion)
@receiver(post_save, sender=Plan)
def _plan_changed(**kwargs: object) -> None:
    remembered = _in_request.get()
    if remembered:
        remembered.clear()


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
