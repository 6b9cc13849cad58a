from django_tasks import task

from gandan.kit.retrysafe import retry_safe


@retry_safe
@task()
def dashboard_refresh_task() -> int:
    """Recompute the dashboard's stored figures of every commune for the last twelve months (see figures_refresh)."""
    from gandan.dashboard.services import figures_refresh

    return figures_refresh()
