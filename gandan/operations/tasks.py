from django_tasks import task


@task()
def backup_nightly() -> str:
    """The schedule's nightly backup: the same archive as `gandan backup`, recorded with trigger=schedule, then
    retention. Answers the archive's path; a failure is recorded on the Backup row and raised for the worker."""
    from gandan.operations.backups import backup_create
    from gandan.operations.models import Backup

    return backup_create(trigger=Backup.Trigger.SCHEDULE).archive
