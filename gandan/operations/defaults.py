"""The jobs every installation's schedule starts with (docs/operations-schedule.md says why each runs when it does).

Plain data, also read by the data migrations 0002_default_jobs and 0003 (a later release's new jobs): a job is added when its key is missing and never
changed afterwards, so an administrator's change of schedule or switch survives upgrades. Times are local
(Asia/Ho_Chi_Minh). Titles are English msgids, translated when shown."""

from dataclasses import dataclass

from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class DefaultJob:
    key: str
    title: str
    task_path: str  # a django-tasks task (run inline by the wrapper) or a plain function, dotted
    schedule: str


DEFAULT_JOBS: tuple[DefaultJob, ...] = (
    DefaultJob(
        "backup-nightly",
        gettext_noop("Nightly backup"),
        "gandan.operations.tasks.backup_nightly",
        "0 2 * * *",
    ),
    DefaultJob(
        "dashboard-refresh",
        gettext_noop("Refresh the dashboard's figures"),
        "gandan.dashboard.tasks.dashboard_refresh_task",
        "30 3 * * *",
    ),
    DefaultJob(
        "submission-tokens-purge",
        gettext_noop("Purge old form submission tokens"),
        "gandan.kit.idempotency.submission_tokens_purge",
        "0 4 * * *",
    ),
    DefaultJob(
        "reception-days-generate",
        gettext_noop("Create the coming reception days"),
        "gandan.reception.services.reception_schedules_extend",
        "15 4 * * *",
    ),
    DefaultJob(
        "apikey-uses-purge",
        gettext_noop("Purge the API keys' requests past their keeping time"),
        "gandan.apikeys.services.apikey_uses_purge",
        "20 4 * * *",
    ),
    DefaultJob(
        "petitions-escalate",
        gettext_noop("Escalate overdue petitions"),
        "gandan.petitions.services.petition_escalate_overdue",
        "0 5 * * *",
    ),
    DefaultJob(
        "deadline-reminders",
        gettext_noop("Remind handlers of deadlines"),
        "gandan.notify.tasks.inbox_deadlines_task",
        "0 7 * * *",
    ),
    DefaultJob(
        "notifications-sweep",
        gettext_noop('Sweep notifications left "sending"'),
        "gandan.notify.tasks.notifications_sweep_task",
        "*/5 * * * *",
    ),
    DefaultJob(
        "opinion-digest",
        gettext_noop("Send the alerts digest not yet sent"),
        "gandan.opinion.tasks.opinion_digest_task",
        "10 * * * *",
    ),
)
