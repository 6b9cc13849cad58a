"""Reads of dossiers: always for a user, inside that user's subtree (the public lookup is the one exception, and it
needs the code and the phone's last digits)."""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, holder_paths, root_of, scope_path, scoped, subtree_paths
from gandan.core.identifiers import lookup_last4
from gandan.core.procedure_search import Candidate, rank
from gandan.core.workdays import add_working_days
from gandan.dossiers import rules
from gandan.dossiers.excel import BookRow
from gandan.dossiers.models import (
    Dossier,
    DossierIdentity,
    HandOff,
    Procedure,
    ProcedureComponent,
    Rating,
    Step,
)
from gandan.dossiers.rules import OPEN, RUNNING, Status, normalize_code
from gandan.dossiers.satisfaction import DISLIKE_AT_MOST
from gandan.dossiers.search import DOSSIER, phone_query
from gandan.search.services import filter_queryset, matching_ids
from gandan.sql import prefetched, table
from gandan.units.models import Unit, subtree_q
from gandan.workcalendar.selectors import work_calendar

SOON_WORKING_DAYS = 2


class Worklist:
    MINE = "mine"
    UNIT = "unit"
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    SUPPLEMENT = "supplement"
    READY = "ready"
    ALL = "all"
    CHOICES = [MINE, NEW, DUE_SOON, OVERDUE, SUPPLEMENT, READY, UNIT, ALL]


def _open_q() -> Q:
    return Q(status__in=[int(s) for s in OPEN])


def worklist_filter(name: str, *, user, today: dt.date) -> Q:
    """The condition of each worklist. Overdue: rules.is_overdue as a filter (the clock runs and a working day has
    passed after the appointment). Due soon: not overdue yet, the appointment within two working days."""
    calendar = work_calendar()
    soon = add_working_days(today, SOON_WORKING_DAYS, calendar=calendar)
    late_before = rules.overdue_before(today, calendar=calendar)
    active = Q(status__in=[int(s) for s in RUNNING])
    return {
        Worklist.MINE: _open_q() & Q(handler=user),
        Worklist.NEW: Q(status=Status.NEW),
        Worklist.DUE_SOON: active & Q(current_appointment__gte=late_before, current_appointment__lte=soon),
        Worklist.OVERDUE: active & Q(current_appointment__lt=late_before),
        Worklist.SUPPLEMENT: Q(status=Status.SUPPLEMENT),
        Worklist.READY: Q(status=Status.PROCESSED),
        Worklist.UNIT: _open_q(),
        Worklist.ALL: Q(),
    }[name]


def dossier_list_for_user(
    user,
    *,
    worklist: str = Worklist.UNIT,
    query: str = "",
    status: int | None = None,
    procedure_id: int | None = None,
    channel: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    order: str = "",
    today: dt.date | None = None,
    unit_paths: list[str] | None = None,
    indicator: str = "",
    period: tuple[dt.date, dt.date] | None = None,
) -> QuerySet[Dossier]:
    """`unit_paths`: only the records of these units (a commune chosen in the filter). `indicator` and `period`:
    exactly the dossiers a Decision 766 figure of that period counts (`indicator_rows`), so a number on the
    indicators page and the list it links to always agree. `order` empty: the list's usual order
    (`default_order`)."""
    today = today or timezone.localdate()
    rows = scoped(Dossier.objects.all(), user, path_field="unit_path").filter(
        worklist_filter(worklist, user=user, today=today)
    )
    if unit_paths is not None:
        rows = rows.filter(unit_path__in=unit_paths)
    if indicator in INDICATORS and period is not None:
        rows = rows.filter(
            pk__in=indicator_rows(rows, indicator, start=period[0], end=period[1]).values("pk")
        )
    if status:
        rows = rows.filter(status=status)
    if procedure_id:
        rows = rows.filter(procedure_id=procedure_id)
    if channel:
        rows = rows.filter(channel=channel)
    if received_from:
        rows = rows.filter(submitted_at__date__gte=received_from)
    if received_to:
        rows = rows.filter(submitted_at__date__lte=received_to)
    # Code, applicant, address, procedure (gandan.dossiers.search), without diacritics; digits alone may also be
    # any part of the phone ("0912 345 678", "345678"): both searches are bounded by their matches.
    # PostgreSQL refuses a NUL in a text parameter (a 500); no code, name or phone has control characters.
    query = "".join(ch for ch in query if ch.isprintable()).strip()
    phone = phone_query(query)
    if phone is None:
        rows = filter_queryset(rows, DOSSIER, query)
    else:
        rows = rows.filter(Q(pk__in=matching_ids(DOSSIER, query)) | Q(pk__in=matching_ids(DOSSIER, phone)))
    # A dossier not yet received has no appointment: it comes last in both directions, on SQLite and PostgreSQL
    # alike (their defaults differ: SQLite puts NULL first when ascending, PostgreSQL when descending).
    orders: dict[str, list[Any]] = {
        "appointment": [F("current_appointment").asc(nulls_last=True), "id"],
        "-appointment": [F("current_appointment").desc(nulls_last=True), "-id"],
        "submitted": ["submitted_at", "id"],
        "-submitted": ["-submitted_at", "-id"],
        "code": ["code"],
    }
    return rows.select_related("procedure", "handler", "unit").order_by(
        *orders.get(order or default_order(worklist), orders["appointment"])
    )


