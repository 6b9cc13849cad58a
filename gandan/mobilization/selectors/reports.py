"""Reads of the periodic reports, always for a user and inside that user's units (404 outside them): the list with
its filters, one report, the units a report may be started for, the report's history, and its figures as the pages
show them."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.audit.models import Event
from gandan.core.mobilization.periods import PeriodKind
from gandan.core.mobilization.reports import NARRATIVE
from gandan.core.vntext import fold
from gandan.mobilization.models import Report
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit


def figure_text(value) -> str:
    """A figure as a Vietnamese text writes it: 1.234 and 95,2; "—" when there was nothing to count."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def reports_for_user(user) -> QuerySet[Report]:
    return scoped(
        Report.objects.select_related("unit", "drafted_by", "approved_by"), user, path_field="unit_path"
    )


def report_list(
    user, *, query: str = "", period_kind: str = "", state: str = "", year: int | None = None
) -> QuerySet[Report]:
    """The user's reports, newest period first; `query`: part of the unit's name, with or without diacritics;
    `year`: the periods that begin in it."""
    rows = reports_for_user(user)
    folded = fold(query or "").strip()
    if folded:
        rows = rows.filter(unit__name_search__contains=folded)
    if period_kind:
        rows = rows.filter(period_kind=period_kind)
    if state:
        rows = rows.filter(state=state)
    if year:
        rows = rows.filter(period_start__gte=dt.date(year, 1, 1), period_start__lte=dt.date(year, 12, 31))
    return rows.order_by("-period_start", "period_kind", "unit_path", "-id")


def report_get_for_user(user, pk) -> Report:
    return get_scoped_or_404(reports_for_user(user), user, path_field="unit_path", pk=pk)


def report_units_for_user(user) -> QuerySet[Unit]:
    """The communes and provinces in force in the user's units: those a report may be started for."""
    units = Unit.objects.current().filter(kind__in=[*COMMUNE_KINDS, *PROVINCE_KINDS])
    return scoped(units, user, path_field="path").order_by("depth", "name_search", "pk")


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    who: str
    what: str
    reason: str


def report_history(report: Report) -> list[HistoryLine]:
    """What happened to the report, oldest first, with the leader's reason when it was returned."""
    from gandan.audit.labels import action_labels

    labels = action_labels()
    events = Event.objects.filter(object_type="mobilization.report", object_id=str(report.pk)).order_by(
        "at", "id"
    )
    return [
        HistoryLine(
            e.at, e.actor_name, str(labels.get(e.action, e.action)), (e.details or {}).get("reason", "")
        )
        for e in events
    ]


@dataclass(frozen=True)
class ShownFigure:
    key: str
    label: str
    text: str
    url: str
    note: str


@dataclass(frozen=True)
class ShownSection:
    key: str
    title: str
    figures: list[ShownFigure]


def report_sections_shown(report: Report) -> list[ShownSection]:
    """The snapshot's sections with each value written for reading."""
    return [
        ShownSection(
            key=section["key"],
            title=section["title"],
            figures=[
                ShownFigure(
                    f["key"], f["label"], figure_text(f["value"]), f.get("url") or "", f.get("note") or ""
                )
                for f in section["figures"]
            ],
        )
        for section in report.figures or []
    ]


def report_narrative(report: Report) -> list[tuple[str, str, str]]:
    """(key, Vietnamese heading, text) of each narrative section, in the report's order."""
    narrative = report.narrative or {}
    return [(key, heading, narrative.get(key, "")) for key, heading in NARRATIVE]


def report_years(user) -> list[int]:
    """The years the user's reports begin in, newest first (the list's year filter)."""
    days = reports_for_user(user).order_by().values_list("period_start", flat=True).distinct()
    return sorted({d.year for d in days}, reverse=True)


PERIOD_KINDS = [k.value for k in PeriodKind]
