"""The Decision 766 indicators of a period, counted and drilled down by one set of conditions."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone

from gandan.accounts.scope import scope_path, subtree_paths
from gandan.dossiers.models import (
    Dossier,
    Rating,
)
from gandan.dossiers.satisfaction import DISLIKE_AT_MOST
from gandan.units.models import Unit


# --- Indicators (Decision 766) -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicators:
    unit_path: str
    start: dt.date
    end: dt.date
    counted: int  # dossiers received or handled in the period
    on_time: int
    on_time_rate: float | None  # 2.1
    finished: int
    average_days: (
        float | None
    )  # 2.2, calendar days from receipt to end of processing, supplement time excluded
    received: int
    online: int
    online_rate: float | None  # 3.3 (channel 2)
    rated: int
    dislike: int
    satisfaction_54: float | None  # 5.4 = 100 − (late % + dislike %)

    @property
    def late(self) -> int:
        return self.counted - self.on_time


def _period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def measured_at(stop: dt.datetime) -> dt.datetime:
    """The moment open dossiers are judged at (DOMAIN.md §1.6 "measured at the period-end date"): the period's last
    moment, or now while the period runs — an open dossier is late only once its due line has passed, never
    because the month has not ended yet. Every on-time figure (indicators, drill-down, homes) measures here."""
    return min(stop - dt.timedelta(seconds=1), timezone.now())


def on_time_q(period_end: dt.datetime) -> Q:
    """The SQL form of rules.is_on_time on the stored fields: stat_due_at is the end of the statistic's due day
    (the original appointment moved by closed supplement pauses). `period_end` is the moment of measure
    (`measured_at`): an open dossier not yet due then is in progress on time and counts as on time (the on-time
    rate is 100 % less the late rate, late ones in progress included, §1.6).
    One difference, accepted: a pause closed after a past period's end already counts in stat_due_at."""
    finished = Q(finished_at__isnull=False, finished_at__lte=period_end)
    waiting = Q(paused_since__isnull=False, paused_since__lte=period_end)
    return Q(supplement_count__lte=1) & (
        (finished & Q(finished_at__lte=F("stat_due_at")))
        | (~finished & waiting & Q(paused_since__lte=F("stat_due_at")))
        | (~finished & ~waiting & Q(stat_due_at__gte=period_end))
    )


# The figures a number of the indicators page can be opened on; each is the set of dossiers it counts.
INDICATORS = ("counted", "on_time", "late", "finished", "received", "online")


def _handled_parts(begin: dt.datetime, stop: dt.datetime) -> tuple[Q, Q]:
    """ "Received or handled in the period": finished during or after it, or still open — two disjoint index ranges
    on (unit_path, finished_at) rather than one OR that would scan every dossier of the unit."""
    return Q(finished_at__gte=begin, received_at__lt=stop), Q(finished_at__isnull=True, received_at__lt=stop)


def _received_q(begin: dt.datetime, stop: dt.datetime) -> Q:
    return Q(submitted_at__gte=begin, submitted_at__lt=stop)


def _finished_q(begin: dt.datetime, stop: dt.datetime) -> Q:
    return Q(finished_at__gte=begin, finished_at__lt=stop, received_at__isnull=False)


def indicator_rows(rows: QuerySet[Dossier], name: str, *, start: dt.date, end: dt.date) -> QuerySet[Dossier]:
    """The dossiers of `rows` that the figure `name` of the period start..end counts, with the very conditions
    `indicators_for_user` counts with. "late" is "counted" less "on_time" (a NULL deadline is never on time)."""
    begin, stop = _period_bounds(start, end)
    first, second = _handled_parts(begin, stop)
    handled = rows.filter(first | second)
    if name == "counted":
        return handled
    on_time = handled.filter(on_time_q(measured_at(stop)))
    if name == "on_time":
        return on_time
    if name == "late":
        return handled.exclude(pk__in=on_time.values("pk"))
    if name == "finished":
        return rows.filter(_finished_q(begin, stop))
    received = rows.filter(_received_q(begin, stop))
    return received.filter(channel=2) if name == "online" else received


