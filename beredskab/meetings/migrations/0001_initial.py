"""The Indsatsgruppe's meetings, agenda items, decisions and initiatives, until now the cases app's
(cases.0004 lets them go): the tables keep their names (cases_meeting, cases_meeting_participants,
cases_agendaitem, cases_decision, cases_initiative), so only the migration state moves, and an
existing database keeps its rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP = "meetings"
MODELS = ["meeting", "agendaitem", "decision", "initiative"]


def _relabel(apps, old, new):
    """The models' content types (and so their permissions) follow them to their new app; on a
    fresh database there are none yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def take_content_types(apps, schema_editor):
    _relabel(apps, "cases", APP)


def give_back_content_types(apps, schema_editor):
    _relabel(apps, APP, "cases")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0004_meetings_and_section12a_move_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AgendaItem",
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
                        ("position", models.PositiveSmallIntegerField(default=0)),
                        ("discussion", models.TextField(blank=True, verbose_name="drøftelse")),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="agenda_items",
                                to="cases.case",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_agendaitem",
                        "ordering": ["meeting", "position", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="Decision",
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
                        ("text", models.TextField(verbose_name="beslutning")),
                        ("decided_at", models.DateTimeField()),
                        (
                            "agenda_item",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="decisions",
                                to="meetings.agendaitem",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_decision",
                    },
                ),
                migrations.CreateModel(
                    name="Meeting",
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
                        (
                            "duration_minutes",
                            models.PositiveSmallIntegerField(
                                default=60, verbose_name="varighed (minutter)"
                            ),
                        ),
                        ("location", models.CharField(max_length=200, verbose_name="sted")),
                        (
                            "external_participants",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="andre deltagere"
                            ),
                        ),
                        ("minutes", models.TextField(blank=True, verbose_name="referat")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("planned", "Planlagt"),
                                    ("held", "Afholdt"),
                                    ("cancelled", "Aflyst"),
                                ],
                                default="planned",
                                max_length=10,
                            ),
                        ),
                        (
                            "agenda_sent_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="dagsorden udsendt"
                            ),
                        ),
                        ("uid", models.CharField(max_length=100, unique=True)),
                        ("sequence", models.PositiveIntegerField(default=0)),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "participants",
                            models.ManyToManyField(
                                related_name="meetings",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="deltagere",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_meeting",
                        "ordering": ["-starts_at"],
                    },
                ),
                migrations.AddField(
                    model_name="agendaitem",
                    name="meeting",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda",
                        to="meetings.meeting",
                    ),
                ),
                migrations.CreateModel(
                    name="Initiative",
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
                            "kind",
                            models.CharField(db_index=True, max_length=50, verbose_name="indsats"),
                        ),
                        (
                            "description",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="beskrivelse"
                            ),
                        ),
                        ("due_on", models.DateField(db_index=True, verbose_name="frist")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("planned", "Planlagt"),
                                    ("referred", "Henvist"),
                                    ("in_progress", "I gang"),
                                    ("completed", "Gennemført"),
                                    ("declined", "Afvist / takket nej"),
                                    ("cancelled", "Annulleret"),
                                ],
                                default="planned",
                                max_length=15,
                            ),
                        ),
                        (
                            "referred_on",
                            models.DateField(blank=True, null=True, verbose_name="henvist den"),
                        ),
                        ("outcome", models.TextField(blank=True, verbose_name="resultat")),
                        ("created_at", models.DateTimeField()),
                        ("updated_at", models.DateTimeField()),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="initiatives",
                                to="cases.case",
                            ),
                        ),
                        (
                            "decision",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="initiatives",
                                to="meetings.decision",
                            ),
                        ),
                        (
                            "responsible",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="responsible_initiatives",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ansvarlig",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_initiative",
                        "ordering": ["due_on", "id"],
                        "indexes": [
                            models.Index(
                                fields=["status", "due_on"], name="initiative_status_due_idx"
                            )
                        ],
                    },
                ),
                migrations.AddConstraint(
                    model_name="agendaitem",
                    constraint=models.UniqueConstraint(
                        fields=("meeting", "case"), name="agenda_case_once"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_content_types, give_back_content_types),
    ]
