"""The schedule's jobs added since 0002 (gandan/operations/defaults.py: "apikey-uses-purge"), each added when its key
is missing; the administrator's changes to the others are left as they are."""

from django.db import migrations
from django.utils import timezone


def add_missing_default_jobs(apps, schema_editor):
    from gandan.core.cron import cron_next
    from gandan.operations.defaults import DEFAULT_JOBS

    ScheduledJob = apps.get_model("operations", "ScheduledJob")
    now = timezone.now()
    for job in DEFAULT_JOBS:
        ScheduledJob.objects.get_or_create(
            key=job.key,
            defaults={
                "title": job.title,
                "task_path": job.task_path,
                "schedule": job.schedule,
                "next_run_at": cron_next(job.schedule, now),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("operations", "0002_default_jobs")]

    operations = [migrations.RunPython(add_missing_default_jobs, migrations.RunPython.noop)]
