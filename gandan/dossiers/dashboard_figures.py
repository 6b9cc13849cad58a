"""The desk's figures for the leaders' dashboard (gandan.dashboard.hooks): the Decision 766 indicators of each
commune and month, counted with the very conditions of the indicators page (selectors/indicators.py), grouped by
unit path so that a province's 150 communes cost a few queries per month, not 150."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.dashboard.hooks import COUNT, PERCENT, FigureRow, Indicator, commune_of, drilldown, month_after
from gandan.dossiers.models import Dossier, Rating
from gandan.dossiers.satisfaction import DISLIKE_AT_MOST
from gandan.dossiers.selectors.indicators import (
    _handled_parts,
    _period_bounds,
    measured_at,
    on_time_q,
)

__all__ = ["dashboard_figures", "dashboard_indicators"]


def _link(indicator: str):
    return drilldown("dossiers:worklist", indicator, worklist="all")


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "dossiers.received",
            _("Dossiers received"),
            COUNT,
            higher_is_better=True,
            order=10,
            link=_link("received"),
            note=_("Dossiers submitted in the month, at the desk or online."),
        ),
        Indicator(
            "dossiers.on_time",
            _("Dossiers handled on time"),
            PERCENT,
            higher_is_better=True,
            order=11,
            link=_link("on_time"),
            note=_(
                "Decision 766/QĐ-TTg, indicator 2.1: dossiers handled early or on time, in percent of those "
                "received or handled in the month, dossiers in progress included."
            ),
            public=True,
        ),
        Indicator(
            "dossiers.late",
            _("Dossiers late"),
            COUNT,
            higher_is_better=False,
            order=12,
            link=_link("late"),
            note=_("Handled after the appointment, or still open past it, at the month's end (or today)."),
        ),
        Indicator(
            "dossiers.satisfaction",
            _("Citizens' satisfaction"),
            PERCENT,
            higher_is_better=True,
            order=13,
            link=_link("counted"),
            note=_(
                "Decision 766/QĐ-TTg, indicator 5.4: 100 less the percent of dossiers late and the percent of "
                "dissatisfied ratings."
            ),
            public=True,
            floor_zero=True,
        ),
    ]


def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    if not communes or not months:
        return []
    owner = commune_of(communes)
    paths = list(owner)
    tz = timezone.get_current_timezone()
    first, stop_all = _period_bounds(months[0], month_after(months[-1]) - dt.timedelta(days=1))
    received: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Dossier.objects.filter(unit_path__in=paths, submitted_at__gte=first, submitted_at__lt=stop_all)
        .annotate(month=TruncMonth("submitted_at", tzinfo=tz))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        received[owner[path], _as_date(month)] += n
    dislike: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Rating.objects.filter(
            unit_path__in=paths, at__gte=first, at__lt=stop_all, overall__lte=DISLIKE_AT_MOST
        )
        .annotate(month=TruncMonth("at", tzinfo=tz))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        dislike[owner[path], _as_date(month)] += n
    rows: list[FigureRow] = []
    for month in months:
        begin, stop = _period_bounds(month, month_after(month) - dt.timedelta(days=1))
        counted: dict[str, int] = defaultdict(int)
        on_time: dict[str, int] = defaultdict(int)
        in_time = on_time_q(measured_at(stop))
        # "Received or handled in the month" is two disjoint index ranges (finished since the month began, or
        # still open), as on the indicators page; a dossier counts in every month it was handled in.
        for part in _handled_parts(begin, stop):
            for path, n, ok in (
                Dossier.objects.filter(Q(unit_path__in=paths) & part)
                .values("unit_path")
                .order_by()
                .annotate(n=Count("id"), on_time=Count("id", filter=in_time))
                .values_list("unit_path", "n", "on_time")
            ):
                counted[owner[path]] += n
                on_time[owner[path]] += ok
        for commune in communes:
            n, ok = counted[commune], on_time[commune]
            rows += [
                FigureRow(commune, month, "dossiers.received", received[commune, month]),
                FigureRow(commune, month, "dossiers.on_time", ok, n),
                FigureRow(commune, month, "dossiers.late", n - ok),
                FigureRow(commune, month, "dossiers.satisfaction", ok - dislike[commune, month], n),
            ]
    return rows


def _as_date(month: dt.datetime | dt.date) -> dt.date:
    return month.date() if isinstance(month, dt.datetime) else month
