"""Citizen reception moves to its own app (gandan.reception, issue #10): its models leave petitions' state only.

The tables and their rows stay where they are (reception's models keep the old table names); see
gandan/reception/migrations/0001_initial.py. `Task.conclusion` now points at reception's ConclusionNotice, which
is the same table, so its foreign key in the database does not change either.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0005_lookup_secret"),
        ("reception", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="task",
                    name="conclusion",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
                        to="reception.conclusionnotice",
                    ),
                ),
                migrations.DeleteModel(name="ConclusionNotice"),
                migrations.DeleteModel(name="ReceptionRecord"),
                migrations.DeleteModel(name="ReceptionDay"),
            ],
            database_operations=[],
        ),
    ]
