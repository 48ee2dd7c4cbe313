"""The § 12 a counselling offers and action plans, until now the cases app's (cases.0004 lets them
go): the tables keep their names (cases_counsellingoffer, cases_actionplan), so only the
migration state moves, and an existing database keeps its rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP = "section12a"
MODELS = ["counsellingoffer", "actionplan"]


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
                    name="CounsellingOffer",
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
                            "status",
                            models.CharField(
                                choices=[
                                    ("offered", "Tilbudt"),
                                    ("accepted", "Taget imod"),
                                    ("declined", "Takket nej"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("at", models.DateTimeField(verbose_name="tidspunkt")),
                        (
                            "note",
                            models.CharField(blank=True, max_length=500, verbose_name="bemærkning"),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="counselling_offers",
                                to="cases.case",
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
                        "db_table": "cases_counsellingoffer",
                        "ordering": ["at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ActionPlan",
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
                        ("version", models.PositiveSmallIntegerField()),
                        ("risk_assessment", models.TextField(verbose_name="1. Risikovurdering")),
                        ("situation_housing", models.TextField(verbose_name="Bolig")),
                        ("situation_work", models.TextField(verbose_name="Arbejde")),
                        ("situation_education", models.TextField(verbose_name="Uddannelse")),
                        (
                            "situation_relatives",
                            models.TextField(verbose_name="Forhold til pårørende"),
                        ),
                        (
                            "support_housing_work_education",
                            models.TextField(
                                verbose_name="3. Overvejet støtte til bolig, arbejde og uddannelse"
                            ),
                        ),
                        (
                            "support_housing_work_education_purpose",
                            models.TextField(verbose_name="Formålet med støtten"),
                        ),
                        (
                            "support_other_law",
                            models.TextField(
                                verbose_name="4. Overvejet støtte efter denne eller anden lovgivning"
                            ),
                        ),
                        (
                            "support_other_law_purpose",
                            models.TextField(verbose_name="Formålet med støtten"),
                        ),
                        (
                            "made_with_person",
                            models.BooleanField(verbose_name="udarbejdet sammen med borgeren"),
                        ),
                        ("agreed_on", models.DateField(verbose_name="aftalt den")),
                        ("created_at", models.DateTimeField()),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="action_plans",
                                to="cases.case",
                            ),
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
                        "db_table": "cases_actionplan",
                        "ordering": ["case", "-version"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("case", "version"), name="action_plan_version_once"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(take_content_types, give_back_content_types),
    ]
