"""Statements whose text is built once per process, for the paths every request takes.

`Model.save()` and `QuerySet.bulk_create()` compile their INSERT for every call: the field list,
the quoting, the placeholders, checks for parents, signals and conflicts. On the registration's
path (ten rows per notification) that compiling cost more processor time than the database
spent storing the rows. `insert()` writes the same rows, with the same values Django would send
(each field's `pre_save` and `get_db_prep_save`), from a statement kept per model, number of
rows and database. It is for plain models: no parents, no file fields, no signals that expect
`save()` (the project connects none to the models it is used for), and it joins the caller's
transaction as `save()` does.

`Reader` turns the columns of a hand-written SELECT back into model instances, through the
converters the ORM would apply: for a look-up whose query took longer to compile than to run
(an API token with its account and roles, on every API request).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

_statements: dict[tuple[type[models.Model], int, str, bool], tuple[str, list[models.Field]]] = {}


def _column(field: models.Field) -> str:
    assert field.column is not None, "a concrete field has a column"
    return field.column


def _fields(model: type[models.Model], with_pk: bool) -> list[models.Field]:
    meta = model._meta
    if meta.parents:
        raise TypeError(f"{meta.label} has parents: use save()")
    fields = []
    for field in meta.concrete_fields:
        if isinstance(field, models.FileField):
            raise TypeError(f"{meta.label}.{field.name} is a file field: use save()")
        if field.generated or (field.primary_key and not with_pk):
            continue
        fields.append(field)
    return fields


def _statement(
    model: type[models.Model], rows: int, alias: str, with_pk: bool
) -> tuple[str, list[models.Field]]:
    key = (model, rows, alias, with_pk)
    found = _statements.get(key)
    if found is None:
        quote = connections[alias].ops.quote_name
        fields = _fields(model, with_pk)
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        pk = model._meta.pk
        assert pk is not None
        found = (
            f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
            f"({', '.join(quote(_column(field)) for field in fields)}) "
            f"VALUES {', '.join([row] * rows)} RETURNING {quote(_column(pk))}",
            fields,
        )
        _statements[key] = found
    return found


def insert(objs: Sequence[models.Model], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Insert the unsaved instances `objs` (all of one model) in one statement and give each its
    primary key, as `bulk_create` does. Values a field fills itself (`auto_now_add`) are filled."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    with_pk = objs[0].pk is not None
    sql, fields = _statement(model, len(objs), using, with_pk)
    params: list[Any] = []
    for obj in objs:
        if type(obj) is not model or not obj._state.adding or (obj.pk is not None) != with_pk:
            raise TypeError("insert() takes new instances of one model, all with or without pk")
        params.extend(
            field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = cursor.fetchall()
    pk_field = model._meta.pk
    assert pk_field is not None
    for obj, (key,) in zip(objs, keys, strict=True):
        if not with_pk:
            obj.pk = pk_field.to_python(key)
        obj._state.adding = False
        obj._state.db = using


class Reader:
    """Instances of `model` from the columns `select` names (its concrete fields, in order, as
    `alias`.column): for a hand-written statement read often, whose text is built once. Each
    value passes the converters the ORM would apply (on SQLite a time comes back as text)."""

    def __init__(self, model: type[models.Model], alias: str, *, using: str = DEFAULT_DB_ALIAS):
        connection = connections[using]
        self.model, self.using = model, using
        fields = list(model._meta.concrete_fields)
        self.names = [field.attname for field in fields]
        quote = connection.ops.quote_name
        self.select = [f"{alias}.{quote(_column(field))}" for field in fields]
        self._converters = []
        for field in fields:
            column = field.get_col(alias)
            converters = connection.ops.get_db_converters(column) + field.get_db_converters(
                connection
            )
            self._converters.append((column, converters))

    def __len__(self) -> int:
        return len(self.names)

    def __call__(self, values: Sequence[Any]) -> models.Model:
        connection = connections[self.using]
        converted = []
        for value, (column, converters) in zip(values, self._converters, strict=True):
            for converter in converters:
                value = converter(value, column, connection)
            converted.append(value)
        return self.model.from_db(self.using, self.names, converted)
