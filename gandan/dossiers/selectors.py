"""Reads of dossiers: always for a user, inside that user's subtree (the public lookup is the one exception, and it
needs the code and the phone's last digits)."""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, holder_paths, scope_path, scoped, subtree_paths
from gandan.core.identifiers import clean_code, clean_last4
from gandan.core.workdays import add_working_days
from gandan.dossiers.excel import BookRow
from gandan.dossiers.models import Dossier, HandOff, Procedure, ProcedureComponent, Rating, Step
from gandan.dossiers.rules import OPEN, Status
from gandan.dossiers.satisfaction import DISLIKE_AT_MOST
from gandan.dossiers.search import DOSSIER, PROCEDURE, phone_query
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
    """The condition of each worklist. Due soon: the appointment is within two working days."""
    soon = add_working_days(today, SOON_WORKING_DAYS, calendar=work_calendar())
    active = Q(status__in=[Status.ACCEPTED, Status.IN_PROGRESS, Status.PAYMENT])
    return {
        Worklist.MINE: _open_q() & Q(handler=user),
        Worklist.NEW: Q(status=Status.NEW),
        Worklist.DUE_SOON: active & Q(current_appointment__gte=today, current_appointment__lte=soon),
        Worklist.OVERDUE: active & Q(current_appointment__lt=today),
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
    order: str = "appointment",
    today: dt.date | None = None,
    unit_paths: list[str] | None = None,
    indicator: str = "",
    period: tuple[dt.date, dt.date] | None = None,
) -> QuerySet[Dossier]:
    """`unit_paths`: only the records of these units (a commune chosen in the filter). `indicator` and `period`:
    exactly the dossiers a Decision 766 figure of that period counts (`indicator_rows`), so a number on the
    indicators page and the list it links to always agree."""
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
    orders = {
        "appointment": ["current_appointment", "id"],
        "-appointment": ["-current_appointment", "-id"],
        "submitted": ["submitted_at", "id"],
        "-submitted": ["-submitted_at", "-id"],
        "code": ["code"],
    }
    return rows.select_related("procedure", "handler", "unit").order_by(
        *orders.get(order, orders["appointment"])
    )


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


def dossier_get_for_user(user, pk) -> Dossier:
    return get_scoped_or_404(
        Dossier.objects.select_related("procedure", "unit", "handler"), user, path_field="unit_path", pk=pk
    )


def handler_choices(dossier: Dossier) -> QuerySet[User]:
    """Officers who may receive this dossier: active handlers and leaders of its commune."""
    where = Q()
    for holder in holder_paths(dossier.unit_path):  # after a merger: the officers of the commune it joined
        where |= subtree_q(holder, "unit__path")
    return (
        User.objects.filter(
            where,
            is_active=True,
            roles__role__in=[Role.CASE_HANDLER, Role.UNIT_LEADER],
        )
        .distinct()
        .order_by("full_name")
    )


# --- The catalogue ----------------------------------------------------------------------------------------------
# The catalogue is the province's, the same for every commune, so these reads are not scoped to the user's unit.


def in_force_q(today: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def procedures_search(
    *, query: str = "", field: str = "", online_level: str = "", include_expired: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Procedure]:  # fmt: skip
    """The catalogue page: in force by default; words match the start of words of the code or the name, without
    diacritics (gandan.search); a query of digits and dots matches the start of the code."""
    rows = Procedure.objects.all()
    if not include_expired:
        rows = rows.filter(in_force_q(today or timezone.localdate()))
    query = query.strip()
    if field:
        rows = rows.filter(field=field)
    if online_level:
        rows = rows.filter(online_level=online_level)
    if re.fullmatch(r"[\d.]+", query):
        rows = rows.filter(code__startswith=query)
    else:
        rows = filter_queryset(rows.order_by("field", "name", "code"), PROCEDURE, query)
    return rows.order_by("field", "name", "code")


def procedure_fields() -> list[str]:
    return list(Procedure.objects.order_by("field").values_list("field", flat=True).distinct())


def procedure_get(pk: int) -> Procedure:
    return get_object_or_404(Procedure.objects.prefetch_related("components"), pk=pk)


def procedures_in_force(*, today: dt.date | None = None, query: str = "") -> QuerySet[Procedure]:
    rows = Procedure.objects.filter(in_force_q(today or timezone.localdate()))
    rows = filter_queryset(rows.order_by("field", "name"), PROCEDURE, query)
    return rows.prefetch_related("components").order_by("field", "name")


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


def on_time_q(period_end: dt.datetime) -> Q:
    """The SQL form of rules.is_on_time on the stored fields: stat_due_at is the end of the statistic's due day
    (the original appointment moved by closed supplement pauses). `period_end` is the period's last moment.
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
    on_time = handled.filter(on_time_q(stop - dt.timedelta(seconds=1)))
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
    period_end = stop - dt.timedelta(seconds=1)
    measure = {"n": Count("id"), "on_time": Count("id", filter=on_time_q(period_end))}
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


def dossier_public_status(code: str, phone_last4: str) -> dict | None:
    """What the public lookup (page and API) shows, read as plain values, plus the dossier's `id` and
    `lookup_secret` (for the caller, never for the answer). The busiest public endpoint, so it runs two short
    hand-written queries (the dossier with its procedure and unit names; its public steps) instead of building
    querysets, whose compilation cost more than the database's work (a lookup at a million dossiers is two index
    probes). Plain SQL, the same on SQLite and PostgreSQL."""
    code, phone_last4 = clean_code(code), clean_last4(phone_last4)
    if not code or not phone_last4:
        return None
    return _public_status(_PUBLIC_DOSSIER_SQL, [code, phone_last4])


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
    select = (
        f"SELECT d.id, d.code, d.status, d.submitted_at, d.appointment, d.current_appointment, p.name, u.name, "  # noqa: S608
        f"d.lookup_secret "
        f"FROM {dossier} d JOIN {procedure} p ON p.id = d.procedure_id JOIN {unit} u ON u.id = d.unit_id "
    )
    return (
        select + "WHERE d.code = %s AND d.phone_last4 = %s",
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
    ) in queryset.values_list(*fields).iterator(chunk_size=2000):
        notes = [BOOK_NOTES[status]] if status in BOOK_NOTES else []
        if current and appointment and current != appointment:
            notes.append(f"Hẹn lại: {current:%d/%m/%Y}")
        if supplements:
            notes.append(f"Bổ sung hồ sơ {supplements} lần")
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
