"""What a citizen may read of his commune's service: the indicators marked `public` (on-time rates, satisfaction),
month by month from the stored figures. Counts and rates only, never a record or a person."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gandan.dashboard import hooks
from gandan.dashboard.hooks import Indicator
from gandan.dashboard.models import MonthlyFigure
from gandan.dashboard.selectors.board import Cell, Trend, cell_of
from gandan.dashboard.services import MONTHS_KEPT, STALE_AFTER, months_back
from gandan.units.models import Unit


@dataclass
class Transparency:
    unit: Unit
    months: list[dt.date]
    indicators: list[Indicator]
    trends: list[Trend]
    this_month: dict[str, Cell]
    computed_at: dt.datetime | None

    @property
    def stale(self) -> bool:
        return self.computed_at is None or timezone.now() - self.computed_at > STALE_AFTER


def transparency_for_unit(unit: Unit, *, today: dt.date | None = None) -> Transparency:
    today = today or timezone.localdate()
    months = months_back(today, MONTHS_KEPT)
    indicators = [i for i in hooks.indicators() if i.public]
    keys = {i.key: i for i in indicators}
    found: dict[tuple[dt.date, str], tuple[int, int]] = {}
    computed_at = None
    for when, key, numerator, denominator, at in MonthlyFigure.objects.filter(
        commune_path=unit.path, month__in=months, key__in=list(keys)
    ).values_list("month", "key", "numerator", "denominator", "computed_at"):
        found[when, key] = (numerator, denominator)
        if when == months[-1]:
            computed_at = at if computed_at is None else min(computed_at, at)
    trends = [
        Trend(i, [(m, cell_of(i, *found[m, i.key])) for m in months if (m, i.key) in found])
        for i in indicators
    ]
    this_month = {key: cell_of(keys[key], *found[m, key]) for (m, key) in found if m == months[-1]}
    return Transparency(unit, months, indicators, [t for t in trends if t.points], this_month, computed_at)
