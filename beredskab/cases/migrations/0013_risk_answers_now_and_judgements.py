"""Existing assessments keep everything: a yes becomes "present, now", a no "absent, now", an
unknown "unknown, now"; the old overall level stays on the row and gives the judgement of
serious violence (acute: high, with a high acute risk). They count as full assessments."""

from django.db import migrations

NOW = {"yes": "present", "no": "absent", "unknown": "unknown"}


def forwards(apps, schema_editor):
    RiskFactorAnswer = apps.get_model("cases", "RiskFactorAnswer")
    RiskAssessment = apps.get_model("cases", "RiskAssessment")
    for old, new in NOW.items():
        RiskFactorAnswer.objects.filter(answer=old).update(now=new)
    for level in ("low", "medium", "high"):
        RiskAssessment.objects.filter(level=level).update(serious_violence=level)
    RiskAssessment.objects.filter(level="acute").update(serious_violence="high", acute_risk="high")


def backwards(apps, schema_editor):
    RiskFactorAnswer = apps.get_model("cases", "RiskFactorAnswer")
    for old, new in NOW.items():
        RiskFactorAnswer.objects.filter(now=new).update(answer=old)
    # "Partly present" was not an answer before: the nearest is yes.
    RiskFactorAnswer.objects.filter(now="partly").update(answer="yes")


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_structured_risk_assessment")]

    operations = [migrations.RunPython(forwards, backwards)]