def default_order(worklist: str) -> str:
    """Open work by its appointment, earliest first (undated new ones last); the list of every dossier, closed ones
    included, newest first — its oldest rows are last year's."""
    return "-submitted" if worklist == Worklist.ALL else "appointment"


def worklist_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    """How many dossiers wait in each worklist, in one query."""
    today = today or timezone.localdate()
    # Every counted list holds open or new dossiers only: filtering on status first keeps the count on the few
    # thousand open rows (index unit_path, status, …) instead of every dossier the unit ever received.
    rows = scoped(Dossier.objects.all(), user, path_field="unit_path").filter(
        status__in=[int(s) for s in OPEN] + [Status.NEW]
    )
    names = [w for w in Worklist.CHOICES if w != Worklist.ALL]
    return rows.aggregate(
        **{name: Count("id", filter=worklist_filter(name, user=user, today=today)) for name in names}
    )


def days_late(dossier: Dossier, *, today: dt.date | None = None) -> int:
    """Working days past the current appointment (after any apology) while the clock runs (rules.days_late): the
    one answer of the dossier page, the worklists and the API."""
    return rules.days_late(
        status=Status(dossier.status),
        appointment=dossier.current_appointment,
        today=today or timezone.localdate(),
        calendar=work_calendar(),
    )


def is_overdue(dossier: Dossier, *, today: dt.date | None = None) -> bool:
    """Late and still being processed (rules.is_overdue): never once processed, returned, refused, withdrawn or
    stopped, nor while waiting for the citizen's papers."""
    return days_late(dossier, today=today) > 0


def may_apologize(dossier: Dossier, *, today: dt.date | None = None) -> bool:
    """Whether Form 04 may be issued now: once late, or GANDAN_APOLOGY_WARNING_DAYS working days before."""
    return rules.may_apologize(
        status=Status(dossier.status),
        appointment=dossier.current_appointment,
        today=today or timezone.localdate(),
        calendar=work_calendar(),
        warning_days=settings.GANDAN_APOLOGY_WARNING_DAYS,
    )


def dossier_get_for_user(user, pk) -> Dossier:
    return get_scoped_or_404(
        Dossier.objects.select_related("procedure", "unit", "handler"), user, path_field="unit_path", pk=pk
    )


def handler_choices(dossier: Dossier) -> QuerySet[User]:
    """Officers who may receive this dossier: active handlers and leaders of its commune."""
    where = Q()
    for holder in holder_paths(dossier.unit_path):  # after a merger: the officers of the commune it joined
        where |= subtree_q(holder, "unit__path")
    # Handlers first, then the leaders (a dossier handed to the chairman by mistake waits on the wrong desk); each
    # with his roles for the choice's label (forms.HandlerChoiceField).
    handles = UserRole.objects.filter(user=OuterRef("pk"), role=Role.CASE_HANDLER)
    return (
        User.objects.filter(
            where,
            is_active=True,
            roles__role__in=[Role.CASE_HANDLER, Role.UNIT_LEADER],
        )
        .distinct()
        .annotate(handles=Exists(handles))
        .prefetch_related("roles")
        .order_by("-handles", "full_name", "pk")
    )


# --- The catalogue ----------------------------------------------------------------------------------------------
# The catalogue is the province's, the same for every commune, so these reads are not scoped to the user's unit.


