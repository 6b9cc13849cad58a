from django_tasks import task

from gandan.kit.retrysafe import retry_safe


@retry_safe
@task()
def opinion_process_task() -> int:
    """Group the signals recorded since the last run into issues and raise the alerts they call for."""
    from gandan.opinion.services import textwork
    from gandan.opinion.services.processing import process_pending

    try:
        return process_pending()
    finally:
        textwork.shutdown()  # a large backlog's text workers are not kept beside an idle worker


@retry_safe
@task()
def opinion_digest_task() -> int:
    """Tell the communes' leaders of the alerts raised since their last digest (at most one message an hour each)."""
    from gandan.opinion.services.digest import digest_send

    return digest_send()


@retry_safe
@task()
def opinion_remask_task(commune_path: str) -> int:
    """Mask a commune's protected denunciators' names in the signals recorded before they were protected."""
    from gandan.opinion.services.recording import signals_remask

    return signals_remask(commune_path)
