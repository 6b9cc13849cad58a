"""Reads for Open311 GeoReport v2 (gandan.fieldreports.open311). Everything here is public: no reporter's name,
contacts, device or account, no exact coordinates (only `public_lat`/`public_long`, a grid square), no typed address
(only the village's and the commune's names), no hidden report and no withheld photo.

The request list is the hot path (up to 1,000 rows per answer over a million reports): one query of plain tuples on
the (received_at, id) index, one for the first public photo of each row, and the categories from a map kept in
memory until a category changes."""

import datetime as dt
import threading
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from gandan.fieldreports.models import OPEN_VALUES, Category, FieldReport, Photo, Update
from gandan.units.models import COMMUNE_KINDS, Unit, subtree_q


@dataclass(frozen=True)
class CategoryInfo:
    pk: int
    code: str
    name: str
    active: bool


_cache_lock = threading.Lock()
_cache: dict[str, object] = {"stamp": None, "map": {}}


def categories_changeset() -> tuple[dt.datetime | None, int]:
    """The latest change of any category and their number: a new, edited or removed category changes it."""
    row = Category.objects.aggregate(stamp=Max("changed_at"), n=Count("id"))
    return row["stamp"], row["n"]


def category_map() -> dict[int, CategoryInfo]:
    """Every category by id, from memory while none has changed (one small aggregate query per call)."""
    stamp = categories_changeset()
    with _cache_lock:
        if _cache["stamp"] == stamp:
            return _cache["map"]  # type: ignore[return-value]
    found = {
        pk: CategoryInfo(pk=pk, code=code, name=name, active=active)
        for pk, code, name, active in Category.objects.values_list("pk", "code", "name", "active")
    }
    with _cache_lock:
        _cache["stamp"], _cache["map"] = stamp, found
    return found


def open311_services() -> list[Category]:
    """The categories that accept reports, each with its questions (`metadata` is true when it has some)."""
    return list(Category.objects.filter(active=True).prefetch_related("attributes").order_by("order", "name"))


def open311_service(code: str) -> Category | None:
    """An active category by its code, with its questions (from the per-process catalogue: every POST asks)."""
    from gandan.fieldreports.catalogue import catalogue

    return catalogue().categories.get(code)


def open311_commune(code: str) -> Unit | None:
    """The commune (or ward) in force whose official code is `code` (Open311's jurisdiction_id)."""
    return Unit.objects.filter(code=code, kind__in=list(COMMUNE_KINDS), valid_to__isnull=True).first()


ROW_FIELDS = (
    "pk", "code", "status", "category_id", "description", "received_at", "updated_at", "due", "public_lat",
    "public_long", "village__name", "unit__name", "village__parent__name",
)  # fmt: skip


@dataclass(frozen=True)
class RequestQuery:
    codes: list[str]  # service_request_id: when given, nothing else filters
    category_ids: list[int]
    start: dt.datetime
    end: dt.datetime
    statuses: list[str]  # "open", "closed"
    commune: Unit | None
    offset: int
    limit: int


def _public() -> QuerySet[FieldReport]:
    return FieldReport.objects.filter(hidden=False)


def open311_request_rows(query: RequestQuery) -> list[tuple]:
    """The public rows of the reports asked for, newest first, as tuples in ROW_FIELDS' order."""
    rows = _public()
    if query.codes:
        rows = rows.filter(code__in=query.codes)
    else:
        rows = rows.filter(received_at__gte=query.start, received_at__lte=query.end)
        if query.category_ids:
            rows = rows.filter(category_id__in=query.category_ids)
        if query.statuses == ["open"]:
            rows = rows.filter(status__in=OPEN_VALUES)
        elif query.statuses == ["closed"]:
            rows = rows.exclude(status__in=OPEN_VALUES)
        if query.commune is not None:
            rows = rows.filter(subtree_q(query.commune.path, "unit_path"))
    rows = rows.order_by("-received_at", "-id")
    return list(rows.values_list(*ROW_FIELDS)[query.offset : query.offset + query.limit])


def open311_request_row(code: str) -> tuple | None:
    return _public().filter(code=code).values_list(*ROW_FIELDS).first()


def first_public_photos(report_ids: list[int]) -> dict[int, int]:
    """The first public photo's id of each report among `report_ids` that has one."""
    found: dict[int, int] = {}
    rows = Photo.objects.filter(report_id__in=report_ids, public=True).order_by("report_id", "id")
    for report_id, pk in rows.values_list("report_id", "pk"):
        found.setdefault(report_id, pk)
    return found


def public_photos(report_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    rows = Photo.objects.filter(report_id__in=report_ids, public=True).order_by("report_id", "id")
    for report_id, pk in rows.values_list("report_id", "pk"):
        found.setdefault(report_id, []).append(pk)
    return found


def report_updates(report_ids: list[int]) -> dict[int, list[tuple[dt.datetime, str, str, str]]]:
    """Each report's steps in order: (at, note, action, status)."""
    found: dict[int, list[tuple[dt.datetime, str, str, str]]] = {}
    rows = Update.objects.filter(report_id__in=report_ids).order_by("report_id", "at", "id")
    for report_id, at, note, action, status in rows.values_list(
        "report_id", "at", "note", "action", "status"
    ):
        found.setdefault(report_id, []).append((at, note, action, status))
    return found


def last_notes(report_ids: list[int]) -> dict[int, str]:
    """The latest public note of each report (Open311's status_notes)."""
    found: dict[int, str] = {}
    rows = Update.objects.filter(report_id__in=report_ids).exclude(note="").order_by("report_id", "at", "id")
    for report_id, note in rows.values_list("report_id", "note"):
        found[report_id] = note
    return found


def open311_report_by_token(token: str) -> str | None:
    return _public().filter(token=token).values_list("code", flat=True).first()


def open311_report_for_update(code: str) -> FieldReport | None:
    """A report an integrator's key may move (checked by the caller against the key's unit)."""
    return FieldReport.objects.select_related("village", "unit").filter(code=code).first()


def open311_update_by_external(key_id: int, external_id: str) -> Update | None:
    return Update.objects.filter(api_key_id=key_id, external_id=external_id).first()


def open311_update_rows(*, start: dt.datetime, end: dt.datetime, offset: int, limit: int) -> list[tuple]:
    """The public steps (those with an action or a note) of visible reports in [start, end], oldest first:
    (update id, report code, report id, status, at, note)."""
    rows = (
        Update.objects.filter(at__gte=start, at__lte=end, report__hidden=False)
        .exclude(action="", note="")
        .order_by("at", "id")
        .values_list("pk", "report__code", "report_id", "status", "at", "note")
    )
    return list(rows[offset : offset + limit])


def open311_public_photo(pk: int) -> Photo | None:
    return Photo.objects.filter(pk=pk, public=True, report__hidden=False).first()
