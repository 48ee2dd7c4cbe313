"""Keys for names spelled in other ways (persons.normalise), filled for the persons already
there. The indexes follow in 0005, in a transaction of their own."""

from django.db import migrations, models
from django.utils import timezone

from beredskab.persons.normalise import birth_year, fold_name, name_key

BATCH = 2000


def fill_spelling_keys(apps, schema_editor):
    """The new keys for the persons already there; an age from the person's notification when
    no birth date is known."""
    Person = apps.get_model("persons", "Person")
    NotificationPerson = apps.get_model("persons", "NotificationPerson")
    ages = {}
    for person_id, age, received_at in NotificationPerson.objects.filter(
        role="at_risk", person__birth_date__isnull=True, notification__person_age__isnull=False
    ).values_list("person_id", "notification__person_age", "notification__received_at"):
        ages.setdefault(person_id, (age, timezone.localdate(received_at)))
    last = 0
    while True:
        # By primary key, a batch at a time: never iterating over the rows being updated.
        batch = list(
            Person.objects.filter(pk__gt=last).order_by("pk").only("name", "birth_date")[:BATCH]
        )
        if not batch:
            break
        for person in batch:
            person.name_fold = fold_name(person.name)
            person.name_key = name_key(person.name)
            person.birth_year = birth_year(person.birth_date, *ages.get(person.pk, (None, None)))
        Person.objects.bulk_update(batch, ["name_fold", "name_key", "birth_year"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0003_related_person_details"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="birth_year",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="name_fold",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_spelling_keys, migrations.RunPython.noop, elidable=True),
    ]
