"""Several workers tick at the same instant, each on its own connection as separate processes would: a due job is
enqueued once. On the real database (SQLite file or PostgreSQL, where the row lock of the conditional UPDATE decides)."""

import threading

import pytest
from django.db import connections

from gandan.operations.tests.schedule_support import at, make_job

WORKERS = 8


@pytest.mark.django_db(transaction=True)
def test_workers_ticking_together_enqueue_a_due_job_once(demo_restored_afterwards):
    from django_tasks_db.models import DBTaskResult

    from gandan.operations.schedule import tick

    make_job("race-job", schedule="*/5 * * * *", next_run_at=at(2026, 12, 5, 12, 0))
    make_job("race-job-2", schedule="0 2 * * *", next_run_at=at(2026, 12, 4, 19, 0))
    before = DBTaskResult.objects.count()
    now = at(2026, 12, 5, 12, 0)
    start = threading.Barrier(WORKERS)
    enqueued: list[str] = []
    errors: list[BaseException] = []

    def worker_tick() -> None:
        try:
            start.wait(timeout=30)
            enqueued.extend(tick(now))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker_tick) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(enqueued) == ["race-job", "race-job-2"]
    runs = DBTaskResult.objects.filter(task_path="gandan.operations.schedule.run_scheduled_job")
    assert sorted(r.args_kwargs["args"][0] for r in runs) == ["race-job", "race-job-2"]
    assert DBTaskResult.objects.count() == before + 2
