"""The indexes that find candidates for a proposal, and on PostgreSQL a trigram index (pg_trgm)
on the folded name.

pg_trgm is a trusted extension from PostgreSQL 13: the database's owner may create it. Where it
cannot be created (an older server, a user without the right, the package missing), the
migration says so and goes on without the trigram index; matching then finds candidates by the
name key, birth date and address alone, as on SQLite (persons.selectors.trigram_available).
docs/operations.md tells the administrator how to add it later.
"""

from django.db import DatabaseError, migrations, models, transaction

TRIGRAM_INDEX = "person_name_fold_trgm_idx"


def create_trigram_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        print(
            f"\n  pg_trgm could not be created ({error.__class__.__name__}): persons are matched "
            "without the trigram index. See docs/operations.md."
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON persons_person "
            "USING gin (name_fold gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0004_spelling_keys"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_name_birth_idx"),
        migrations.RemoveIndex(model_name="person", name="person_name_address_idx"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["norm_address"], name="person_address_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_key", "birth_year"], name="person_name_key_year_idx"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
