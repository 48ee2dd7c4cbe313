"""Doing a thing once, however often a sweep runs: the deadline warnings, the press reminders and
the plan's revision reminders each record what they did in a table with a unique constraint.
A sweep that runs every minute, or in two places at once, finds what is not recorded yet with
NOT EXISTS, and only the run whose record is saved does the thing (e-mails, say)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef


def not_recorded(
    queryset: models.QuerySet, records: models.QuerySet | models.Manager, *, to: str, **match
):
    """The rows of `queryset` that `records` holds no record for: none whose field `to` points to
    the row and that matches `match` (values, or OuterRef("field") for the row's own fields)."""
    return queryset.exclude(Exists(records.filter(**{to: OuterRef("pk")}, **match)))


def record_once(
    model: type[models.Model], *, then: Callable[[models.Model], None] | None = None, **fields
) -> bool:
    """Save a `model` row with `fields` and call `then(row)`, in one transaction. False, and
    nothing done, when the row's unique constraint says another run recorded it first."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = model._default_manager.create(**fields)
        except IntegrityError:
            return False
        if then is not None:
            then(row)
    return True
