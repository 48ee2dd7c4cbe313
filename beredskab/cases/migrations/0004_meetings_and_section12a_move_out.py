"""The Indsatsgruppe's meetings, agenda items, decisions and initiatives leave this app for the
meetings app (meetings.0001_initial), and the § 12 a counselling offers and action plans for the
section12a app (section12a.0001_initial). Only the migration state changes: the tables stay
where they are, under their names, and the new apps take them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_assignment_reason_and_agenda_sent")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Initiative"),
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="AgendaItem"),
                migrations.DeleteModel(name="Meeting"),
                migrations.DeleteModel(name="ActionPlan"),
                migrations.DeleteModel(name="CounsellingOffer"),
            ],
            database_operations=[],
        )
    ]
