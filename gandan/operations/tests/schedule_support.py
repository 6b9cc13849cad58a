"""Jobs for the schedule's tests, and a job row pointing at them."""

import datetime as dt

from gandan.operations.models import ScheduledJob

UTC = dt.UTC
CALLS: list[str] = []


def job_succeeds() -> int:
    CALLS.append("ok")
    return 3


def job_fails() -> None:
    CALLS.append("failed")
    raise RuntimeError("disk full on /var/backups")


def make_job(
    key: str = "test-job", *, schedule: str = "0 2 * * *", next_run_at=None, enabled=True, task="ok"
):
    paths = {
        "ok": "gandan.operations.tests.schedule_support.job_succeeds",
        "failed": "gandan.operations.tests.schedule_support.job_fails",
    }
    return ScheduledJob.objects.create(
        key=key,
        title="Test job",
        task_path=paths.get(task, task),
        schedule=schedule,
        enabled=enabled,
        next_run_at=next_run_at,
    )


def at(year, month, day, hour=0, minute=0) -> dt.datetime:
    """An instant given in UTC."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def run_enqueued(task_id: str) -> None:
    """Run one enqueued task the way the database worker does (its own `run_task`), in this process."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    result = DBTaskResult.objects.get(id=task_id)
    result.claim(worker.worker_id)
    worker.run_task(result)
