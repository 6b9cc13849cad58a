"""The dashboard's contract with the modules: each module that has figures for the leaders' dashboard declares them in
its `module.py` with two hooks (an absent module, or one without them, simply has no indicator):

    def dashboard_indicators() -> list[Indicator]
    def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]

`communes` maps each commune's path to every unit path whose records belong to it (its subtree and the former
communes it took over, `gandan.accounts.scope.subtree_paths`), `months` are first days of months. The module counts
with grouped queries (by unit path and month, never one query per commune) and rolls each record's unit path up to
its commune with `commune_of`. A figure is a numerator and a denominator: an indicator in percent is
sum(numerators) / sum(denominators) × 100 over the communes asked, a count is the sum of the numerators (its
denominator is 0), a ratio ("days held / days required") is shown as both sums. The dashboard stores them per
commune and month (`MonthlyFigure`), so its pages never count a record."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise

from gandan.modules import registered

PERCENT, COUNT, RATIO = "percent", "count", "ratio"

# The drill-down address of a figure: the module's own list filtered to the commune (its unit id, None for every
# commune of the user) and the month.
LinkFn = Callable[[int | None, dt.date], str]


@dataclass(frozen=True)
class Indicator:
    key: str  # "<module>.<name>", stable: stored in MonthlyFigure.key and named in exports
    label: str | Promise
    unit: str  # PERCENT, COUNT or RATIO
    higher_is_better: bool
    order: int  # smaller first on the page
    link: LinkFn | None = None
    note: str | Promise = ""  # how it is counted, with its legal source
    public: bool = False  # shown on the commune's public transparency page (no personal data in any figure)
    floor_zero: bool = (
        False  # a percent that cannot go below 0 (Decision 766's 5.4: 100 − late % − dislike %)
    )


@dataclass(frozen=True)
class FigureRow:
    commune_path: str
    month: dt.date  # first day
    key: str
    numerator: int
    denominator: int = 0


def commune_of(communes: dict[str, list[str]]) -> dict[str, str]:
    """Every record path → its commune's path (a former commune's records count under its successor)."""
    found: dict[str, str] = {}
    for commune, paths in communes.items():
        for path in paths:
            found.setdefault(path, commune)
    return found


def drilldown(
    url_name: str, indicator: str, *, unit_param: str = "unit", **fixed: str
) -> Callable[[int | None, dt.date], str]:
    """An indicator's `link`: the module's list at `url_name` with the `fixed` parameters, `indicator=…`,
    `period=yyyy-mm` and the commune as `unit_param` (none for the whole scope). The list reads the same condition
    as the count, so it holds exactly the records the figure counts."""

    def link(unit_id: int | None, month: dt.date) -> str:
        params = {**fixed, "indicator": indicator, "period": f"{month:%Y-%m}"}
        if unit_id:
            params[unit_param] = str(unit_id)
        return f"{reverse(url_name)}?{urlencode(params)}"

    return link


def month_start(moment: dt.date) -> dt.date:
    return moment.replace(day=1)


def month_after(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def value_of(indicator: Indicator, numerator: int, denominator: int) -> float | int | None:
    """The figure as shown: a percent (None when nothing was counted), a count, or for a ratio the numerator."""
    if indicator.unit == PERCENT:
        if not denominator:
            return None
        rate = 100.0 * numerator / denominator
        return max(rate, 0.0) if indicator.floor_zero else rate
    return numerator


def _providers(hook: str):
    for package, _module in registered():
        provider = getattr(import_module(f"{package}.module"), hook, None)
        if provider is not None:
            yield provider


def indicators() -> list[Indicator]:
    """Every installed module's indicators, in their order (a key declared twice keeps the first)."""
    found: dict[str, Indicator] = {}
    for provider in _providers("dashboard_indicators"):
        for indicator in provider():
            found.setdefault(indicator.key, indicator)
    return sorted(found.values(), key=lambda i: (i.order, i.key))


def figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    rows: list[FigureRow] = []
    for provider in _providers("dashboard_figures"):
        rows.extend(provider(communes=communes, months=months))
    return rows
