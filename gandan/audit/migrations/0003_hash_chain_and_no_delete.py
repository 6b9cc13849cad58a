"""The audit tables refuse DELETE (and TRUNCATE on PostgreSQL) too, and every row joins a hash chain.

Existing rows are chained in id order here: the UPDATE triggers are lifted for that one pass and put back.
SQLite rebuilds a table to add a column and loses its triggers on the way, so they are recreated either way.
"""

from django.db import migrations, models

from gandan.audit.chain import GENESIS, delete_triggers_create, delete_triggers_drop, link

TABLES = {"audit_event": "Event", "audit_sensitiveread": "SensitiveRead"}


def _update_triggers(connection, *, create: bool) -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "sqlite":
                if create:
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
                    )
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            elif connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update ON {table};")
                if create:
                    cursor.execute(
                        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                        f"FOR EACH ROW EXECUTE FUNCTION gandan_append_only();"
                    )


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    _update_triggers(connection, create=False)
    for name in TABLES.values():
        model = apps.get_model("audit", name)
        label = f"audit.{name.lower()}"
        prev, batch = GENESIS, []
        for row in model.objects.order_by("id").iterator(chunk_size=2000):
            row.prev_hash = prev
            row.hash = prev = link(prev, row, label)
            batch.append(row)
            if len(batch) >= 500:
                model.objects.bulk_update(batch, ["prev_hash", "hash"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["prev_hash", "hash"])
    _update_triggers(connection, create=True)
    delete_triggers_create(connection)


def backwards(apps, schema_editor):
    delete_triggers_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [
        migrations.AddField(
            model_name="event", name="prev_hash", field=models.CharField(default="", editable=False, max_length=64)
        ),
        migrations.AddField(
            model_name="event", name="hash", field=models.CharField(default="", editable=False, max_length=64)
        ),
        migrations.AddField(
            model_name="sensitiveread", name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="sensitiveread", name="hash", field=models.CharField(default="", editable=False, max_length=64)
        ),
        migrations.RunPython(forwards, backwards),
    ]
