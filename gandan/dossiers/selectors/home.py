"""The desk's sections of the staff home ("Việc của tôi") and the inbox's deadline reminders."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone

from gandan.accounts.scope import root_of, scoped
from gandan.core.workdays import add_working_days
from gandan.dossiers.models import Dossier
from gandan.dossiers.rules import OPEN, Status
from gandan.dossiers.selectors.indicators import (
    _handled_parts,
    _period_bounds,
    measured_at,
    on_time_q,
)
from gandan.dossiers.selectors.worklists import (
    Worklist,
    worklist_filter,
)
from gandan.workcalendar.selectors import work_calendar


# --- The staff home ("Việc của tôi") -----------------------------------------------------------------------------
def _home_lists(user, today: dt.date) -> dict[str, Q]:
    # The handler's own: in his hands now (a processed dossier is back at the desk, waiting for the citizen).
    mine = Q(
        handler=user, status__in=[Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT, Status.PAYMENT]
    )
    return {
        "new": worklist_filter(Worklist.NEW, user=user, today=today),
        "ready": worklist_filter(Worklist.READY, user=user, today=today),
        "due_soon": worklist_filter(Worklist.DUE_SOON, user=user, today=today),
        "overdue": worklist_filter(Worklist.OVERDUE, user=user, today=today),
        "mine": mine,
        "mine_due_soon": mine & worklist_filter(Worklist.DUE_SOON, user=user, today=today),
        "mine_overdue": mine & worklist_filter(Worklist.OVERDUE, user=user, today=today),
    }


def dossier_home(
    user, *, counts: list[str], rows: list[str], today: dt.date | None = None, limit: int = 5
) -> tuple[dict[str, int], dict[str, list[Dossier]]]:
    """The staff home's figures: how many dossiers are in each named list (`counts`, one query) and the first
    `limit` of each list in `rows` (one query each, earliest appointment first). Names: new, ready, due_soon,
    overdue, mine, mine_due_soon, mine_overdue — the worklists' own conditions, inside the user's subtree."""
    today = today or timezone.localdate()
    lists = _home_lists(user, today)
    base = scoped(Dossier.objects.all(), user, path_field="unit_path").filter(
        status__in=[int(s) for s in OPEN] + [Status.NEW]
    )
    figures = base.aggregate(**{name: Count("id", filter=lists[name]) for name in counts}) if counts else {}
    listed = {
        name: list(
            base.filter(lists[name])
            .select_related("procedure")
            .order_by(F("current_appointment").asc(nulls_last=True), "submitted_at", "id")[:limit]
        )
        for name in rows
    }
    return figures, listed


@dataclass(frozen=True)
class CommuneDesk:
    received: int = 0  # dossiers submitted in the period
    counted: int = 0  # received or handled in the period (the base of the on-time rate, as in Indicators)
    on_time: int = 0
    overdue: int = 0  # open now and past the appointment

    @property
    def on_time_rate(self) -> float | None:
        return 100.0 * self.on_time / self.counted if self.counted else None


def desk_by_commune(
    user, *, communes: list[str], start: dt.date, end: dt.date, today: dt.date | None = None
) -> dict[str, CommuneDesk]:
    """The desk's figures of each commune (by path) of the user's area, for the province's home: four grouped
    queries whatever the number of communes, with the indicators' own on-time condition (`on_time_q`). A
    record's unit path is counted under the commune it lies in (the commune or a village below it)."""
    today = today or timezone.localdate()
    begin, stop = _period_bounds(start, end)
    rows = scoped(Dossier.objects.all(), user, path_field="unit_path")
    measure = {"n": Count("id"), "on_time": Count("id", filter=on_time_q(measured_at(stop)))}
    figures: dict[str, dict[str, int]] = {c: {} for c in communes}
    wanted = set(communes)

    def add(queryset: QuerySet, **names: str) -> None:
        for row in queryset:
            commune = root_of(row["unit_path"], wanted)
            if commune is not None:
                for field, source in names.items():
                    figures[commune][field] = figures[commune].get(field, 0) + row[source]

    grouped = rows.values("unit_path").order_by()
    add(grouped.filter(submitted_at__gte=begin, submitted_at__lt=stop).annotate(n=Count("id")), received="n")
    for part in _handled_parts(begin, stop):  # the very parts and measure of indicators_for_user
        add(grouped.filter(part).annotate(**measure), counted="n", on_time="on_time")
    add(
        grouped.filter(worklist_filter(Worklist.OVERDUE, user=user, today=today)).annotate(n=Count("id")),
        overdue="n",
    )
    return {c: CommuneDesk(**values) for c, values in figures.items()}


def handler_deadlines(*, today: dt.date) -> list[tuple[int, str, int, dt.date | None, str]]:
    """Open dossiers whose appointment falls today or on the next working day, with a handler: (id, code,
    handler id, appointment, unit path) — the inbox's deadline reminders (a system job, so not scoped)."""
    soon = add_working_days(today, 1, calendar=work_calendar())
    return list(
        Dossier.objects.filter(
            status__in=[Status.ACCEPTED, Status.IN_PROGRESS, Status.PAYMENT],
            handler__is_active=True,
            current_appointment__gte=today,
            current_appointment__lte=soon,
        )
        .order_by("id")
        .values_list("id", "code", "handler_id", "current_appointment", "unit_path")
    )
