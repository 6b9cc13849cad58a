"""Grassroots democracy's figures for the leaders' dashboard (gandan.dashboard.hooks): the disclosures posted in the
month and how many went up by their legal deadline, the disclosures late at the month's end (not yet posted, the
deadline passed: what a leader acts on), and the consultations opened — each counted with the conditions of
selectors/indicators.py, which the lists use for the drill-down, grouped by unit path (and month) so that a
province's communes cost a few queries, not one per commune."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.dashboard.hooks import COUNT, PERCENT, FigureRow, Indicator, commune_of, drilldown, month_after
from gandan.democracy.models import Consultation, Disclosure
from gandan.democracy.selectors.indicators import (
    ON_TIME_Q,
    disclosed_q,
    late_at_q,
    month_moment,
    opened_q,
)

__all__ = ["dashboard_figures", "dashboard_indicators"]


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "democracy.disclosed",
            _("Disclosures posted"),
            COUNT,
            higher_is_better=True,
            order=50,
            link=drilldown("democracy:disclosures", "disclosed"),
            note=_("Public disclosures (Law 10/2022, Art. 11) whose posting started in the month."),
        ),
        Indicator(
            "democracy.disclosed_on_time",
            _("Disclosures posted on time"),
            PERCENT,
            higher_is_better=True,
            order=51,
            link=drilldown("democracy:disclosures", "disclosed_on_time"),
            note=_(
                "Disclosures posted in the month within 5 working days of the decision (Law 10/2022, Art. 13), "
                "in percent of those posted in the month."
            ),
        ),
        Indicator(
            "democracy.disclosures_late",
            _("Disclosures overdue"),
            COUNT,
            higher_is_better=False,
            order=52,
            link=drilldown("democracy:disclosures", "late"),
            note=_("Past their deadline and not yet posted at the month's end (today for this month)."),
        ),
        Indicator(
            "democracy.consultations_opened",
            _("Consultations opened"),
            COUNT,
            higher_is_better=True,
            order=53,
            link=drilldown("democracy:consultations", "opened"),
            note=_(
                "Drafts put to the people for their opinions (Law 10/2022, Art. 25–26) whose window opened in "
                "the month."
            ),
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
    first, stop = months[0], month_after(months[-1])
    posted: dict[tuple[str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for path, month, n, ok in (
        Disclosure.objects.filter(disclosed_q(first, stop, today), unit_path__in=paths)
        .annotate(month=TruncMonth("start"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"), ok=Count("id", filter=ON_TIME_Q))
    ):
        key = owner[path], _as_date(month)
        posted[key][0] += n
        posted[key][1] += ok
    opened: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Consultation.objects.filter(opened_q(first, stop, today), unit_path__in=paths)
        .annotate(month=TruncMonth("opens"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        opened[owner[path], _as_date(month)] += n
    rows: list[FigureRow] = []
    for month in months:
        late: dict[str, int] = defaultdict(int)
        for path, n in (
            Disclosure.objects.filter(late_at_q(month_moment(month, today)), unit_path__in=paths)
            .values("unit_path")
            .order_by()
            .annotate(n=Count("id"))
            .values_list("unit_path", "n")
        ):
            late[owner[path]] += n
        for commune in communes:
            n, ok = posted[commune, month]
            rows += [
                FigureRow(commune, month, "democracy.disclosed", n),
                FigureRow(commune, month, "democracy.disclosed_on_time", ok, n),
                FigureRow(commune, month, "democracy.disclosures_late", late[commune]),
                FigureRow(commune, month, "democracy.consultations_opened", opened[commune, month]),
            ]
    return rows
