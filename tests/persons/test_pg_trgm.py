"""Without pg_trgm (an older PostgreSQL, no right to create the extension) the migration goes
on and says so; matching then works as on SQLite."""

import importlib

from django.db import DatabaseError, connection

migration = importlib.import_module("beredskab.persons.migrations.0005_candidate_indexes")


class Refusing:
    """A PostgreSQL connection whose user may not create the extension."""

    vendor = "postgresql"
    alias = connection.alias

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params=None):
        raise DatabaseError('permission denied to create extension "pg_trgm"')


class SchemaEditor:
    connection = Refusing()


def test_the_migration_goes_on_without_pg_trgm_and_says_so(db, capsys):
    migration.create_pg_trgm(apps=None, schema_editor=SchemaEditor())

    assert "pg_trgm extension could not be created" in capsys.readouterr().out
