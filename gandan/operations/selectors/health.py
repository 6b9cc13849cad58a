"""The installation's health, read once for the API (`/api/v1/health`), the operations page and `/metrics`.

One SQL statement answers everything (cheap enough to be polled every few seconds, measured by `make bench`):
the freshest worker heartbeat, the number of tasks waiting to run and how long the oldest has waited, and the last
successful backup. A database that does not answer is itself the finding.

What each finding means for a monitor (HTTP 503 = "fail", 200 = "ok" or "warn"):

| check | ok | warn (200) | fail (503) |
|---|---|---|---|
| database | answers | | does not answer |
| worker | heartbeat within GANDAN_HEALTH_WORKER_STALE_SECONDS | no heartbeat ever (a fresh install) | heartbeat older |
| queue | oldest waiting task within GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS | older, no worker ever seen | older |
| backup | last good one within GANDAN_HEALTH_BACKUP_MAX_HOURS | none yet (a fresh install) | last good one older |

A fresh commune laptop (no heartbeat yet, no backup yet) is "warn", not an alarm. A province server lists the
checks that must have reported in GANDAN_HEALTH_REQUIRE ("worker,backup"): there "none" fails too.
GANDAN_HEALTH_BACKUP_MAX_HOURS=0 switches the backup check off (backups made by other means).
"""

import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult, get_date_max

from gandan.operations.models import Backup, RunStatus, WorkerHeartbeat

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Problem:
    check: str  # database | worker | queue | backup
    severity: str  # warn | fail
    message: str  # in the request's language: what is wrong and what to do


@dataclass(frozen=True)
class Health:
    checked_at: datetime
    database: str  # ok | error
    database_vendor: str
    worker: str  # ok | stale | none | unknown
    worker_age_seconds: int | None
    queue: str  # ok | stale | unknown
    queue_depth: int | None
    queue_oldest_age_seconds: int | None
    backup: str  # ok | stale | none | off | unknown
    backup_age_seconds: int | None
    backup_at: datetime | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        severities = {p.severity for p in self.problems}
        return FAIL if FAIL in severities else WARN if WARN in severities else OK

    @property
    def http_status(self) -> int:
        return 503 if self.status == FAIL else 200

    @property
    def worker_age_text(self) -> str:
        return "" if self.worker_age_seconds is None else format_age(self.worker_age_seconds)

    @property
    def queue_oldest_text(self) -> str:
        return "" if self.queue_oldest_age_seconds is None else format_age(self.queue_oldest_age_seconds)


