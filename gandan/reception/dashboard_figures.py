"""Reception's figure for the leaders' dashboard (gandan.dashboard.hooks): the commune leaders' regular reception
days held in the month against the statutory minimum (the chairman one day a week, a week counted in the month of
its Monday; the party secretary two days a month — services/minimums.py, DOMAIN.md §5). Ad-hoc and cancelled days do
not count, as in the compliance view."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.dashboard.hooks import RATIO, FigureRow, Indicator, commune_of, month_after
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.reception.services.minimums import EXPECTED_KINDS, minimum_for

__all__ = ["dashboard_figures", "dashboard_indicators"]

OFFICES = EXPECTED_KINDS["commune"]


def _days(unit_id: int | None, month: dt.date) -> str:
    unit = f"&unit={unit_id}" if unit_id else ""
    return f"{reverse('reception:days')}?show=all&month={month:%Y-%m}{unit}"


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "reception.days_held",
            _("Reception days held / required"),
            RATIO,
            higher_is_better=True,
            order=30,
            link=_days,
            note=_(
                "Regular reception days the commune chairman (at least one a week) and the party secretary (at "
                "least two a month) held, against that minimum (Law on Citizen Reception, Art. 15; Conclusion "
                "215-KL/TW)."
            ),
        )
    ]


def required_days(month: dt.date) -> int:
    """The regular days a commune's chairman and party secretary must hold in `month` together."""
    end = month_after(month)
    mondays = sum(1 for d in range((end - month).days) if (month + dt.timedelta(days=d)).weekday() == 0)
    total = 0
    for kind in OFFICES:
        rule = minimum_for(kind, month)
        if rule is not None:
            total += rule.days * (mondays if rule.period == "week" else 1)
    return total


def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    if not communes or not months:
        return []
    owner = commune_of(communes)
    held: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        ReceptionDay.objects.filter(
            unit_path__in=list(owner),
            leader_kind__in=[LeaderKind(k) for k in OFFICES],
            day__gte=months[0],
            day__lt=month_after(months[-1]),
            held=True,
            ad_hoc=False,
            cancelled_reason="",
        )
        .annotate(month=TruncMonth("day"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        held[owner[path], month.date() if isinstance(month, dt.datetime) else month] += n
    return [
        FigureRow(commune, month, "reception.days_held", held[commune, month], required_days(month))
        for month in months
        for commune in communes
    ]
