from django_tasks import task


@task()
def opinion_process_task() -> int:
    """Group the signals recorded since the last run into issues and raise the alerts they call for."""
    from gandan.opinion.services.processing import process_pending

    return process_pending()
