"""The worker: django-tasks-db's own worker loop, plus what running for years needs (docs/worker.md).

Beside the loop a maintenance thread, every second, does what is due: writes this worker's heartbeat (every
GANDAN_WORKER_HEARTBEAT_SECONDS, with the task it is running), settles the tasks dead workers left running (at start
and every GANDAN_WORKER_RECOVER_SECONDS, gandan.operations.recovery), marks for a human the notifications a dead
worker left "sending" (same rhythm, gandan.notify.services.notifications_sweep) and ticks the schedule (every
GANDAN_SCHEDULE_TICK_SECONDS, gandan.operations.schedule). The heartbeat is written by the thread so a long task
never looks like a dead worker. SIGTERM or Ctrl+C lets the current task finish, then the worker exits (the loop's
own behaviour); a second signal stops it at once."""

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from gandan.operations.models import WorkerHeartbeat

logger = logging.getLogger("gandan.operations")

HEARTBEATS_KEPT = dt.timedelta(days=7)


def _seconds(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def new_worker_id() -> str:
    """host:pid:random — unique across the pool, at most 64 characters (django-tasks-db's limit)."""
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{get_random_string(8)}"


def heartbeat_start(worker_id: str) -> None:
    """The row that says this worker lives, written before it claims any task; rows of workers gone a week are
    dropped."""
    now = timezone.now()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEATS_KEPT).delete()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:120],
            "pid": os.getpid(),
            "started_at": now,
            "seen_at": now,
            "current_task": "",
        },
    )


def heartbeat_beat(worker_id: str, current_task: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        seen_at=timezone.now(), current_task=current_task[:200]
    )


class Periodic:
    """One duty of the maintenance thread: run `action` when `every` seconds have passed since its last run."""

    def __init__(self, name: str, every: float, action: Callable[[], object]):
        self.name, self.every, self.action = name, every, action
        self.last: float | None = None

    def due(self, clock: float) -> bool:
        return self.last is None or clock - self.last >= self.every

    def run(self, clock: float) -> None:
        self.last = clock
        try:
            self.action()
        except Exception:  # a failed duty is logged and tried again next time; the worker keeps working
            logger.exception("worker maintenance: %s failed", self.name)


def _sweep_notifications() -> None:
    from gandan.notify.services import notifications_sweep

    notifications_sweep()


def _recover() -> None:
    from gandan.operations.recovery import tasks_recover

    tasks_recover()


def _tick() -> None:
    from gandan.operations.schedule import tick

    enqueued = tick()
    if enqueued:
        logger.info("schedule: enqueued %s", ", ".join(enqueued))


class GandanWorker(Worker):
    """django-tasks-db's Worker with a heartbeat and the maintenance duties above."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_task = ""
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.duties = [
            Periodic(
                "heartbeat",
                _seconds("GANDAN_WORKER_HEARTBEAT_SECONDS", 10),
                lambda: heartbeat_beat(self.worker_id, self.current_task),
            ),
            Periodic("recovery", _seconds("GANDAN_WORKER_RECOVER_SECONDS", 60), _recover),
            Periodic("notifications", _seconds("GANDAN_WORKER_RECOVER_SECONDS", 60), _sweep_notifications),
            Periodic("schedule", _seconds("GANDAN_SCHEDULE_TICK_SECONDS", 30), _tick),
        ]

    def run(self) -> None:
        heartbeat_start(self.worker_id)
        self._maintain(first=True)  # before the first task: settle what a dead worker left
        self._thread = threading.Thread(target=self._maintenance_loop, name="gandan-maintenance", daemon=True)
        self._thread.start()
        try:
            super().run()
        finally:
            self._stop.set()
            self._wake.set()
            self._thread.join(timeout=5)
            try:
                heartbeat_beat(self.worker_id, "")
            except Exception:
                logger.exception("worker: last heartbeat not written")

    def run_task(self, db_task_result) -> None:
        self.current_task = f"{db_task_result.task_path} {db_task_result.id}"
        self._wake.set()  # the heartbeat says at once which task runs
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task = ""

    def _maintain(self, *, first: bool = False) -> None:
        clock = timezone.now().timestamp()
        for duty in self.duties:
            if first and duty.name == "heartbeat":
                duty.last = clock  # just written by heartbeat_start
                continue
            if duty.due(clock):
                duty.run(clock)

    def _maintenance_loop(self) -> None:
        try:
            while not self._stop.is_set():
                close_old_connections()
                if self._wake.is_set():
                    self._wake.clear()
                    self.duties[0].last = None  # beat now
                self._maintain()
                self._wake.wait(timeout=1.0)
        finally:
            connection.close()
