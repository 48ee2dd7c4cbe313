"""The risk assessment becomes structured: a screening or a full assessment, factors rated now
and earlier, two judgements, scenarios, likely victims, protective factors and sources, and the
dates that call for a reassessment. The old answers are kept until 0013 has moved them."""

import django.db.models.deletion
from django.db import migrations, models

JUDGEMENTS = [("low", "Lav"), ("medium", "Middel"), ("high", "Høj")]
RATINGS = [
    ("present", "Til stede"),
    ("partly", "Delvist til stede"),
    ("absent", "Ikke til stede"),
    ("unknown", "Ved ikke"),
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_journal_kinds_life_course")]

    operations = [
        migrations.AddField(
            model_name="riskassessment",
            name="kind",
            field=models.CharField(
                choices=[("screening", "Indledende risikoscreening"), ("full", "Risikovurdering")],
                default="full",
                max_length=10,
                verbose_name="type",
            ),
        ),
        migrations.AlterField(
            model_name="riskassessment",
            name="level",
            field=models.CharField(
                blank=True,
                choices=[("low", "Lav"), ("medium", "Middel"), ("high", "Høj"), ("acute", "Akut")],
                max_length=10,
                verbose_name="samlet risikoniveau (tidligere skema)",
            ),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="serious_violence",
            field=models.CharField(
                blank=True,
                choices=JUDGEMENTS,
                max_length=10,
                verbose_name="risiko for alvorlig vold",
            ),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="acute_risk",
            field=models.CharField(
                blank=True, choices=JUDGEMENTS, max_length=10, verbose_name="akut risiko"
            ),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="protective_factors",
            field=models.TextField(blank=True, verbose_name="beskyttende faktorer"),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="sources",
            field=models.TextField(blank=True, verbose_name="kilder til oplysningerne"),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="change_reason",
            field=models.TextField(blank=True, verbose_name="hvad er ændret og hvorfor"),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="review_on",
            field=models.DateField(blank=True, null=True, verbose_name="revurderes senest"),
        ),
        migrations.AddField(
            model_name="riskassessment",
            name="known_travel_on",
            field=models.DateField(blank=True, null=True, verbose_name="kendt rejse eller ferie"),
        ),
        migrations.AddField(
            model_name="riskfactoranswer",
            name="now",
            field=models.CharField(
                choices=RATINGS, default="unknown", max_length=10, verbose_name="nu"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="riskfactoranswer",
            name="earlier",
            field=models.CharField(
                blank=True, choices=RATINGS, max_length=10, verbose_name="tidligere"
            ),
        ),
        migrations.CreateModel(
            name="RiskScenario",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("what", models.TextField(verbose_name="hvad kan der ske")),
                ("who", models.CharField(max_length=300, verbose_name="hvem")),
                (
                    "how_soon",
                    models.CharField(
                        choices=[
                            ("days", "Inden for dage"),
                            ("weeks", "Inden for uger"),
                            ("months", "Inden for måneder"),
                            ("unknown", "Uvist"),
                        ],
                        max_length=10,
                        verbose_name="hvor snart",
                    ),
                ),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scenarios",
                        to="cases.riskassessment",
                    ),
                ),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.CreateModel(
            name="LikelyVictim",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("person", "Personen selv"),
                            ("sibling", "Søskende"),
                            ("other_child", "Andet barn"),
                            ("partner", "Kæreste eller ægtefælle"),
                            ("other_adult", "Anden voksen"),
                        ],
                        max_length=12,
                        verbose_name="relation",
                    ),
                ),
                ("description", models.CharField(max_length=200, verbose_name="hvem")),
                ("is_child", models.BooleanField(default=False, verbose_name="under 18 år")),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="likely_victims",
                        to="cases.riskassessment",
                    ),
                ),
            ],
            options={"ordering": ["id"]},
        ),
    ]
