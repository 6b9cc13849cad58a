"""Dialogues' figures for the leaders' dashboard (gandan.dashboard.hooks): the dialogues held in the month, the
commitments falling due in it and how many were done on time, and the commitments overdue at the month's end — each
counted with the conditions of selectors/indicators.py, which the lists use for the drill-down, grouped by unit path
(and month) so that a province's communes cost a few queries, not one per commune."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.dashboard.hooks import COUNT, PERCENT, FigureRow, Indicator, commune_of, drilldown, month_after
from gandan.dialogues.models import Commitment, Dialogue
from gandan.dialogues.selectors.indicators import ON_TIME_Q, due_q, held_q, month_moment, overdue_at_q

__all__ = ["dashboard_figures", "dashboard_indicators"]


def dashboard_indicators() -> list[Indicator]:
    return [
        Indicator(
            "dialogues.held",
            _("Dialogues held"),
            COUNT,
            higher_is_better=True,
            order=40,
            link=drilldown("dialogues:list", "held"),
            note=_(
                "Dialogues between the commune's leaders and the people held in the month (Law 10/2022, Art. 27 "
                "and 32)."
            ),
        ),
        Indicator(
            "dialogues.commitments_on_time",
            _("Dialogue commitments done on time"),
            PERCENT,
            higher_is_better=True,
            order=41,
            link=drilldown("dialogues:commitments", "on_time"),
            note=_(
                "Commitments made at dialogues falling due in the month and done by their due day, in percent of "
                "those falling due (cancelled ones are not counted)."
            ),
        ),
        Indicator(
            "dialogues.commitments_overdue",
            _("Dialogue commitments overdue"),
            COUNT,
            higher_is_better=False,
            order=42,
            link=drilldown("dialogues:commitments", "overdue"),
            note=_("Past their due day and not done at the month's end (today for this month)."),
        ),
    ]


def _as_date(month: dt.datetime | dt.date) -> dt.date:
    return month.date() if isinstance(month, dt.datetime) else month


def dashboard_figures(*, communes: dict[str, list[str]], months: list[dt.date]) -> list[FigureRow]:
    if not communes or not months:
        return []
    owner = commune_of(communes)
    paths = list(owner)
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    first, stop = months[0], month_after(months[-1])
    held: dict[tuple[str, dt.date], int] = defaultdict(int)
    for path, month, n in (
        Dialogue.objects.filter(held_q(first, stop), unit_path__in=paths)
        .annotate(month=TruncMonth("starts_at", tzinfo=tz))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"))
    ):
        held[owner[path], _as_date(month)] += n
    due: dict[tuple[str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    for path, month, n, ok in (
        Commitment.objects.filter(due_q(first, stop, today), unit_path__in=paths)
        .annotate(month=TruncMonth("due"))
        .values_list("unit_path", "month")
        .order_by()
        .annotate(n=Count("id"), ok=Count("id", filter=ON_TIME_Q))
    ):
        key = owner[path], _as_date(month)
        due[key][0] += n
        due[key][1] += ok
    rows: list[FigureRow] = []
    for month in months:
        overdue: dict[str, int] = defaultdict(int)
        for path, n in (
            Commitment.objects.filter(overdue_at_q(month_moment(month, today)), unit_path__in=paths)
            .values("unit_path")
            .order_by()
            .annotate(n=Count("id"))
            .values_list("unit_path", "n")
        ):
            overdue[owner[path]] += n
        for commune in communes:
            n, ok = due[commune, month]
            rows += [
                FigureRow(commune, month, "dialogues.held", held[commune, month]),
                FigureRow(commune, month, "dialogues.commitments_on_time", ok, n),
                FigureRow(commune, month, "dialogues.commitments_overdue", overdue[commune]),
            ]
    return rows
