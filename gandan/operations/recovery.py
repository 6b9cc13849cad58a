"""Tasks left "running" by a worker that died (kill -9, power cut, out of memory).

django-tasks-db marks a task RUNNING when a worker claims it and records the outcome when it ends; a worker killed
in between leaves it RUNNING for ever. A worker is known dead when its heartbeat (WorkerHeartbeat.seen_at) is older
than GANDAN_WORKER_STALE_SECONDS, or absent. Each task it left behind is then either put back in the queue, if the
task is declared retry-safe (gandan.kit.retrysafe), or marked failed with a message for a human: never silently
lost, never blindly run again."""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gandan.kit.retrysafe import is_retry_safe
from gandan.operations.models import WorkerHeartbeat

logger = logging.getLogger("gandan.operations")

FAILED_MESSAGE = (
    "The worker running this task stopped in the middle of it (killed, or the machine lost power) and the task is not"
    " declared safe to run twice, so it was not run again. Check what it had done, then run it again by hand if"
    " needed. / Tiến trình nền đã dừng giữa chừng khi đang chạy tác vụ này; tác vụ không được chạy lại tự động."
    " Cần kiểm tra những gì đã làm, rồi chạy lại bằng tay nếu cần."
)


class WorkerDied(Exception):
    """Recorded as a task's error when its worker died during it (the task itself raised nothing)."""


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)  # task ids put back in the queue
    failed: list[str] = field(default_factory=list)  # task ids marked failed for a human

    def __bool__(self) -> bool:
        return bool(self.requeued or self.failed)


def stale_seconds() -> float:
    return float(getattr(settings, "GANDAN_WORKER_STALE_SECONDS", 120))


def tasks_recover(*, now: dt.datetime | None = None) -> Recovery:
    """Put back in the queue (retry-safe) or mark failed (any other) every task left running by a dead worker.

    Each task is settled in its own short transaction, re-read there under a row lock: a task that a live worker
    finished, or that another worker's recovery settled meanwhile, is left alone, so several workers may run this at
    once. Returns the ids settled."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=stale_seconds())
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    result = Recovery()
    running = DBTaskResult.objects.running().values_list("pk", "worker_ids")
    for pk, worker_ids in list(running):
        if worker_ids and worker_ids[-1] in alive:
            continue
        with transaction.atomic():
            row = DBTaskResult.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None or row.status != TaskResultStatus.RUNNING or row.worker_ids != worker_ids:
                continue
            if is_retry_safe(row.task_path):
                row.status = TaskResultStatus.READY
                row.save(update_fields=["status"])
                result.requeued.append(str(pk))
            else:
                row.status = TaskResultStatus.FAILED
                row.finished_at = now
                row.return_value = None
                row.exception_class_path = f"{WorkerDied.__module__}.{WorkerDied.__qualname__}"
                row.traceback = FAILED_MESSAGE
                row.save(
                    update_fields=[
                        "status",
                        "finished_at",
                        "return_value",
                        "exception_class_path",
                        "traceback",
                    ]
                )
                result.failed.append(str(pk))
    if result.failed:
        from gandan.operations.schedule import job_runs_settle

        job_runs_settle()  # a scheduled job whose run was cut is shown failed, not "running" for ever
    if result.requeued:
        logger.warning(
            "recovery: %s retry-safe task(s) left running by a dead worker queued again: %s",
            len(result.requeued),
            ", ".join(result.requeued),
        )
    if result.failed:
        logger.error(
            "recovery: %s task(s) left running by a dead worker marked failed for a human to check: %s",
            len(result.failed),
            ", ".join(result.failed),
        )
    return result
