"""The dashboard's reads: the stored figures (models.MonthlyFigure) of the communes a user may see, for one month
and the twelve months of the trend. Two small queries whatever the number of communes: the month's rows by commune,
and the sums by month for the trend; no module's record is counted here (services.figures_refresh does that)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Sum
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.dashboard import hooks
from gandan.dashboard.hooks import PERCENT, RATIO, Indicator
from gandan.dashboard.models import MonthlyFigure
from gandan.dashboard.services import MONTHS_KEPT, STALE_AFTER, months_back
from gandan.units.models import COMMUNE_KINDS, Unit


@dataclass(frozen=True)
class Cell:
    numerator: int
    denominator: int
    value: float | int | None  # hooks.value_of: a percent, a count; None when nothing was counted
    text: str  # as shown: "95,2 %", "12", "5/6", "—"
    url: str = ""  # the records behind the figure


@dataclass
class CommuneRow:
    unit_id: int
    path: str
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    points: list[tuple[dt.date, Cell]]


@dataclass
class Board:
    month: dt.date
    months: list[dt.date]  # the trend's months, oldest first; the month picker offers them
    indicators: list[Indicator]
    totals: dict[str, Cell]  # the chosen month over every commune shown
    communes: list[CommuneRow]  # sorted as asked
    trends: list[Trend]
    computed_at: dt.datetime | None  # the oldest refresh of the figures shown; None: never computed
    sort: str
    unit: Unit | None = None  # the commune of a commune page

    @property
    def stale(self) -> bool:
        return self.computed_at is None or timezone.now() - self.computed_at > STALE_AFTER


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def cell_of(indicator: Indicator, numerator: int, denominator: int, url: str = "") -> Cell:
    value = hooks.value_of(indicator, numerator, denominator)
    if indicator.unit == PERCENT:
        text = "—" if value is None else f"{_number(float(value))} %"
    elif indicator.unit == RATIO:
        text = f"{numerator}/{denominator}" if denominator else str(numerator)
    else:
        text = f"{numerator:,}".replace(",", ".")
    return Cell(numerator, denominator, value, text, url)


def communes_for_dashboard(user) -> dict[str, tuple[int, str]]:
    """The communes in force the user sees (his own, or every commune of his province): path → (id, name)."""
    units = scoped(Unit.objects.current().filter(kind__in=COMMUNE_KINDS), user, path_field="path")
    return {path: (pk, name) for path, pk, name in units.order_by("name").values_list("path", "pk", "name")}


def figures_fresh_at(paths: list[str], month: dt.date) -> dt.datetime | None:
    return MonthlyFigure.objects.filter(commune_path__in=paths, month=month).aggregate(at=Min("computed_at"))[
        "at"
    ]


def board_for_user(
    user,
    *,
    month: dt.date | None = None,
    sort: str = "",
    unit_id: int | None = None,
    today: dt.date | None = None,
) -> Board:
    """The dashboard of the user's communes (or of one of them, 404 outside his units) for `month` (this month
    when not one of the last twelve), the communes sorted by `sort` ("name" or an indicator's key, "-" first for
    descending; an unknown key sorts by name; none: by the first indicator, the busiest first)."""
    today = today or timezone.localdate()
    months = months_back(today, MONTHS_KEPT)
    chosen = month if month in months else months[-1]
    unit = None
    if unit_id is not None:
        unit = get_scoped_or_404(
            Unit.objects.current().filter(kind__in=COMMUNE_KINDS), user, path_field="path", pk=unit_id
        )
        communes = {unit.path: (unit.pk, unit.name)}
    else:
        communes = communes_for_dashboard(user)
    indicators = hooks.indicators()
    keys = {i.key: i for i in indicators}
    if not sort and indicators:
        sort = f"-{indicators[0].key}"  # the busiest communes first, as the staff home's table of communes
    paths = list(communes)
    single = communes[paths[0]][0] if len(paths) == 1 else None

    def link(indicator: Indicator, unit_pk: int | None, when: dt.date) -> str:
        return indicator.link(unit_pk, when) if indicator.link else ""

    rows = {path: CommuneRow(pk, path, name) for path, (pk, name) in communes.items()}
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path, key, numerator, denominator in MonthlyFigure.objects.filter(
        commune_path__in=paths, month=chosen, key__in=list(keys)
    ).values_list("commune_path", "key", "numerator", "denominator"):
        indicator = keys[key]
        rows[path].cells[key] = cell_of(
            indicator, numerator, denominator, link(indicator, rows[path].unit_id, chosen)
        )
        sums[key][0] += numerator
        sums[key][1] += denominator
    totals = {
        key: cell_of(i, sums[key][0], sums[key][1], link(i, single, chosen))
        for key, i in keys.items()
        if key in sums
    }
    by_month: dict[tuple[dt.date, str], tuple[int, int]] = {}
    computed_at = None
    for when, key, numerator, denominator, at in (
        MonthlyFigure.objects.filter(commune_path__in=paths, month__in=months, key__in=list(keys))
        .values_list("month", "key")
        .order_by()
        .annotate(n=Sum("numerator"), d=Sum("denominator"), at=Min("computed_at"))
    ):
        by_month[when, key] = (numerator or 0, denominator or 0)
        if when == months[-1]:
            computed_at = at if computed_at is None else min(computed_at, at)
    trends = [
        Trend(
            i,
            [
                (m, cell_of(i, *by_month[m, i.key], link(i, single, m)))
                for m in months
                if (m, i.key) in by_month
            ],
        )
        for i in indicators
    ]
    return Board(
        month=chosen,
        months=months,
        indicators=indicators,
        totals=totals,
        communes=_sorted(list(rows.values()), sort, keys),
        trends=[t for t in trends if t.points],
        computed_at=computed_at,
        sort=sort if sort.lstrip("-") in {"name", *keys} else "name",
        unit=unit,
    )


def _sorted(rows: list[CommuneRow], sort: str, keys: dict[str, Indicator]) -> list[CommuneRow]:
    """By name, or by an indicator's value with the communes that have none last in both directions."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    by_name = sorted(rows, key=lambda r: r.name)
    if key not in keys:
        return list(reversed(by_name)) if descending and key == "name" else by_name
    valued = [r for r in by_name if key in r.cells and r.cells[key].value is not None]
    empty = [r for r in by_name if r not in valued]
    valued.sort(key=lambda r: r.cells[key].value or 0, reverse=descending)
    return valued + empty
