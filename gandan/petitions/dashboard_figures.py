"""Petitions' figures for the leaders' dashboard (gandan.dashboard.hooks): received, resolved within the statutory
time, and overdue at the month's end — the definitions of the periodic report (selectors.report_figures), grouped by
unit path and month."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.dashboard.hooks import COUNT, PERCENT, FigureRow, Indicator, commune_of, drilldown, month_after
from gandan.petitions.models import Clock, Petition
from gandan.petitions.selectors import late_clock_exists, overdue_clock_q, resolved_q

__all__ = ["dashboard_figures", "dashboard_indicators"]


def _unit(unit_id: int | None) -> str:
    return f"&unit={unit_id}" if unit_id else ""


def _received(unit_id: int | None, month: dt.date) -> str:
    last = month_after(month) - dt.timedelta(days=1)
    return (
        f"{reverse('petitions:worklist')}?worklist=all&received_from={month.isoformat()}"
        f"&received_to={last.isoformat()}{_unit(unit_id)}"
    )


def _indicator(name: str):
    return drilldown("petitions:worklist", name, worklist="all")


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "petitions.received",
            _("Petitions received"),
            COUNT,
            higher_is_better=False,
            order=20,
            link=_received,
            note=_("Complaints, denunciations, recommendations and reflections received in the month."),
        ),
        Indicator(
            "petitions.on_time",
            _("Petitions resolved on time"),
            PERCENT,
            higher_is_better=True,
            order=21,
            link=_indicator("on_time"),
            note=_(
                "Resolved in the month (decision, conclusion or answer) with every statutory time limit kept "
                "(Law on Complaints 2011, Law on Denunciations 2018, Decree 124/2020), in percent of those resolved."
            ),
            public=True,
        ),
        Indicator(
            "petitions.overdue",
            _("Petitions overdue"),
            COUNT,
            higher_is_better=False,
            order=22,
            link=_indicator("overdue"),
            note=_("Past a statutory deadline and not settled at the month's end (today for this month)."),
        ),
    ]


def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    if not communes or not months:
        return []
    owner = commune_of(communes)
    paths = list(owner)
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    begin = dt.datetime.combine(months[0], dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(month_after(months[-1]), dt.time.min, tzinfo=tz)
    received: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Petition.objects.filter(unit_path__in=paths, received_at__gte=begin, received_at__lt=stop)
        .annotate(month=TruncMonth("received_at", tzinfo=tz))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        received[owner[path], month.date() if isinstance(month, dt.datetime) else month] += n
    resolved: dict[tuple[str, dt.date], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for path, month, n, on_time in (
        Petition.objects.filter(resolved_q(months[0], month_after(months[-1])), unit_path__in=paths)
        .annotate(month=TruncMonth("resolved_on"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"), on_time=Count("id", filter=~late_clock_exists()))
    ):
        key = owner[path], month.date() if isinstance(month, dt.datetime) else month
        resolved[key] = (resolved[key][0] + n, resolved[key][1] + on_time)
    rows: list[FigureRow] = []
    for month in months:
        moment = min(month_after(month) - dt.timedelta(days=1), today)
        overdue: dict[str, int] = defaultdict(int)
        for path, n in (
            Clock.objects.filter(overdue_clock_q(moment), petition__unit_path__in=paths)
            .values("petition__unit_path")
            .order_by()
            .annotate(n=Count("petition", distinct=True))
            .values_list("petition__unit_path", "n")
        ):
            overdue[owner[path]] += n
        for commune in communes:
            n, on_time = resolved[commune, month]
            rows += [
                FigureRow(commune, month, "petitions.received", received[commune, month]),
                FigureRow(commune, month, "petitions.on_time", on_time, n),
                FigureRow(commune, month, "petitions.overdue", overdue[commune]),
            ]
    return rows
