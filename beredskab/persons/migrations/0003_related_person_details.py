"""The person reference becomes required and unique (in its own transaction: PostgreSQL does
not alter a table with rows updated earlier in the same transaction), and a related person's
link keeps the details the employee typed when adding them."""

from django.db import migrations, models

import beredskab.persons.models


def describe_related_persons(apps, schema_editor):
    """What was typed for a related person was kept only on the person. Where the person has no
    other link and nobody merged into it, the person's data is exactly what was typed."""
    NotificationPerson = apps.get_model("persons", "NotificationPerson")
    Person = apps.get_model("persons", "Person")
    merged_into = set(
        Person.objects.filter(merged_into__isnull=False).values_list("merged_into", flat=True)
    )
    batch = []
    for link in (
        NotificationPerson.objects.exclude(role="at_risk").select_related("person").iterator(2000)
    ):
        person = link.person
        if person.pk in merged_into or NotificationPerson.objects.filter(person=person).count() > 1:
            continue
        link.name, link.birth_date = person.name, person.birth_date
        link.address, link.cpr = person.address, person.cpr or ""
        batch.append(link)
    NotificationPerson.objects.bulk_update(batch, ["name", "birth_date", "address", "cpr"], 2000)


class Migration(migrations.Migration):
    dependencies = [("persons", "0002_person_reference")]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="reference",
            field=models.CharField(
                default=beredskab.persons.models.new_person_reference,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="reference",
            ),
        ),
        migrations.AddField(
            model_name="notificationperson",
            name="name",
            field=models.CharField(blank=True, max_length=200, verbose_name="navn"),
        ),
        migrations.AddField(
            model_name="notificationperson",
            name="birth_date",
            field=models.DateField(blank=True, null=True, verbose_name="fødselsdato"),
        ),
        migrations.AddField(
            model_name="notificationperson",
            name="address",
            field=models.CharField(blank=True, max_length=300, verbose_name="adresse"),
        ),
        migrations.AddField(
            model_name="notificationperson",
            name="cpr",
            field=models.CharField(blank=True, max_length=10, verbose_name="CPR-nummer"),
        ),
        migrations.RunPython(describe_related_persons, migrations.RunPython.noop),
    ]
