"""The revision reminders and the coordination meetings leave this app for the governance app
(governance.0001_initial). Only the migration state changes: the tables stay where they are,
under their names, and the governance app takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_governance")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RevisionReminder"),
                migrations.DeleteModel(name="CoordinationMeeting"),
            ],
            database_operations=[],
        )
    ]
