from django.db import migrations


def forwards(apps, schema_editor):
    from gandan.opinion.taxonomy import seed

    seed(apps.get_model("opinion", "Topic"))
    # Signals recorded before analysis existed: their commune (the first two levels of the path: province.commune).
    Signal = apps.get_model("opinion", "Signal")
    Unit = apps.get_model("units", "Unit")
    communes = {u.path for u in Unit.objects.filter(kind__in=["commune", "ward", "special_zone"])}
    for signal in Signal.objects.filter(commune_path="").iterator():
        parts = signal.unit_path.split(".")
        found = next((".".join(parts[:n]) for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in communes), "")
        Signal.objects.filter(pk=signal.pk).update(commune_path=found or signal.unit_path)


class Migration(migrations.Migration):
    dependencies = [("opinion", "0002_analysis"), ("units", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
