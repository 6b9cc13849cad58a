"""Signals of protected denunciations are confidential: those recorded before this flag are marked from their
petition, and an issue titled by one of them is titled neutrally (the next signal that is not a denunciation's
titles it again)."""

from django.db import migrations, models


def mark_protected(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    Signal = apps.get_model("opinion", "Signal")
    protected = [str(pk) for pk in Petition.objects.filter(protected=True).values_list("pk", flat=True)]
    for start in range(0, len(protected), 500):
        Signal.objects.filter(source_kind="petition", source_id__in=protected[start : start + 500]).update(
            confidential=True
        )
    Issue = apps.get_model("opinion", "Issue")
    for issue in Issue.objects.filter(representative__confidential=True).only("pk", "title", "title_fixed", "memory"):
        memory = dict(issue.memory or {})
        memory["best_open"] = False
        issue.memory = memory
        if not issue.title_fixed:
            issue.title = "Đơn tố cáo (nội dung được bảo mật)"
        issue.save(update_fields=["title", "memory"])


class Migration(migrations.Migration):
    dependencies = [
        ("opinion", "0005_board_indexes"),
        ("petitions", "0008_export_cursor"),
    ]

    operations = [
        migrations.AddField(
            model_name="signal",
            name="confidential",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_protected, migrations.RunPython.noop),
    ]
