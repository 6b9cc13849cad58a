"""/api/v1/health as a monitor reads it: 200 and "ok" when the worker beats, the queue moves and a backup is recent;
503 with the same body, naming what is wrong, when one of them stops; a fresh installation only warns. The
operations page shows the same in Vietnamese."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gandan.operations.models import Backup, RunStatus, WorkerHeartbeat
from gandan.operations.selectors import health as health_selector
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def beat(age_seconds: float, worker_id: str = "host:1:1") -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host="host",
        pid=1,
        started_at=now - dt.timedelta(hours=1),
        seen_at=now - dt.timedelta(seconds=age_seconds),
    )


def backup(age_hours: float, status: str = RunStatus.OK) -> Backup:
    started = timezone.now() - dt.timedelta(hours=age_hours)
    return Backup.objects.create(
        started_at=started, finished_at=started + dt.timedelta(minutes=2), status=status
    )


def task(
    waited_seconds: float, *, status: str = "READY", run_after: dt.datetime | None = None
) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        task_path="gandan.notify.tasks.send",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        status=status,
        run_after=run_after or dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=waited_seconds)
    )
    return row


@pytest.fixture
def empty_queue(db):
    DBTaskResult.objects.all().delete()


def health():
    response = Client().get("/api/v1/health")
    return response.status_code, response.json()


def test_all_well_is_200_ok(empty_queue):
    beat(5)
    backup(3)

    status, body = health()

    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert (body["worker"], body["queue"], body["backup"]) == ("ok", "ok", "ok")
    assert 5 <= body["worker_age_seconds"] < 60
    assert body["queue_depth"] == 0
    assert body["queue_oldest_age_seconds"] is None
    assert 3 * 3600 <= body["backup_age_seconds"] < 4 * 3600
    assert body["problems"] == []


def test_the_freshest_heartbeat_counts(empty_queue):
    beat(3600, "old:1:1")
    beat(4, "new:2:2")
    backup(1)

    status, body = health()

    assert status == 200
    assert body["worker"] == "ok"
    assert body["worker_age_seconds"] < 60


def test_a_stale_worker_is_503_and_named(empty_queue):
    beat(600)
    backup(2)

    status, body = health()

    assert status == 503
    assert body["status"] == "fail"
    assert body["worker"] == "stale"
    assert [p["check"] for p in body["problems"]] == ["worker"]
    assert "gandan-worker" in body["problems"][0]["message"]
    assert "10 phút" in body["problems"][0]["message"]  # in Vietnamese, with its age


def test_the_stale_threshold_is_a_setting(empty_queue, settings):
    settings.GANDAN_HEALTH_WORKER_STALE_SECONDS = 900
    beat(600)
    backup(2)

    assert health()[0] == 200


def test_an_old_waiting_task_is_503_and_named(empty_queue):
    beat(3)
    backup(2)
    task(30)
    task(3 * 3600)

    status, body = health()

    assert status == 503
    assert body["queue"] == "stale"
    assert body["queue_depth"] == 2
    assert 3 * 3600 <= body["queue_oldest_age_seconds"] < 3 * 3600 + 60
    assert [p["check"] for p in body["problems"]] == ["queue"]
    assert "3 giờ" in body["problems"][0]["message"]


def test_only_due_ready_tasks_count_and_a_scheduled_one_waits_from_its_time(empty_queue):
    beat(3)
    backup(2)
    task(5 * 3600, status="SUCCESSFUL")
    task(5 * 3600, status="RUNNING")
    task(5 * 3600, run_after=timezone.now() + dt.timedelta(hours=1))  # not due yet
    task(5 * 3600, run_after=timezone.now() - dt.timedelta(seconds=40))  # due for 40 s

    status, body = health()

    assert status == 200
    assert body["queue_depth"] == 1
    assert 40 <= body["queue_oldest_age_seconds"] < 100


def test_a_stale_backup_is_503_and_named(empty_queue):
    beat(3)
    backup(40)
    backup(2, status=RunStatus.FAILED)  # a failed one is no backup

    status, body = health()

    assert status == 503
    assert body["backup"] == "stale"
    assert 40 * 3600 <= body["backup_age_seconds"] < 41 * 3600
    assert [p["check"] for p in body["problems"]] == ["backup"]
    assert "gandan backup" in body["problems"][0]["message"]


def test_tasks_waiting_without_any_worker_ever_seen_only_warn(empty_queue):
    backup(2)
    task(3 * 3600)  # a demo loaded, served without a worker

    status, body = health()

    assert status == 200
    assert {(p["check"], p["severity"]) for p in body["problems"]} == {("worker", "warn"), ("queue", "warn")}


def test_a_fresh_installation_only_warns(empty_queue):
    status, body = health()

    assert status == 200
    assert body["status"] == "warn"
    assert (body["worker"], body["backup"]) == ("none", "none")
    assert {(p["check"], p["severity"]) for p in body["problems"]} == {("worker", "warn"), ("backup", "warn")}


def test_a_province_server_may_require_a_worker_and_a_backup(empty_queue, settings):
    settings.GANDAN_HEALTH_REQUIRE = ["worker", "backup"]

    status, body = health()

    assert status == 503
    assert {(p["check"], p["severity"]) for p in body["problems"]} == {("worker", "fail"), ("backup", "fail")}


def test_the_backup_check_can_be_switched_off(empty_queue, settings):
    settings.GANDAN_HEALTH_BACKUP_MAX_HOURS = 0
    beat(3)

    status, body = health()

    assert (status, body["status"], body["backup"]) == (200, "ok", "off")


def test_a_database_that_does_not_answer_is_503(monkeypatch):
    def down(now):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health_selector, "_read", down)

    status, body = health()

    assert status == 503
    assert body["database"] == "error"
    assert body["worker"] == body["queue"] == body["backup"] == "unknown"
    assert body["problems"][0]["check"] == "database"


def test_health_costs_one_query(empty_queue):
    beat(3)
    backup(2)
    Client().get("/api/v1/health")  # a first request may set up the connection

    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/api/v1/health").status_code == 200

    assert len(queries) == 1


def test_the_schema_documents_every_field():
    schema = Client().get("/api/openapi.json").json()
    out = schema["components"]["schemas"]["HealthOut"]["properties"]

    for name in (
        "status",
        "database",
        "worker",
        "worker_age_seconds",
        "queue",
        "queue_depth",
        "queue_oldest_age_seconds",
        "backup",
        "backup_age_seconds",
        "problems",
    ):
        assert out[name].get("description"), name
    responses = schema["paths"]["/api/v1/health"]["get"]["responses"]
    assert {"200", "503"} <= set(responses)


def test_the_operations_page_shows_the_same_in_vietnamese(empty_queue, sysadmin):
    beat(600)
    backup(50)

    page = client_for(sysadmin).get("/staff/operations/").content.decode()

    assert "Tiến trình nền" in page
    assert "gandan-worker" in page
    assert "gandan backup" in page
    assert "503" in page


def test_the_operations_page_says_all_is_well(empty_queue, sysadmin):
    beat(3)
    backup(2)

    page = client_for(sysadmin).get("/staff/operations/").content.decode()

    assert "Mọi kiểm tra đều ổn" in page


def test_a_failing_check_is_logged_as_a_warning_not_as_an_error_of_the_site(empty_queue, caplog):
    """A monitor polling each minute while the worker is down must not fill the log with one ERROR a minute."""
    beat(600)
    backup(2)

    with caplog.at_level("WARNING", logger="django.request"):
        status, _body = health()

    assert status == 503
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged and all(r.levelname == "WARNING" for r in logged)
    assert "/api/v1/health" in logged[0].getMessage()


def test_any_other_failing_answer_stays_an_error():
    import logging
    from types import SimpleNamespace

    from gandan.kit.logfilters import HealthCheckAnswer

    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Service Unavailable: %s", ("/x",), None
    )
    record.status_code, record.request = 503, SimpleNamespace(path="/staff/petitions/")
    assert HealthCheckAnswer().filter(record) and record.levelname == "ERROR"
    record.status_code, record.request = 500, SimpleNamespace(path="/api/v1/health")
    assert HealthCheckAnswer().filter(record) and record.levelname == "ERROR"
