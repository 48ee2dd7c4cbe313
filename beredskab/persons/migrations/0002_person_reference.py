"""Persons get a random reference for URLs and labels; existing persons get one here."""

from django.db import migrations, models

import beredskab.persons.models


def give_references(apps, schema_editor):
    Person = apps.get_model("persons", "Person")
    batch = []
    for person in Person.objects.filter(reference__isnull=True).only("pk").iterator(2000):
        person.reference = beredskab.persons.models.new_person_reference()
        batch.append(person)
        if len(batch) == 2000:
            Person.objects.bulk_update(batch, ["reference"])
            batch = []
    Person.objects.bulk_update(batch, ["reference"])


class Migration(migrations.Migration):
    dependencies = [("persons", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="reference",
            field=models.CharField(editable=False, max_length=20, null=True),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
    ]
