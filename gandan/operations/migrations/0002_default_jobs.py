"""The default jobs of the schedule (gandan/operations/defaults.py), each added when its key is missing."""

from django.db import migrations
from django.utils import timezone


def add_default_jobs(apps, schema_editor):
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
    dependencies = [("operations", "0001_initial")]

    operations = [migrations.RunPython(add_default_jobs, migrations.RunPython.noop)]
