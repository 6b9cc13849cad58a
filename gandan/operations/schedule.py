"""The schedule of jobs the worker runs by itself (docs/operations-schedule.md).

`tick()` is called by the worker loop (about every 30 seconds; any interval under a minute keeps the times right):
each enabled job whose `next_run_at` has come is claimed by ONE conditional UPDATE (where its `next_run_at` is still
the one read), which moves `next_run_at` to the first cron time after now, and a `run_scheduled_job` task is
enqueued in the same transaction. Two workers ticking together therefore enqueue a run once, and a worker down for
three days runs a missed daily job once, not three times. The wrapper task runs the job's own callable inline and
records its start, result and a short message on the job's row for the administrator."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks.base import Task

from gandan.audit.services import Actor, event_record
from gandan.core.cron import cron_clean, cron_next, cron_problem
from gandan.operations.defaults import DEFAULT_JOBS
from gandan.operations.models import RunStatus, ScheduledJob

MESSAGE_MAX = 300  # the result's message shown on the page: the exception's text, cut; never a traceback


class AlreadyQueued(Exception):
    """A run of the job is already waiting or running: "Run now" enqueues nothing more."""


def _next_or_none(schedule: str, after: dt.datetime) -> dt.datetime | None:
    try:
        return cron_next(schedule, after)
    except ValueError:
        return None


def schedule_defaults_ensure(now: dt.datetime | None = None) -> list[str]:
    """Add every default job whose key is missing (idempotent; an existing job is never changed, so the
    administrator's schedule and switch survive). Run by the data migration 0002_default_jobs; the worker may call
    it at start too, to add the jobs of a newer release. Returns the keys added."""
    now = now or timezone.now()
    added = []
    for job in DEFAULT_JOBS:
        _obj, created = ScheduledJob.objects.get_or_create(
            key=job.key,
            defaults={
                "title": job.title,
                "task_path": job.task_path,
                "schedule": job.schedule,
                "next_run_at": cron_next(job.schedule, now),
            },
        )
        if created:
            added.append(job.key)
    return added


def _enqueue_claimed(job: ScheduledJob, now: dt.datetime, next_run_at: dt.datetime) -> bool:
    """Claim the run `job` was read with and enqueue it, all or nothing."""
    with transaction.atomic():
        claimed = ScheduledJob.objects.filter(pk=job.pk, enabled=True, next_run_at=job.next_run_at).update(
            next_run_at=next_run_at, last_enqueued_at=now
        )
        if not claimed:
            return False  # another worker's tick took it, or the administrator switched it off meanwhile
        result = run_scheduled_job.enqueue(job.key)
        ScheduledJob.objects.filter(pk=job.pk).update(last_task_id=str(result.id))
    return True


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every enabled job that is due; return their keys. Safe to call from several workers at once."""
    now = now or timezone.now()
    # A job enabled without a next time (added by hand, or its schedule refused) gets one; nothing runs for it now.
    for job in ScheduledJob.objects.filter(enabled=True, next_run_at__isnull=True):
        upcoming = _next_or_none(job.schedule, now)
        if upcoming is not None:
            ScheduledJob.objects.filter(pk=job.pk, next_run_at__isnull=True).update(next_run_at=upcoming)
    enqueued = []
    for job in ScheduledJob.objects.filter(enabled=True, next_run_at__lte=now).order_by("next_run_at", "key"):
        upcoming = _next_or_none(job.schedule, now)
        if upcoming is None:  # a schedule written into the database past the form: say so and stop
            ScheduledJob.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
                next_run_at=None,
                last_status=RunStatus.FAILED,
                last_message=f"Invalid schedule {job.schedule!r}: correct it on the schedule page",
            )
            continue
        if _enqueue_claimed(job, now, upcoming):
            enqueued.append(job.key)
    return enqueued


def _waiting(job: ScheduledJob) -> bool:
    """The job's last enqueued run has not finished yet (waiting in the queue or running)."""
    if not job.last_task_id:
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        id=job.last_task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()