def in_force_q(today: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def procedures_search(
    *, query: str = "", field: str = "", online_level: str = "", include_expired: bool = False,
    today: dt.date | None = None, unit_path: str | None = None,
) -> QuerySet[Procedure]:  # fmt: skip
    """The catalogue page: in force by default; the procedures with every word of the query, in any order, without
    diacritics, stop words and synonyms as a citizen's (`procedures_found`), by field, the most used in `unit_path`
    first; a query of digits and dots matches the start of the code."""
    rows = Procedure.objects.all()
    if not include_expired:
        rows = rows.filter(in_force_q(today or timezone.localdate()))
    query = query.strip()
    if field:
        rows = rows.filter(field=field)
    if online_level:
        rows = rows.filter(online_level=online_level)
    if re.fullmatch(r"[\d.]+", query):
        return rows.filter(code__startswith=query).order_by("field", "name", "code")
    if query:
        # A register filtered, not a choice offered: only the procedures with every word (the choose pages also
        # offer those with some of them, apart).
        found = procedures_found(rows, query=query, unit_path=unit_path, today=today, partial=False)
        return _in_rank_order(rows, found)
    return rows.order_by("field", "name", "code")


@dataclass(frozen=True)
class ProcedureGroup:
    """Procedures of one field, best first; `complete`: each matches every word of the query."""

    field: str
    procedures: list[Procedure]
    complete: bool


USAGE_DAYS = 365  # "most used": dossiers submitted over the last 12 months
USAGE_MAX_UNITS = 100  # a commune or a district; a province's whole catalogue page is not ordered by use


def procedure_usage(*, unit_path: str, today: dt.date | None = None) -> dict[int, int]:
    """Dossiers submitted per procedure over the last 12 months in the unit's subtree: one aggregate query over the
    index `dossier_submitted` alone (unit path, submission time, …, procedure). Empty above USAGE_MAX_UNITS units:
    a province's year is hundreds of thousands of index rows, for an order nobody at that level needs."""
    paths = subtree_paths(unit_path)
    if len(paths) > USAGE_MAX_UNITS:
        return {}
    since_day = (today or timezone.localdate()) - dt.timedelta(days=USAGE_DAYS)
    since = timezone.make_aware(dt.datetime.combine(since_day, dt.time.min))
    rows = (
        Dossier.objects.filter(unit_path__in=paths, submitted_at__gte=since)
        # "+ 0": grouping by the bare column, SQLite would walk the procedure index over the whole table instead.
        .values(used=F("procedure_id") + 0)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["used"]: row["n"] for row in rows}


def procedures_found(
    rows: QuerySet[Procedure],
    *,
    query: str,
    unit_path: str | None = None,
    today: dt.date | None = None,
    partial: bool = True,
) -> list[ProcedureGroup]:
    """`rows` that match the query, grouped by field and ranked (gandan.core.procedure_search): every word first,
    then some of them (unless `partial` is False). A catalogue is a few hundred procedures, read whole; the usage
    counts are those of `unit_path` (none: by name)."""
    procedures = {p.pk: p for p in rows.prefetch_related(None).order_by()}
    usage = procedure_usage(unit_path=unit_path, today=today) if unit_path else {}
    candidates = [Candidate(p.pk, p.name, p.field, p.code) for p in procedures.values()]
    return [
        ProcedureGroup(group.field, [procedures[pk] for pk in group.ids], group.complete)
        for group in rank(candidates, query, usage=usage, partial=partial)
    ]


def _in_rank_order(rows: QuerySet[Procedure], groups: list[ProcedureGroup]) -> QuerySet[Procedure]:
    """The found procedures as a queryset (to page, to prefetch), in the ranking's order."""
    order = [p.pk for group in groups for p in group.procedures]
    if not order:
        return rows.none()
    return rows.filter(pk__in=order).order_by(
        Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(order)))
    )


def procedure_fields() -> list[str]:
    return list(Procedure.objects.order_by("field").values_list("field", flat=True).distinct())


def procedure_get(pk: int) -> Procedure:
    return get_object_or_404(Procedure.objects.prefetch_related("components"), pk=pk)


def procedures_in_force(*, today: dt.date | None = None, query: str = "") -> QuerySet[Procedure]:
    """The procedures in force; with a query, those matching every word of it in any order (stop words and
    synonyms as `procedures_found`), by field."""
    rows = Procedure.objects.filter(in_force_q(today or timezone.localdate())).prefetch_related("components")
    if query.strip():
        return _in_rank_order(rows, procedures_found(rows, query=query, today=today, partial=False))
    return rows.order_by("field", "name")


