"""The revision reminders and the coordination meetings, until now the plans app's (plans.0003
lets them go): the tables keep their names (plans_revisionreminder, plans_coordinationmeeting),
so only the migration state moves, and an existing database keeps its rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP = "governance"
MODELS = ["revisionreminder", "coordinationmeeting"]


def _relabel(apps, old, new):
    """The models' content types (and so their permissions) follow them to their new app; on a
    fresh database there are none yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def take_content_types(apps, schema_editor):
    _relabel(apps, "plans", APP)


def give_back_content_types(apps, schema_editor):
    _relabel(apps, APP, "plans")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0003_governance_moves_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CoordinationMeeting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "starts_at",
                            models.DateTimeField(db_index=True, verbose_name="tidspunkt"),
                        ),
                        ("participants", models.TextField(verbose_name="deltagere")),
                        ("notes", models.TextField(blank=True, verbose_name="noter")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="oprettet"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "koordineringsmøde",
                        "verbose_name_plural": "koordineringsmøder",
                        "db_table": "plans_coordinationmeeting",
                        "ordering": ["-starts_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="RevisionReminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "threshold",
                            models.CharField(
                                choices=[
                                    ("6_months", "6 måneder før"),
                                    ("3_months", "3 måneder før"),
                                ],
                                max_length=20,
                                verbose_name="tærskel",
                            ),
                        ),
                        ("next_revision", models.DateField(verbose_name="næste revision")),
                        ("sent_at", models.DateTimeField(verbose_name="sendt")),
                        (
                            "emails_queued",
                            models.PositiveIntegerField(default=0, verbose_name="e-mails"),
                        ),
                        (
                            "plan_version",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="revision_reminders",
                                to="plans.planversion",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "påmindelse om revision",
                        "verbose_name_plural": "påmindelser om revision",
                        "db_table": "plans_revisionreminder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("plan_version", "threshold", "next_revision"),
                                name="revision_reminder_once",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_content_types, give_back_content_types),
    ]
