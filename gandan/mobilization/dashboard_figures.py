"""Mass mobilisation's figures for the leaders' dashboard (gandan.dashboard.hooks): the villages covered by a tổ
dân vận with a leader at the month's end, in percent of all the villages then, and the "dân vận khéo" models
recognised in the month — counted with the conditions of selectors/indicators.py, which the coverage and the models'
list use for the drill-down, grouped by unit path (and month) so that a province's communes cost a few queries, not
one per commune."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.core.mobilization.models_rules import Status
from gandan.dashboard.hooks import COUNT, PERCENT, FigureRow, Indicator, commune_of, drilldown, month_after
from gandan.mobilization.models import Initiative, Team
from gandan.mobilization.selectors.indicators import in_force, led_team_q, month_moment
from gandan.units.models import GRASSROOTS_KINDS, Unit

__all__ = ["dashboard_figures", "dashboard_indicators"]


_villages_led = drilldown("mobilization:teams", "villages_led", unit_param="commune")
_recognised = drilldown("mobilization:initiatives", "recognised", show="recognised")


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "mobilization.villages_led",
            _("Villages with a mobilisation team and its leader"),
            PERCENT,
            higher_is_better=True,
            order=60,
            link=_villages_led,
            note=_(
                "Villages and residential groups whose tổ dân vận had a leader at the month's end (today for this "
                "month), in percent of all the villages and residential groups then."
            ),
        ),
        Indicator(
            "mobilization.models_recognised",
            _("“Dân vận khéo” models recognised"),
            COUNT,
            higher_is_better=True,
            order=61,
            link=_recognised,
            note=_("Models recognised in the month (the day of the decision), at any level."),
        ),
    ]


def _as_date(month: dt.datetime | dt.date) -> dt.date:
    return month.date() if isinstance(month, dt.datetime) else month


def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    if not communes or not months:
        return []
    owner = commune_of(communes)
    paths = list(owner)
    today = timezone.localdate()
    # The villages of every commune, read once (a few thousand in a province) and counted per month here.
    villages = list(
        Unit.objects.filter(path__in=paths, kind__in=GRASSROOTS_KINDS).values_list(
            "path", "valid_from", "valid_to"
        )
    )
    recognised: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Initiative.objects.filter(
            unit_path__in=paths,
            status=Status.RECOGNISED,
            recognised_on__gte=months[0],
            recognised_on__lt=month_after(months[-1]),
        )
        .annotate(month=TruncMonth("recognised_on"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        recognised[owner[path], _as_date(month)] += n
    rows: list[FigureRow] = []
    for month in months:
        moment = month_moment(month, today)
        total: dict[str, int] = defaultdict(int)
        for path, valid_from, valid_to in villages:
            if in_force(valid_from, valid_to, moment):
                total[owner[path]] += 1
        led: dict[str, int] = defaultdict(int)
        for path, n in (
            Team.objects.filter(led_team_q(moment), unit_path__in=paths)
            .values("unit_path")
            .order_by()
            .annotate(n=Count("village", distinct=True))
            .values_list("unit_path", "n")
        ):
            led[owner[path]] += n
        for commune in communes:
            rows += [
                FigureRow(commune, month, "mobilization.villages_led", led[commune], total[commune]),
                FigureRow(commune, month, "mobilization.models_recognised", recognised[commune, month]),
            ]
    return rows
