"""The indexes that find candidates for a proposal, and on PostgreSQL the pg_trgm extension,
whose similarity() narrows the persons born on a day to names alike before they are read.

pg_trgm is a trusted extension from PostgreSQL 13: the database's owner may create it. Where it
cannot be created (an older server, a user without the right, the contrib package missing), the
migration says so and goes on; matching then reads every person born on the day, as on SQLite
(persons.selectors.trigram_available): the same proposals, a little more work at national
scale. docs/operations.md tells the administrator how to add it later.
"""

from django.db import DatabaseError, migrations, models, transaction


def create_pg_trgm(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        print(
            f"\n  The pg_trgm extension could not be created ({error.__class__.__name__}): "
            "persons are matched without it. See docs/operations.md."
        )


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
        # Not dropped on the way back: other databases' objects may use the extension.
        migrations.RunPython(create_pg_trgm, migrations.RunPython.noop),
    ]
