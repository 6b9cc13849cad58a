"""The statutory clocks in force, as first versions (gandan.core.petition_clocks.DEFAULT_RULES). Later corrections
are new rows made by officials; this migration only adds versions that are missing."""

from django.db import migrations


def seed(apps, schema_editor):
    from gandan.core.petition_clocks import DEFAULT_RULES

    ClockRule = apps.get_model("petitions", "ClockRule")
    have = set(ClockRule.objects.values_list("key", "valid_from"))
    ClockRule.objects.bulk_create(
        ClockRule(
            key=r.key, label=r.label, days=r.days, unit=str(r.unit), suspension=str(r.suspension),
            legal_basis=r.legal_basis, valid_from=r.valid_from, valid_to=r.valid_to, note=r.note,
        )
        for r in DEFAULT_RULES
        if (r.key, r.valid_from) not in have
    )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