def procedure_in_force(pk: int, *, today: dt.date | None = None) -> Procedure | None:
    """One procedure in force with its components, for an intake. The desk reads it for every dossier received,
    so two hand-written queries give it: through querysets the same cost four times as much CPU (compiling)."""
    today = today or timezone.localdate()
    sql = f"SELECT * FROM {table(Procedure)} WHERE id = %s"  # noqa: S608 — a table name, the value is a parameter
    procedure = next(iter(Procedure.objects.raw(sql, [pk])), None)
    if procedure is None or not _in_force(procedure, today):
        return None
    components = list(
        ProcedureComponent.objects.raw(
            f"SELECT * FROM {table(ProcedureComponent)} WHERE procedure_id = %s "  # noqa: S608
            "ORDER BY position, id",
            [pk],
        )
    )
    for component in components:
        component.procedure = procedure
    prefetched(procedure, "components", components)  # `procedure.components.all()` costs no query
    return procedure


def _in_force(procedure: Procedure, today: dt.date) -> bool:
    """The rule of `procedures_in_force`, for one procedure in hand."""
    return (procedure.valid_to is None or procedure.valid_to >= today) and (
        procedure.valid_from is None or procedure.valid_from <= today
    )


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
    begin, stop = _period_bounds(start, end)
    rows = Dossier.objects.filter(unit_path__in=subtree_paths(path))
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
    ratings = Rating.objects.filter(unit_path__in=subtree_paths(path), at__gte=begin, at__lt=stop).aggregate(
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


def book_queryset(user, *, start: dt.date, end: dt.date) -> QuerySet:
    """The user's dossiers received (accepted by the desk) from `start` to `end`, local days, oldest first."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    first_handoff = HandOff.objects.filter(dossier=OuterRef("pk")).order_by("at", "id").values("at")[:1]
    return (
        dossier_list_for_user(user, worklist=Worklist.ALL)
        .filter(received_at__gte=begin, received_at__lt=stop)
        .annotate(transferred_at=Subquery(first_handoff))
        .order_by("received_at", "id")
    )


def dossier_rated(dossier_id: int) -> bool:
    """Whether the citizen has already rated this dossier (a dossier is rated once)."""
    return Rating.objects.filter(dossier_id=dossier_id).exists()


def dossier_by_code(code: str) -> Dossier | None:
    """For the signed QR link only: the token already proves the citizen holds the slip."""
    return Dossier.objects.select_related("procedure", "unit").filter(code=code).first()


def dossier_public_status(code: str, last4: str) -> dict | None:
    """What the public lookup (page and API) shows, read as plain values, plus the dossier's `id` and
    `lookup_secret` (for the caller, never for the answer). The code as typed (rules.normalize_code) and the last 4
    digits of the phone OR of the citizen ID given (a whole number typed counts by its last 4: lookup_last4). The
    busiest public endpoint, so it runs two short hand-written queries (the dossier with its procedure and unit
    names; its public steps) instead of building querysets, whose compilation cost more than the database's work
    (a lookup at a million dossiers is two index probes, the ID's a third). Plain SQL, the same on SQLite and
    PostgreSQL."""
    code, last4 = normalize_code(code), lookup_last4(last4)
    if not code or not last4:
        return None
    return _public_status(_PUBLIC_DOSSIER_SQL, [code, last4, last4])


def dossier_public_status_by_id(pk: int) -> dict | None:
    """The same values for a dossier already identified (the signed link of the receipt)."""
    return _public_status(_PUBLIC_DOSSIER_BY_ID_SQL, [pk])


def _public_status(sql: str, params: list) -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        (
            pk,
            code,
            status,
            submitted_at,
            appointment,
            current_appointment,
            procedure_name,
            unit_name,
            secret,
        ) = row
        cursor.execute(_PUBLIC_STEPS_SQL, [pk])
        steps = [
            {"at": _aware(at), "action": action, "to_status": to_status, "note": note}
            for at, action, to_status, note in cursor.fetchall()
        ]
    return {
        "id": pk,
        "lookup_secret": secret,
        "code": code,
        "procedure": procedure_name,
        "unit": unit_name,
        "status": status,
        "submitted_at": _aware(submitted_at),
        "appointment": _date(appointment),
        "current_appointment": _date(current_appointment),
        "steps": steps,
    }


def _public_sql() -> tuple[str, str, str]:
    dossier, procedure, unit, step = (table(m) for m in (Dossier, Procedure, Unit, Step))
    by_id = (
        f"SELECT 1 FROM {table(DossierIdentity)} i WHERE i.dossier_id = d.id "  # noqa: S608 — a table name
        "AND substr(i.id_number, length(i.id_number) - 3, 4) = %s"
    )
    select = (
        f"SELECT d.id, d.code, d.status, d.submitted_at, d.appointment, d.current_appointment, p.name, u.name, "  # noqa: S608
        f"d.lookup_secret "
        f"FROM {dossier} d JOIN {procedure} p ON p.id = d.procedure_id JOIN {unit} u ON u.id = d.unit_id "
    )
    return (
        # The phone's last 4, or the citizen ID's (kept apart, compared here, never returned). A dossier with no
        # phone has phone_last4 "", which no lookup_last4 value equals.
        select + "WHERE d.code = %s AND (d.phone_last4 = %s OR EXISTS (" + by_id + "))",
        select + "WHERE d.id = %s",
        f"SELECT at, action, to_status, note FROM {step} WHERE dossier_id = %s AND public ORDER BY at, id",  # noqa: S608
    )


_PUBLIC_DOSSIER_SQL, _PUBLIC_DOSSIER_BY_ID_SQL, _PUBLIC_STEPS_SQL = _public_sql()


def _aware(value) -> dt.datetime:
    """A timestamp as the driver returns it: aware (PostgreSQL) or naive UTC, maybe still text (SQLite)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# --- The tracking book (Form 07) ----------------------------------------------------------------------------------
BOOK_NOTES = {
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
}


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


BOOK_RETURN_METHODS = {"in_person": "trả trực tiếp", "post": "trả qua bưu chính", "online": "trả trực tuyến"}


def _book_return_note(
    result: str, method: str, to_applicant: bool, name: str, relationship: str, fee: int, receipt: str
) -> str:
    """The book's note on the return (Form 07 has no columns for it): the result, the way, who signed for it if
    not the applicant, the fees and their receipt."""
    note = f"Kết quả: {result}; {BOOK_RETURN_METHODS.get(method, method)}"
    if not to_applicant:
        note += f"; người nhận: {name} ({relationship})"
    if fee:
        amount = f"{fee:,}".replace(",", ".")
        note += f"; phí, lệ phí {amount} đ, biên lai số {receipt}"
    return note


def book_rows(queryset: QuerySet) -> Iterator[BookRow]:
    """Book lines from `book_queryset`, streamed in chunks (no model instances: a year can hold 50,000 lines)."""
    fields = (
        "code",
        "procedure__name",
        "sets",
        "applicant_name",
        "applicant_address",
        "applicant_phone",
        "procedure__lead_unit",
        "received_at",
        "appointment",
        "current_appointment",
        "transferred_at",
        "finished_at",
        "returned_at",
        "status",
        "supplement_count",
        "return_record__result_number",
        "return_record__method",
        "return_record__receiver_is_applicant",
        "return_record__receiver_name",
        "return_record__receiver_relationship",
        "return_record__fee_amount",
        "return_record__receipt_number",
    )
    for (
        code,
        procedure,
        sets,
        name,
        address,
        phone,
        lead,
        received,
        appointment,
        current,
        transferred,
        finished,
        returned,
        status,
        supplements,
        *handed_over,
    ) in queryset.values_list(*fields).iterator(chunk_size=2000):
        notes = [BOOK_NOTES[status]] if status in BOOK_NOTES else []
        if current and appointment and current != appointment:
            notes.append(f"Hẹn lại: {current:%d/%m/%Y}")
        if supplements:
            notes.append(f"Bổ sung hồ sơ {supplements} lần")
        if handed_over[0]:
            notes.append(_book_return_note(*handed_over))
        yield BookRow(
            code=code,
            procedure=procedure,
            sets=sets,
            applicant=name,
            address=address,
            phone=phone,
            lead_body=lead,
            received=_local_day(received),
            appointment=appointment,
            transferred=_local_day(transferred),
            result_received=_local_day(finished) if status in (Status.PROCESSED, Status.RETURNED) else None,
            returned=_local_day(returned),
            note="; ".join(notes),
        )


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