def job_run_now(job: ScheduledJob, *, by: Actor) -> str:
    """Enqueue one run of `job` now, outside its schedule (its next scheduled run stays). Raises AlreadyQueued when
    a run is still waiting or running; two clicks at once enqueue one run (conditional UPDATE on the last task)."""
    now = timezone.now()
    with transaction.atomic():
        if _waiting(job):
            raise AlreadyQueued(job.key)
        claimed = ScheduledJob.objects.filter(pk=job.pk, last_task_id=job.last_task_id).update(
            last_enqueued_at=now
        )
        if not claimed:
            raise AlreadyQueued(job.key)
        result = run_scheduled_job.enqueue(job.key)
        ScheduledJob.objects.filter(pk=job.pk).update(last_task_id=str(result.id))
        event_record(actor=by, action="operations.job_run", obj=job, details={"task": str(result.id)})
    return str(result.id)


def job_update(job: ScheduledJob, *, schedule: str, enabled: bool, by: Actor) -> ScheduledJob:
    """Change a job's schedule and switch. The schedule must be valid (the form says what is wrong first; here a
    ValueError keeps the row unchanged). Switched off, the job has no next run; switched on or rescheduled, its next
    run is the first cron time from now (a job switched on again does not run at once for the time it was off)."""
    schedule = cron_clean(schedule)
    problem = cron_problem(schedule)
    if problem is not None:
        raise ValueError(problem.detail)
    before = {"schedule": job.schedule, "enabled": job.enabled}
    with transaction.atomic():
        job = ScheduledJob.objects.select_for_update().get(pk=job.pk)
        if job.schedule != schedule or not job.enabled or job.next_run_at is None:
            job.next_run_at = cron_next(schedule, timezone.now()) if enabled else None
        if not enabled:
            job.next_run_at = None
        job.schedule, job.enabled = schedule, enabled
        job.save(update_fields=["schedule", "enabled", "next_run_at", "updated_at"])
        after = {"schedule": schedule, "enabled": enabled}
        if after != before:
            event_record(
                actor=by, action="operations.job_edit", obj=job, details={"before": before, "after": after}
            )
    return job


# --- Running a job ---------------------------------------------------------------------------------------------


def _short(text: str) -> str:
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first[:MESSAGE_MAX]


def job_callable(task_path: str) -> Any:
    try:
        target = import_string(task_path)
    except ImportError as exc:
        raise ImportError(f"Cannot import {task_path}: {exc}") from exc
    return target.func if isinstance(target, Task) else target  # a task runs inline, inside this one


def _finish(job_pk: int, status: str, message: str) -> None:
    ScheduledJob.objects.filter(pk=job_pk).update(
        last_finished_at=timezone.now(), last_status=status, last_message=_short(message)
    )


# Stored text, shown as is on the schedule page: Vietnamese first, then English (as the recovery's own message).
INTERRUPTED = (
    "Bị gián đoạn: tiến trình xử lý nền dừng giữa chừng; lần chạy tới theo lịch. / "
    "Interrupted: the worker stopped during the run; the next run is as scheduled."
)


def job_runs_settle() -> int:
    """Jobs still shown "running" whose run can no longer finish — its task was marked failed by the recovery of a
    dead worker, or is gone — are shown failed with the reason. Returns how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settled = 0
    for job in ScheduledJob.objects.filter(last_status=RunStatus.RUNNING).exclude(last_task_id=""):
        status = DBTaskResult.objects.filter(id=job.last_task_id).values_list("status", flat=True).first()
        if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.SUCCESSFUL):
            continue
        settled += ScheduledJob.objects.filter(
            pk=job.pk, last_status=RunStatus.RUNNING, last_task_id=job.last_task_id
        ).update(last_finished_at=timezone.now(), last_status=RunStatus.FAILED, last_message=INTERRUPTED)
    return settled


def job_execute(key: str) -> str:
    """Run the job `key` now in this process, recording its start and result on its row. An error is recorded as
    failed with the exception's text, then raised again so the task's own record says failed too."""
    job = ScheduledJob.objects.filter(key=key).first()
    if job is None:
        return f"no job {key}"  # removed after it was enqueued
    ScheduledJob.objects.filter(pk=job.pk).update(
        last_started_at=timezone.now(), last_finished_at=None, last_status=RunStatus.RUNNING, last_message=""
    )
    try:
        value = job_callable(job.task_path)()
    except Exception as exc:
        _finish(job.pk, RunStatus.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    message = "" if value is None else str(value)
    _finish(job.pk, RunStatus.OK, message)
    return message


@task()
def run_scheduled_job(key: str) -> str:
    """One run of a scheduled job (enqueued by `tick()` or by "Run now"): see job_execute."""
    return job_execute(key)
