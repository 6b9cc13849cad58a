"""The procedure catalogue: procedures in force, found with a citizen's words, the most used first."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.scope import subtree_paths
from gandan.core.procedure_search import Candidate, rank
from gandan.dossiers.models import (
    Dossier,
    Procedure,
    ProcedureComponent,
)
from gandan.sql import prefetched, table

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
