"""The schedule as the worker runs it: due jobs enqueued once, missed runs not piled up, results recorded."""

import inspect

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gandan.audit.models import Event
from gandan.operations.defaults import DEFAULT_JOBS
from gandan.operations.models import RunStatus, ScheduledJob
from gandan.operations.schedule import (
    AlreadyQueued,
    job_callable,
    job_execute,
    job_run_now,
    job_update,
    schedule_defaults_ensure,
    tick,
)
from gandan.operations.tests.schedule_support import CALLS, at, make_job, run_enqueued

pytestmark = pytest.mark.django_db


def _runs_of(key: str) -> list[DBTaskResult]:
    return [
        r
        for r in DBTaskResult.objects.filter(task_path="gandan.operations.schedule.run_scheduled_job")
        if r.args_kwargs["args"] == [key]
    ]


def test_a_due_job_is_enqueued_once_when_tick_runs_twice_with_the_same_now():
    job = make_job(next_run_at=at(2026, 12, 4, 19))
    now = at(2026, 12, 4, 19, 0)
    assert tick(now) == ["test-job"]
    assert tick(now) == []
    assert len(_runs_of("test-job")) == 1
    job.refresh_from_db()
    assert job.last_enqueued_at == now
    assert job.last_task_id == str(_runs_of("test-job")[0].id)


def test_the_next_run_is_two_in_the_morning_local_which_is_seven_in_the_evening_utc_the_day_before():
    job = make_job(schedule="0 2 * * *", next_run_at=at(2026, 12, 4, 19))
    tick(at(2026, 12, 4, 19, 0))
    job.refresh_from_db()
    assert job.next_run_at == at(2026, 12, 5, 19, 0)


def test_a_disabled_job_is_never_enqueued():
    make_job(next_run_at=at(2026, 1, 1), enabled=False)
    assert tick(at(2026, 12, 5, 12)) == []
    assert _runs_of("test-job") == []


def test_a_daily_job_missed_for_three_days_runs_once_and_next_comes_after_now():
    job = make_job(schedule="0 2 * * *", next_run_at=at(2026, 12, 1, 19))  # 02:00 on 2 December, local
    now = at(2026, 12, 5, 3, 0)  # 10:00 on 5 December: the worker was down three days
    assert tick(now) == ["test-job"]
    assert tick(at(2026, 12, 5, 3, 1)) == []
    assert len(_runs_of("test-job")) == 1
    job.refresh_from_db()
    assert job.next_run_at == at(2026, 12, 5, 19, 0)  # 02:00 on 6 December, not 3 December


def test_a_job_without_a_next_time_gets_one_and_does_not_run_at_once():
    job = make_job(schedule="*/5 * * * *", next_run_at=None)
    assert tick(at(2026, 12, 5, 12, 2)) == []
    job.refresh_from_db()
    assert job.next_run_at == at(2026, 12, 5, 12, 5)
    assert tick(at(2026, 12, 5, 12, 5)) == ["test-job"]


def test_a_schedule_broken_in_the_database_is_reported_not_run():
    job = make_job(schedule="0 25 * * *", next_run_at=at(2026, 12, 4))
    assert tick(at(2026, 12, 5)) == []
    job.refresh_from_db()
    assert job.last_status == RunStatus.FAILED and "0 25 * * *" in job.last_message
    assert job.next_run_at is None


def test_a_succeeding_job_run_by_the_worker_records_ok():
    CALLS.clear()
    job = make_job(next_run_at=at(2026, 12, 4, 19))
    tick(at(2026, 12, 4, 19))
    job.refresh_from_db()
    run_enqueued(job.last_task_id)
    job.refresh_from_db()
    assert CALLS == ["ok"]
    assert job.last_status == RunStatus.OK and job.last_message == "3"
    assert job.last_started_at is not None and job.last_finished_at >= job.last_started_at
    assert DBTaskResult.objects.get(id=job.last_task_id).status == TaskResultStatus.SUCCESSFUL


