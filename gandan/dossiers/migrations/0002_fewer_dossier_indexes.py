"""Two single-column indexes every intake wrote and no query reads: the receiving unit (lists scope by unit_path)
and the handler ("dossier_handler" starts with it). Dropped directly: an AlterField would make SQLite copy the
whole table, twice. The names are Django's, the same on SQLite and PostgreSQL."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DROPPED = {
    "dossiers_dossier_unit_id_49f6b550": "unit_id",
    "dossiers_dossier_handler_id_61081630": "handler_id",
}


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0001_initial"),
        ("units", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "dossiers_dossier" ("{column}")',
                )
                for name, column in DROPPED.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="handler",
                    field=models.ForeignKey(
                        blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                        related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="handler",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="unit",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                        to="units.unit", verbose_name="receiving unit",
                    ),
                ),
            ],
        ),
    ]
