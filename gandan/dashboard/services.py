"""The dashboard's only writes: its stored figures, recomputed from every module's hooks, and the request for that
recomputation when a page finds them stale. Nobody edits a figure by hand, so there is no audit event: the figures are
a cache of the modules' records, rebuilt whole by `figures_refresh`."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from gandan.accounts.scope import subtree_paths
from gandan.dashboard import hooks
from gandan.dashboard.models import MonthlyFigure
from gandan.kit.faults import pause_point
from gandan.units.models import COMMUNE_KINDS, Unit

STALE_AFTER = dt.timedelta(minutes=15)
MONTHS_KEPT = 12  # the trend's length; the current month is one of them


def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The `count` months ending with the month of `today`, oldest first (first days)."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.insert(0, (months[0] - dt.timedelta(days=1)).replace(day=1))
    return months


def figures_refresh(
    *,
    months: int = MONTHS_KEPT,
    paths: list[str] | None = None,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Recompute the stored figures of every commune in force (or of the communes at `paths`) for the `months` months
    ending with this one. Each module counts all the communes at once with grouped queries; a commune's figures
    include the records of the former communes it took over. Idempotent: the rows of those communes and months are
    replaced whole, in one transaction, so a page never reads half a refresh. Returns the number of rows stored."""
    today = today or timezone.localdate()
    wanted = months_back(today, max(1, min(months, 120)))
    units = Unit.objects.current().filter(kind__in=COMMUNE_KINDS)
    if paths is not None:
        units = units.filter(path__in=paths)
    communes: dict[str, list[str]] = {}
    for path in units.order_by("path").values_list("path", flat=True):
        communes[path] = subtree_paths(path)
        if progress:
            progress(1)
    rows = hooks.figures(communes=communes, months=wanted)
    now = timezone.now()
    pause_point(
        "dashboard.refresh"
    )  # the kill tests stop the worker here, everything counted, nothing stored
    objects = {
        (r.commune_path, r.month, r.key): MonthlyFigure(
            commune_path=r.commune_path,
            month=r.month,
            key=r.key,
            numerator=r.numerator,
            denominator=r.denominator,
            computed_at=now,
        )
        for r in rows
    }
    with transaction.atomic():
        MonthlyFigure.objects.filter(commune_path__in=list(communes), month__in=wanted).delete()
        MonthlyFigure.objects.bulk_create(list(objects.values()), batch_size=2000)
    return len(objects)


def figures_refresh_request() -> bool:
    """Ask the worker for one refresh, unless one is already waiting or running. Says whether it asked."""
    from django.db.models import Q
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from gandan.dashboard.tasks import dashboard_refresh_task

    # A refresh that has run an hour is taken for one a stopped worker left behind: it no longer holds the next.
    pending = DBTaskResult.objects.filter(task_path=dashboard_refresh_task.module_path).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=timezone.now() - dt.timedelta(hours=1))
    )
    if pending.exists():
        return False
    dashboard_refresh_task.enqueue()
    return True
