"""Reading the plan that this installation serves."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
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
    version = _published_version(slug)
    if version is None:
        raise NoPublishedPlan(
            f"No published plan for {slug!r}. Load one: manage.py load_plan plans/{slug}.yaml"
        )
    if remembered is not None:
        remembered[slug] = version
    return version


# The published versions this process has read, by municipality: (the row's stamp, the version).
_known: dict[str, tuple[tuple[object, ...], PlanVersion]] = {}


def _published_version(slug: str) -> PlanVersion | None:
    """The municipality's published version. The database is asked which version that is (its
    id and when it and its plan last changed: one short statement, written out because it runs
    on every request); the version itself is read only when this process has not seen it as it
    is now. The document (about 100 kB of JSON) stays deferred: current_plan() reads it only
    when its parsed copy is not cached yet."""
    version_table = connection.ops.quote_name(PlanVersion._meta.db_table)
    plan_table = connection.ops.quote_name(Plan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.id, v.updated_at, p.municipality_name FROM {version_table} v "  # noqa: S608 - table names from the models
            f"INNER JOIN {plan_table} p ON p.id = v.plan_id "
            "WHERE p.municipality_slug = %s AND v.published_at IS NOT NULL "
            "ORDER BY v.published_at DESC, v.id DESC LIMIT 1",
            [slug],
        )
        stamp = cursor.fetchone()
    if stamp is None:
        return None
    stamp = tuple(stamp)
    known = _known.get(slug)
    if known is not None and known[0] == stamp:
        return known[1]
    version = PlanVersion.objects.select_related("plan").defer("document").get(pk=stamp[0])
    _known[slug] = (stamp, version)
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
    _known.clear()
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