def test_a_failing_job_run_by_the_worker_records_failed_with_the_error_and_no_traceback():
    job = make_job(next_run_at=at(2026, 12, 4, 19), task="failed")
    tick(at(2026, 12, 4, 19))
    job.refresh_from_db()
    run_enqueued(job.last_task_id)
    job.refresh_from_db()
    assert job.last_status == RunStatus.FAILED
    assert job.last_message == "RuntimeError: disk full on /var/backups"
    assert "Traceback" not in job.last_message
    assert DBTaskResult.objects.get(id=job.last_task_id).status == TaskResultStatus.FAILED


def test_a_job_whose_task_cannot_be_imported_fails_with_a_clear_message():
    make_job(task="gandan.operations.no_such_module.backup_nightly")
    with pytest.raises(ImportError):
        job_execute("test-job")
    job = ScheduledJob.objects.get(key="test-job")
    assert job.last_status == RunStatus.FAILED
    assert "Cannot import gandan.operations.no_such_module.backup_nightly" in job.last_message


def test_run_now_enqueues_once_and_keeps_the_scheduled_time(sysadmin):
    job = make_job(next_run_at=at(2030, 1, 1))
    job_run_now(job, by=sysadmin)
    job.refresh_from_db()
    with pytest.raises(AlreadyQueued):  # a second click while the first run waits
        job_run_now(job, by=sysadmin)
    assert len(_runs_of("test-job")) == 1
    assert job.next_run_at == at(2030, 1, 1)
    event = Event.objects.filter(action="operations.job_run", object_id=str(job.pk)).get()
    assert event.actor == sysadmin
    run_enqueued(job.last_task_id)
    job.refresh_from_db()
    job_run_now(job, by=sysadmin)  # once the run is done, another may be asked for
    assert len(_runs_of("test-job")) == 2


def test_an_edit_changes_the_schedule_moves_the_next_run_and_is_audited(sysadmin):
    job = make_job(schedule="0 2 * * *", next_run_at=at(2030, 1, 1))
    job_update(job, schedule="*/5  * * * *", enabled=True, by=sysadmin)
    job.refresh_from_db()
    assert job.schedule == "*/5 * * * *"
    assert job.next_run_at is not None and job.next_run_at < at(2030, 1, 1)
    event = Event.objects.get(action="operations.job_edit", object_id=str(job.pk))
    assert event.details == {
        "before": {"schedule": "0 2 * * *", "enabled": True},
        "after": {"schedule": "*/5 * * * *", "enabled": True},
    }
    job_update(job, schedule="*/5 * * * *", enabled=False, by=sysadmin)
    job.refresh_from_db()
    assert not job.enabled and job.next_run_at is None


def test_an_edit_with_a_bad_schedule_changes_nothing(sysadmin):
    job = make_job(schedule="0 2 * * *", next_run_at=at(2030, 1, 1))
    with pytest.raises(ValueError):
        job_update(job, schedule="0 2 * *", enabled=False, by=sysadmin)
    job.refresh_from_db()
    assert (job.schedule, job.enabled, job.next_run_at) == ("0 2 * * *", True, at(2030, 1, 1))
    assert not Event.objects.filter(action="operations.job_edit", object_id=str(job.pk)).exists()


def test_the_default_jobs_are_there_once_with_a_next_run():
    schedule_defaults_ensure()
    assert schedule_defaults_ensure() == []
    keys = set(ScheduledJob.objects.values_list("key", flat=True))
    assert {job.key for job in DEFAULT_JOBS} <= keys
    assert not ScheduledJob.objects.filter(key__in=keys, enabled=True, next_run_at__isnull=True).exists()


def test_an_administrators_change_to_a_default_job_survives_the_defaults_again(sysadmin):
    schedule_defaults_ensure()
    job = ScheduledJob.objects.get(key="backup-nightly")
    job_update(job, schedule="30 1 * * *", enabled=True, by=sysadmin)
    schedule_defaults_ensure()
    assert ScheduledJob.objects.get(key="backup-nightly").schedule == "30 1 * * *"


@pytest.mark.parametrize("job", [j for j in DEFAULT_JOBS if j.key != "backup-nightly"], ids=lambda j: j.key)
def test_every_default_job_points_at_a_function_that_runs_without_arguments(job):
    function = job_callable(job.task_path)
    parameters = inspect.signature(function).parameters.values()
    assert all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters)