def _aware(value) -> datetime | None:
    """A datetime read by raw SQL: aware already on PostgreSQL, text or naive UTC on SQLite."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is None:
            return None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def _age(now: datetime, then: datetime | None) -> int | None:
    return None if then is None else max(0, int((now - then).total_seconds()))


def format_age(seconds: int) -> str:
    """ "45 seconds", "12 minutes", "5 hours", "3 days": the age of a heartbeat, a task or a backup."""
    if seconds < 120:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds < 2 * 3600:
        minutes = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if seconds < 48 * 3600:
        hours = seconds // 3600
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = seconds // 86400
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


@functools.cache
def _statement() -> str:
    """One statement, three single-row parts, each on an index: the freshest heartbeat (seen_at), the due READY tasks
    (django-tasks-db's partial index on READY), the last good backup (started_at). Table names come from the
    models; every value is a parameter."""
    heartbeats, tasks, backups = (m._meta.db_table for m in (WorkerHeartbeat, DBTaskResult, Backup))
    return (
        "SELECT hb.seen, q.depth, q.oldest, bk.started FROM"  # noqa: S608
        f" (SELECT MAX(seen_at) AS seen FROM {heartbeats}) hb,"
        " (SELECT COUNT(*) AS depth,"
        "  MIN(CASE WHEN run_after = %s THEN enqueued_at ELSE run_after END) AS oldest"
        f"  FROM {tasks} WHERE status = %s AND (run_after = %s OR run_after <= %s)) q,"
        f" (SELECT MAX(started_at) AS started FROM {backups} WHERE status = %s) bk"
    )


def _read(now: datetime):
    """(freshest heartbeat, due READY tasks, since when the oldest of them waits, last good backup's start). A task
    enqueued without a time waits since it was enqueued; one given a time (run_after) since that time."""
    ops = connection.ops
    never = ops.adapt_datetimefield_value(get_date_max())
    params = [never, "READY", never, ops.adapt_datetimefield_value(now), RunStatus.OK.value]
    with connection.cursor() as cursor:
        cursor.execute(_statement(), params)
        return cursor.fetchone()


def _required() -> set[str]:
    return set(getattr(settings, "GANDAN_HEALTH_REQUIRE", []))


def installation_health() -> Health:
    now = timezone.now()
    try:
        seen_at, depth, oldest, backup_at = _read(now)
    except DatabaseError:
        return Health(
            checked_at=now,
            database="error",
            database_vendor=connection.vendor,
            worker="unknown",
            worker_age_seconds=None,
            queue="unknown",
            queue_depth=None,
            queue_oldest_age_seconds=None,
            backup="unknown",
            backup_age_seconds=None,
            backup_at=None,
            problems=[
                Problem(
                    "database",
                    FAIL,
                    _(
                        "The database does not answer. Check that it is running (PostgreSQL: `systemctl status "
                        "postgresql`) and that the disk is not full, then restart Gần Dân."
                    ),
                )
            ],
        )
    problems: list[Problem] = []
    required = _required()

    worker_age = _age(now, _aware(seen_at))
    if worker_age is None:
        worker = "none"
        problems.append(
            Problem(
                "worker",
                FAIL if "worker" in required else WARN,
                _(
                    "No worker has ever reported: background tasks (notifications, scheduled jobs, backups) do not "
                    "run. Start it: `gandan run` starts one, or `gandan worker` (systemd: gandan-worker)."
                ),
            )
        )
    elif worker_age > settings.GANDAN_HEALTH_WORKER_STALE_SECONDS:
        worker = "stale"
        problems.append(
            Problem(
                "worker",
                FAIL,
                _(
                    "The worker's last sign of life was %(age)s ago: background tasks (notifications, scheduled "
                    "jobs, backups) have stopped. Restart it (`systemctl restart gandan-worker`, or restart "
                    "`gandan run`) and read its log."
                )
                % {"age": format_age(worker_age)},
            )
        )
    else:
        worker = "ok"

    oldest_age = _age(now, _aware(oldest))
    if oldest_age is not None and oldest_age > settings.GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS:
        queue = "stale"
        # Waiting tasks with no worker ever seen (a fresh install, a demo loaded without one) say the same as the
        # worker's warning; once a worker has reported, an old task means it is stuck or overloaded.
        never_ran = worker == "none" and "worker" not in required
        problems.append(
            Problem(
                "queue",
                WARN if never_ran else FAIL,
                _(
                    "%(depth)s tasks are waiting, the oldest for %(age)s: the worker is stopped or cannot keep "
                    "up. Check the worker first; on PostgreSQL a second worker may be started beside it."
                )
                % {"depth": depth, "age": format_age(oldest_age)},
            )
        )
    else:
        queue = "ok"

    backup_at = _aware(backup_at)
    backup_age = _age(now, backup_at)
    max_hours = settings.GANDAN_HEALTH_BACKUP_MAX_HOURS
    if not max_hours:
        backup = "off"
    elif backup_age is None:
        backup = "none"
        problems.append(
            Problem(
                "backup",
                FAIL if "backup" in required else WARN,
                _(
                    "No backup has been made yet. Run `gandan backup` now and keep a copy of the archive off "
                    "this machine; the nightly backup then runs by itself."
                ),
            )
        )
    elif backup_age > max_hours * 3600:
        backup = "stale"
        problems.append(
            Problem(
                "backup",
                FAIL,
                _(
                    "The last successful backup is %(age)s old: the nightly backup failed or did not run (was "
                    "the machine off at night?). Read the last backup's message on the operations page, then run "
                    "`gandan backup` by hand."
                )
                % {"age": format_age(backup_age)},
            )
        )
    else:
        backup = "ok"

    return Health(
        checked_at=now,
        database="ok",
        database_vendor=connection.vendor,
        worker=worker,
        worker_age_seconds=worker_age,
        queue=queue,
        queue_depth=int(depth or 0),
        queue_oldest_age_seconds=oldest_age,
        backup=backup,
        backup_age_seconds=backup_age,
        backup_at=backup_at,
        problems=problems,
    )


def notifications_needing_check() -> int | None:
    """HOOK for the worker's notification sweeper (issue #17 part 2): notifications a dead worker left "sending",
    marked for a human to check. Read only where an extra query costs nothing (the operations page, /metrics), never
    by the polled health check. None until gandan.notify provides `notifications_needing_check_count()`."""
    try:
        from gandan.notify import selectors as notify_selectors
    except ImportError:  # pragma: no cover - notify is always installed
        return None
    count = getattr(notify_selectors, "notifications_needing_check_count", None)
    return None if count is None else int(count())
