"""The chain is sealed after recording (HMAC with a key outside the database), events have
subjects, and retention leaves a signed mark. Events recorded before are filed under the case
they name and sealed again, in their old order, by the next `manage.py seal_audit`."""

import django.db.models.deletion
from django.db import migrations, models

PERSON_OBJECTS = {"intake.notification", "cases.case", "persons.person"}


def file_old_events_and_unseal(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditSubject = apps.get_model("audit", "AuditSubject")
    AuditEvent.objects.update(seq=None, prev_hash="", hash="")
    batch = []
    rows = AuditEvent.objects.order_by("id").values_list(
        "id", "at", "object_type", "object_id", "person_key"
    )
    for event_id, at, object_type, object_id, person_key in rows.iterator(chunk_size=5000):
        keys = {person_key} if person_key else set()
        if object_type in PERSON_OBJECTS and object_id:
            keys.add(object_id)
        batch += [AuditSubject(event_id=event_id, key=key[:80], at=at) for key in sorted(keys)]
        if len(batch) >= 5000:
            AuditSubject.objects.bulk_create(batch)
            batch = []
    AuditSubject.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditRetention",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveBigIntegerField(unique=True)),
                ("hash", models.CharField(max_length=64)),
                ("deleted", models.PositiveBigIntegerField()),
                ("at", models.DateTimeField()),
                ("signature", models.CharField(max_length=64)),
            ],
            options={
                "ordering": ["-seq"],
            },
        ),
        migrations.CreateModel(
            name="AuditSubject",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=80)),
                ("at", models.DateTimeField()),
            ],
        ),
        migrations.DeleteModel(
            name="AuditChainHead",
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": ["-id"],
                "verbose_name": "loghændelse",
                "verbose_name_plural": "loghændelser",
            },
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                blank=True, editable=False, null=True, unique=True
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("seq__isnull", True)), fields=["id"], name="audit_unsealed_idx"
            ),
        ),
        migrations.AddField(
            model_name="auditsubject",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="subjects",
                to="audit.auditevent",
            ),
        ),
        migrations.AddIndex(
            model_name="auditsubject",
            index=models.Index(fields=["key", "at"], name="audit_subject_key_at_idx"),
        ),
        migrations.AddConstraint(
            model_name="auditsubject",
            constraint=models.UniqueConstraint(fields=("event", "key"), name="audit_subject_once"),
        ),
        migrations.RunPython(file_old_events_and_unseal, migrations.RunPython.noop),
    ]
