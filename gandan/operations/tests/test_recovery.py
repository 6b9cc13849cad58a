"""What a worker does with the tasks a dead worker left running (gandan/operations/recovery.py), and its heartbeat."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gandan.kit.faults import pause_point
from gandan.kit.retrysafe import is_retry_safe, retry_safe
from gandan.operations.models import WorkerHeartbeat
from gandan.operations.recovery import tasks_recover
from gandan.operations.tests.kill_tasks import mark_task, unsafe_task
from gandan.operations.worker import heartbeat_beat, heartbeat_start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.GANDAN_WORKER_STALE_SECONDS = 120


def _running(task, worker_id: str, **kwargs) -> DBTaskResult:
    result = task.enqueue(**kwargs)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    return row


def _beat(worker_id: str, seconds_ago: float) -> None:
    at = timezone.now() - dt.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id=worker_id, host="h", pid=1, started_at=at, seen_at=at)


def test_a_retry_safe_task_of_a_dead_worker_goes_back_to_the_queue():
    _beat("dead", seconds_ago=600)
    row = _running(mark_task, "dead", n=1)

    recovery = tasks_recover()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert recovery.requeued == [str(row.pk)] and recovery.failed == []


def test_another_task_of_a_dead_worker_fails_with_a_message_for_a_human_and_is_not_run_again():
    row = _running(unsafe_task, "gone-without-a-heartbeat", label="x")

    recovery = tasks_recover()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "gandan.operations.recovery.WorkerDied"
    assert "not run again" in row.traceback
    assert recovery.failed == [str(row.pk)]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(pk=row.pk).exists()
    errors = row.task_result.errors
    assert errors and errors[0].exception_class_path.endswith("WorkerDied")


def test_the_tasks_of_a_live_worker_are_left_alone_and_a_second_recovery_changes_nothing():
    _beat("alive", seconds_ago=5)
    _beat("dead", seconds_ago=600)
    live = _running(unsafe_task, "alive", label="a")
    dead = _running(unsafe_task, "dead", label="b")

    first, second = tasks_recover(), tasks_recover()

    live.refresh_from_db()
    dead.refresh_from_db()
    assert (live.status, dead.status) == (TaskResultStatus.RUNNING, TaskResultStatus.FAILED)
    assert first.failed == [str(dead.pk)] and not second


def test_the_last_worker_to_claim_a_task_is_the_one_that_counts():
    """A task queued again after a crash and claimed by a live worker is that worker's now."""
    _beat("dead", seconds_ago=600)
    _beat("alive", seconds_ago=1)
    row = _running(unsafe_task, "dead", label="c")
    row.status = TaskResultStatus.READY
    row.save()
    row.claim("alive")

    assert not tasks_recover()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_the_codebase_tasks_are_declared_retry_safe():
    for path in [
        "gandan.notify.tasks.notification_send_task",
        "gandan.notify.tasks.notifications_sweep_task",
        "gandan.notify.tasks.inbox_deadlines_task",
        "gandan.dashboard.tasks.dashboard_refresh_task",
        "gandan.opinion.tasks.opinion_process_task",
        "gandan.opinion.tasks.opinion_digest_task",
        "gandan.opinion.tasks.opinion_remask_task",
    ]:
        assert is_retry_safe(path), path
    assert not is_retry_safe("gandan.operations.tests.kill_tasks.unsafe_task")
    assert not is_retry_safe("gandan.nowhere.task")


def test_retry_safe_refuses_a_plain_function():
    with pytest.raises(TypeError):
        retry_safe(lambda: None)


def test_the_heartbeat_says_when_the_worker_was_last_seen_and_what_it_runs():
    heartbeat_start("host:1:abc")
    heartbeat_beat("host:1:abc", "gandan.dashboard.tasks.dashboard_refresh_task 42")

    beat = WorkerHeartbeat.objects.get(worker_id="host:1:abc")
    assert beat.current_task.endswith("dashboard_refresh_task 42")
    assert timezone.now() - beat.seen_at < dt.timedelta(minutes=1)


def test_a_pause_point_does_nothing_unless_the_environment_names_it(monkeypatch, tmp_path):
    monkeypatch.setenv("GANDAN_TEST_PAUSE_AT", "somewhere.else")
    monkeypatch.setenv("GANDAN_TEST_PAUSE_DIR", str(tmp_path))

    pause_point("notify.sent")

    assert list(tmp_path.iterdir()) == []


def test_a_scheduled_job_cut_by_a_dead_worker_is_shown_failed_not_running_for_ever():
    from gandan.operations.models import RunStatus, ScheduledJob
    from gandan.operations.schedule import INTERRUPTED, run_scheduled_job

    job = ScheduledJob.objects.create(
        key="cut-short",
        title="Cut short",
        task_path="gandan.kit.idempotency.submission_tokens_purge",
        schedule="0 2 * * *",
    )
    row = _running(run_scheduled_job, "dead-during-the-night", key=job.key)
    ScheduledJob.objects.filter(pk=job.pk).update(last_task_id=str(row.pk), last_status=RunStatus.RUNNING)

    tasks_recover()

    job.refresh_from_db()
    assert job.last_status == RunStatus.FAILED
    assert job.last_message == INTERRUPTED
    assert job.last_finished_at is not None
