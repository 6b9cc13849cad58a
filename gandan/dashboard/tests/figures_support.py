"""What the modules' dashboard-figure tests share (gandan/<module>/tests/test_dashboard_figures.py): a commune of the
test's own over March and April 2026 ("today" is 15/04/2026), the figures stored by one refresh, and a figure's
drill-down read as the list's records."""

import datetime as dt

import time_machine

from gandan.dashboard import hooks
from gandan.dashboard.models import MonthlyFigure
from gandan.dashboard.services import figures_refresh
from gandan.dossiers.tests.factories import local

NOW = local(2026, 4, 15, 10)
MARCH, APRIL = dt.date(2026, 3, 1), dt.date(2026, 4, 1)


def refresh(*units) -> None:
    with time_machine.travel(NOW, tick=False):
        figures_refresh(months=2, paths=[u.path for u in units])


def stored(unit, month: dt.date) -> dict[str, tuple[int, int]]:
    return {
        key: (n, d)
        for key, n, d in MonthlyFigure.objects.filter(commune_path=unit.path, month=month).values_list(
            "key", "numerator", "denominator"
        )
    }


def link(key: str, unit, month: dt.date) -> str:
    indicator = next(i for i in hooks.indicators() if i.key == key)
    assert indicator.link is not None
    return indicator.link(unit.pk if unit is not None else None, month)


def listed(client, url: str) -> list:
    """The records of every page of the list at `url`, read as the user of `client` on 15/04/2026."""
    with time_machine.travel(NOW, tick=True):
        response = client.get(url)
    assert response.status_code == 200, url
    return list(response.context["page_obj"].paginator.object_list)
