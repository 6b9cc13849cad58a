"""What the schedule's pages read: the jobs in the order they next run."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gandan.operations.models import ScheduledJob


def jobs_list() -> QuerySet[ScheduledJob]:
    return ScheduledJob.objects.order_by("next_run_at", "key")


def job_get(key: str) -> ScheduledJob:
    """The job `key`, or 404."""
    return get_object_or_404(ScheduledJob, key=key)
