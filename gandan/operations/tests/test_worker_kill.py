"""kill -9 of the real worker at a chosen instant, then a new worker: nothing lost, no side effect twice.

Each test starts `gandan worker` as a subprocess on the test database itself (a file on SQLite, a database on
PostgreSQL: the tests are transactional, so what they write is committed and the worker sees it), lets it reach a
pause point (gandan.kit.faults: GANDAN_TEST_PAUSE_AT names it, the worker writes a marker file there and sleeps),
kills it with SIGKILL, starts another one and looks at the outcome. Short heartbeat, staleness and lease (a few
seconds) so a dead worker is known dead quickly. They run on SQLite and again on PostgreSQL in CI (.ci/run); the two
workers at once only on PostgreSQL."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gandan.notify.models import Notification, NotificationStatus
from gandan.operations.models import WorkerHeartbeat
from gandan.operations.tests.kill_tasks import mark_task, unsafe_task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("worker_kill"),
    pytest.mark.usefixtures("demo_restored_afterwards"),
]

ROOT = Path(__file__).resolve().parents[3]
DEADLINE = 90  # seconds: generous for a loaded CI machine; a pass takes a few


def _until(predicate, what: str, timeout: float = DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting: {what}")


class Workers:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.mail = tmp / "mail"
        self.mail.mkdir()
        self.procs: list[subprocess.Popen] = []

    def env(self, pause_at: str = "") -> dict[str, str]:
        db = connection.settings_dict
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "GANDAN_TEST_"))}
        if connection.vendor == "postgresql":
            user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or "5432"
            env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{db['NAME']}"
        else:
            env["SQLITE_PATH"] = str(db["NAME"])
        env.update(
            DJANGO_SETTINGS_MODULE="gandan.settings",
            DEBUG="0",
            SECRET_KEY="kill-test-" + "k" * 50,
            GANDAN_DUPCHECK_KEY="kill-test-" + "d" * 50,
            GANDAN_DATA_DIR=str(self.tmp / "data"),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail),
            GANDAN_NOTIFY_EMAIL="1",
            GANDAN_WORKER_HEARTBEAT_SECONDS="0.5",
            GANDAN_WORKER_STALE_SECONDS="3",
            GANDAN_WORKER_RECOVER_SECONDS="0.5",
            GANDAN_NOTIFY_LEASE_SECONDS="2",
            GANDAN_TEST_PAUSE_DIR=str(self.tmp),
        )
        if pause_at:
            env["GANDAN_TEST_PAUSE_AT"] = pause_at
        return env

    def start(self, pause_at: str = "") -> subprocess.Popen:
        n = len(self.procs)
        proc = subprocess.Popen(
            [sys.executable, "-m", "gandan.cli", "worker", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env(pause_at),
            stdout=(self.tmp / f"worker{n}.out").open("w"),
            stderr=subprocess.STDOUT,
        )
        self.procs.append(proc)
        return proc

    def paused(self, name: str) -> None:
        marker = self.tmp / f"{name}.paused"
        _until(lambda: marker.exists() or self._died(), f"the worker to reach {name}")
        assert marker.exists(), self.output()

    def _died(self) -> bool:
        return any(p.poll() is not None for p in self.procs if p.returncode != -signal.SIGKILL)

    def kill(self, proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    def output(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.tmp.glob("worker*.out")))

    def runs(self) -> list[str]:
        log = self.tmp / "runs.log"
        return log.read_text().splitlines() if log.exists() else []

    def messages(self, subject: str) -> int:
        return sum(f.read_text().count(f"Subject: {subject}") for f in self.mail.iterdir())

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def workers(transactional_db, tmp_path):
    # Only the test's own tasks: what the demo data left queued would run first and pause at the same points.
    DBTaskResult.objects.all().delete()
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()  # before the database is emptied: a live worker would hold it


def _result(task_path: str, **kwargs) -> DBTaskResult | None:
    for row in DBTaskResult.objects.filter(task_path=task_path):
        if all(row.args_kwargs["kwargs"].get(k) == v for k, v in kwargs.items()):
            return row
    return None


def test_killed_after_sending_a_message_it_is_marked_for_a_check_and_never_sent_again(workers):
    from gandan.notify.services import notification_queue

    subject = "Kill test: receipt"  # ASCII, so the mail file holds it as written
    notification = notification_queue(
        key="killtest:mail",
        channel="email",
        recipient="nguyenvana@example.vn",
        subject=subject,
        body="Nội dung.",
    )
    first = workers.start(pause_at="notify.sent")
    workers.paused("notify.sent")  # sent, the success not yet recorded
    workers.kill(first)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENDING, workers.output()
    assert workers.messages(subject) == 1

    workers.start()

    task = _until(
        lambda: (
            (r := _result("gandan.notify.tasks.notification_send_task", notification_id=notification.pk))
            and r.status == TaskResultStatus.SUCCESSFUL
            and r
        ),
        "the interrupted send task to be run again by the new worker",
    )
    _until(
        lambda: Notification.objects.get(pk=notification.pk).status == NotificationStatus.NEEDS_CHECK,
        "the message to be marked needs_check",
    )
    assert len(task.worker_ids) == 2 and task.return_value in {"sending", "needs_check"}
    notification.refresh_from_db()
    assert (notification.attempts, notification.sent_at) == (1, None)
    assert workers.messages(subject) == 1


def test_killed_in_the_middle_of_a_long_retry_safe_job_it_completes_once_after_restart(workers):
    from gandan.dashboard.models import MonthlyFigure
    from gandan.dashboard.tasks import dashboard_refresh_task
    from gandan.units.models import Unit

    Unit.objects.create(code="99901", name="Xã Thử Nghiệm", kind="commune", path="99901")
    MonthlyFigure.objects.all().delete()
    enqueued = dashboard_refresh_task.enqueue()
    first = workers.start(pause_at="dashboard.refresh")
    workers.paused("dashboard.refresh")  # every figure counted, none stored
    beat = WorkerHeartbeat.objects.get(worker_id__contains=f":{first.pid}:")
    _until(
        lambda: "dashboard_refresh_task" in WorkerHeartbeat.objects.get(pk=beat.pk).current_task,
        "the heartbeat to name the running task",
    )
    workers.kill(first)
    assert not MonthlyFigure.objects.exists()

    workers.start()

    done = _until(
        lambda: (r := DBTaskResult.objects.get(pk=enqueued.id)).status == TaskResultStatus.SUCCESSFUL and r,
        "the refresh to complete after the restart",
    )
    assert len(done.worker_ids) == 2
    ours = list(MonthlyFigure.objects.filter(commune_path="99901").values_list("month", "key"))
    assert ours and len(ours) == len(set(ours))
    assert MonthlyFigure.objects.count() == done.return_value


def test_killed_in_a_task_not_safe_to_repeat_it_fails_for_a_human_and_the_waiting_tasks_all_run(workers):
    unsafe = unsafe_task.using(priority=10).enqueue(label="u1")
    waiting = [mark_task.enqueue(n=n) for n in range(5)]
    first = workers.start(pause_at="test.unsafe")
    workers.paused("test.unsafe")
    workers.kill(first)

    workers.start()

    _until(
        lambda: DBTaskResult.objects.filter(pk__in=[w.id for w in waiting], status="SUCCESSFUL").count() == 5,
        "the tasks waiting when the worker was killed to run",
    )
    failed = _until(
        lambda: (r := DBTaskResult.objects.get(pk=unsafe.id)).status == TaskResultStatus.FAILED and r,
        "the interrupted unsafe task to be marked failed",
    )
    assert failed.exception_class_path == "gandan.operations.recovery.WorkerDied"
    assert "not run again" in failed.traceback and "Cần kiểm tra" in failed.traceback
    assert len(failed.worker_ids) == 1
    assert Counter(workers.runs()) == Counter(["unsafe u1 started", *(f"mark {n}" for n in range(5))])


@pytest.mark.postgres
def test_two_workers_at_once_run_each_task_exactly_once(workers):
    if connection.vendor != "postgresql":
        pytest.skip("several workers at once is for PostgreSQL (SKIP LOCKED); SQLite runs one")
    results = [mark_task.enqueue(n=n) for n in range(40)]
    workers.start()
    workers.start()

    _until(
        lambda: (
            DBTaskResult.objects.filter(pk__in=[r.id for r in results], status="SUCCESSFUL").count() == 40
        ),
        "the 40 tasks to run",
    )
    assert Counter(workers.runs()) == Counter(f"mark {n}" for n in range(40))
    assert all(len(r.worker_ids) == 1 for r in DBTaskResult.objects.filter(pk__in=[r.id for r in results]))
