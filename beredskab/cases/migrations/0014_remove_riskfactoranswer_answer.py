from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_risk_answers_now_and_judgements")]

    operations = [
        migrations.AlterField(
            model_name="riskfactoranswer",
            name="answer",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Ja"), ("no", "Nej"), ("unknown", "Ved ikke")],
                max_length=10,
            ),
        ),
        migrations.RemoveField(model_name="riskfactoranswer", name="answer"),
    ]