def indicators_for_user(user, *, start: dt.date, end: dt.date, unit_path: str | None = None) -> Indicators:
    """The desk's indicators for a period, for the user's subtree (or a unit inside it)."""
    path = unit_path or scope_path(user)
    if path is None or not (path == scope_path(user) or path.startswith(f"{scope_path(user)}.")):
        path = scope_path(user) or "-"
    return indicators_for_paths(subtree_paths(path), unit_path=path, start=start, end=end)


def indicators_for_paths(paths: list[str], *, unit_path: str, start: dt.date, end: dt.date) -> Indicators:
    """The indicators of the records filed at `paths` (a unit's `subtree_paths`), whoever asks: the periodic
    mass-mobilisation report's figures (module.report_sections), and `indicators_for_user` once it has scoped."""
    path = unit_path
    begin, stop = _period_bounds(start, end)
    rows = Dossier.objects.filter(unit_path__in=paths)
    # The same conditions as indicator_rows (the drill-down lists), counted part by part for the indexes.
    measure = {"n": Count("id"), "on_time": Count("id", filter=on_time_q(measured_at(stop)))}
    first, second = _handled_parts(begin, stop)
    finished_later = rows.filter(first).aggregate(**measure)
    still_open = rows.filter(second).aggregate(**measure)
    totals = {k: finished_later[k] + still_open[k] for k in measure}
    received = rows.filter(_received_q(begin, stop)).aggregate(
        n=Count("id"), online=Count("id", filter=Q(channel=2))
    )
    # 2.2: calendar days from receipt to the end of processing, less the days the clock was paused. The average
    # is computed by the database (a month can hold ten thousand dossiers); only the few dossiers that had a
    # supplement pause are read, to subtract their pause.
    finished_rows = rows.filter(_finished_q(begin, stop))
    spent = finished_rows.aggregate(
        n=Count("id"),
        average=Avg(ExpressionWrapper(F("finished_at") - F("received_at"), output_field=DurationField())),
    )
    paused_days = sum(
        (timezone.localtime(stat_due_at).date() - appointment).days
        for stat_due_at, appointment in finished_rows.filter(
            supplement_count__gt=0, stat_due_at__isnull=False
        ).values_list("stat_due_at", "appointment")
        if appointment is not None  # always, once received; the type of a nullable column says otherwise
    )
    average_days = None
    if spent["n"]:
        average_days = max(spent["average"].total_seconds() / 86400 - paused_days / spent["n"], 0.0)
    ratings = Rating.objects.filter(unit_path__in=paths, at__gte=begin, at__lt=stop).aggregate(
        n=Count("id"), dislike=Count("id", filter=Q(overall__lte=DISLIKE_AT_MOST))
    )
    n, on_time = totals["n"], totals["on_time"]
    rate = 100.0 * on_time / n if n else None
    satisfaction = None
    if n:
        late_pct = 100.0 * (n - on_time) / n
        dislike_pct = 100.0 * ratings["dislike"] / n
        satisfaction = max(0.0, 100.0 - (late_pct + dislike_pct))
    return Indicators(
        unit_path=path,
        start=start,
        end=end,
        counted=n,
        on_time=on_time,
        on_time_rate=rate,
        finished=spent["n"],
        average_days=average_days,
        received=received["n"],
        online=received["online"],
        online_rate=100.0 * received["online"] / received["n"] if received["n"] else None,
        rated=ratings["n"],
        dislike=ratings["dislike"],
        satisfaction_54=satisfaction,
    )


def indicators_by_unit(user, *, start: dt.date, end: dt.date) -> list[tuple[str, Indicators]]:
    """One row per unit below the user's own that received dossiers in the period (the province's view of its
    communes). Empty for a commune officer, whose page already shows their commune."""
    path = scope_path(user)
    if path is None:
        return []
    begin, stop = _period_bounds(start, end)
    paths = (
        Dossier.objects.filter(
            unit_path__in=subtree_paths(path), submitted_at__gte=begin, submitted_at__lt=stop
        )
        .exclude(unit_path=path)
        .values_list("unit_path", flat=True)
        .distinct()
    )
    names = dict(Unit.objects.filter(path__in=list(paths)).values_list("path", "name"))
    return [
        (names.get(p, p), indicators_for_user(user, start=start, end=end, unit_path=p)) for p in sorted(names)
    ]
