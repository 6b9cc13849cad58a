"""Every dossier gets a random lookup_secret carried by its receipt link; existing rows each get their own value.
Links printed before this migration (a signed code only) stop working: that is the point (issue #9, point 5)."""

import secrets

from django.db import migrations, models

import gandan.kit.tokens


def fill(apps, schema_editor):
    Model = apps.get_model("dossiers", "Dossier")
    batch = []
    for pk in list(Model.objects.filter(lookup_secret="").values_list("pk", flat=True)):
        batch.append(Model(pk=pk, lookup_secret=secrets.token_urlsafe(16)))
        if len(batch) >= 2000:
            Model.objects.bulk_update(batch, ["lookup_secret"])
            batch = []
    if batch:
        Model.objects.bulk_update(batch, ["lookup_secret"])


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0003_attachment_random_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="lookup_secret",
            field=models.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dossier",
            name="lookup_secret",
            field=models.CharField(default=gandan.kit.tokens.new_lookup_secret, editable=False, max_length=32),
        ),
    ]
