"""What the operations module keeps: the schedule (as data, one row per job), each worker's heartbeat, and each
backup made. Times are aware datetimes (UTC in the database, shown in Asia/Ho_Chi_Minh)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")


class ScheduledJob(models.Model):
    """One job of the schedule: a task the worker enqueues by itself when `next_run_at` comes. The administrator sees
    each job's last run and result, may switch a job off and may change its schedule (a cron expression read in
    Asia/Ho_Chi_Minh). `next_run_at` is moved forward by the worker that enqueues the run, in one conditional
    UPDATE, so several workers never enqueue the same run twice."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    task_path = models.CharField(_("task"), max_length=200)  # dotted path of the django-tasks task
    schedule = models.CharField(_("schedule"), max_length=100)  # cron expression, local time
    enabled = models.BooleanField(_("enabled"), default=True)
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True, db_index=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_status = models.CharField(_("last result"), max_length=16, choices=RunStatus.choices, blank=True)
    last_message = models.TextField(_("last message"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds; health reads the freshest one, and a task left running
    by a worker whose heartbeat stopped is known to have been interrupted."""

    worker_id = models.CharField(max_length=120, unique=True)  # host:pid:start
    host = models.CharField(max_length=120)
    pid = models.IntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    current_task = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.worker_id


class Backup(models.Model):
    """One backup archive made (by the schedule or by `gandan backup`): where it is, how big, its checksum, and
    whether it succeeded. Health reports the age of the last good one."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Schedule")
        COMMAND = "command", _("Command")

    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("result"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    trigger = models.CharField(max_length=16, choices=Trigger.choices, default=Trigger.COMMAND)
    archive = models.CharField(_("archive"), max_length=500, blank=True)
    size_bytes = models.BigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    database_vendor = models.CharField(max_length=20, blank=True)
    tables = models.IntegerField(null=True, blank=True)
    files = models.IntegerField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.archive or f"backup {self.pk}"
