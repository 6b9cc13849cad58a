"""Reads of the officers' queue of field reports: the worklists and their counts, the filters, a report's timeline
and photos, the officers a report may be assigned to, the nearby reports it may repeat, the staff home's figures.
Every read takes the user first and stays inside the user's units (gandan.fieldreports.selectors)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gandan.accounts.rules import PERMISSIONS, Perm
from gandan.accounts.selectors import officers_of
from gandan.core import fieldreports as rules
from gandan.core.vntext import search_key
from gandan.fieldreports.models import OPEN_VALUES, Category, FieldReport, Photo, Update
from gandan.fieldreports.selectors import reports_for_user
from gandan.units.models import GRASSROOTS_KINDS, Unit


class Worklist:
    NEW = "new"
    MINE = "mine"
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"
    ALL = "all"
    CHOICES = [NEW, MINE, OPEN, OVERDUE, CLOSED, ALL]


def worklist_q(user, name: str, today: dt.date) -> Q:
    return {
        Worklist.NEW: Q(status=rules.Status.NEW.value),
        Worklist.MINE: Q(status__in=OPEN_VALUES, assigned_to=user.pk),
        Worklist.OPEN: Q(status__in=OPEN_VALUES),
        Worklist.OVERDUE: Q(status__in=OPEN_VALUES, due__lt=today),
        Worklist.CLOSED: ~Q(status__in=OPEN_VALUES),
        Worklist.ALL: Q(),
    }[name]


ORDERS = {
    "-received": ("-received_at", "-id"),
    "received": ("received_at", "id"),
    "due": ("due", "received_at", "id"),
    "-due": ("-due", "-received_at", "-id"),
}


@dataclass(frozen=True)
class QueueFilter:
    worklist: str = Worklist.OPEN
    category: Category | None = None
    status: str = ""
    village: Unit | None = None
    commune_paths: list[str] | None = None  # gandan.kit.communes.commune_paths of the chosen commune
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str = ""
    order: str = "-received"


def _local_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def report_queue(user, filters: QueueFilter, *, today: dt.date | None = None) -> QuerySet[FieldReport]:
    """The reports of the user's units in `filters.worklist`, narrowed by the filters, in the order chosen."""
    today = today or timezone.localdate()
    rows = (
        reports_for_user(user).select_related("assigned_to").filter(worklist_q(user, filters.worklist, today))
    )
    if filters.category is not None:
        rows = rows.filter(category=filters.category)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.village is not None:
        rows = rows.filter(village=filters.village)
    if filters.commune_paths is not None:
        rows = rows.filter(
            Q(unit_path__in=filters.commune_paths) | Q(village__path__in=filters.commune_paths)
        )
    if filters.received_from is not None:
        rows = rows.filter(received_at__gte=_local_start(filters.received_from))
    if filters.received_to is not None:
        rows = rows.filter(received_at__lt=_local_start(filters.received_to + dt.timedelta(days=1)))
    raw = (filters.q or "").strip()
    if raw:
        words = Q()
        for word in search_key(raw).split()[:10]:
            words &= Q(search_text__contains=word)
        rows = rows.filter(words | Q(code__icontains=raw[:30]))
    return rows.order_by(*ORDERS.get(filters.order, ORDERS["-received"]))


def worklist_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rows = reports_for_user(user)
    return {name: rows.filter(worklist_q(user, name, today)).count() for name in Worklist.CHOICES}


def filter_categories() -> QuerySet[Category]:
    """Every category, the retired ones too: old reports keep theirs."""
    return Category.objects.order_by("order", "name")


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages and residential groups in force inside the user's units, by name."""
    from gandan.accounts.scope import scoped

    rows = Unit.objects.filter(valid_to__isnull=True, kind__in=list(GRASSROOTS_KINDS))
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def report_timeline(report: FieldReport) -> QuerySet[Update]:
    return report.updates.select_related("by", "api_key").prefetch_related("photos").order_by("at", "id")


def report_photos(report: FieldReport) -> QuerySet[Photo]:
    return report.photos.order_by("id")


def report_photo(report: FieldReport, photo_id: int) -> Photo:
    """A photo of a report the caller already fetched through the user's scope; 404 otherwise."""
    return get_object_or_404(report.photos, pk=photo_id)


def handling_roles() -> list:
    return sorted(PERMISSIONS[Perm.FIELDREPORTS_HANDLE])


def report_officers(report: FieldReport):
    """The active officers of the unit holding the report who may handle it: whom it may be assigned to."""
    return officers_of(report.unit_path, handling_roles()).order_by("full_name", "id")


def answers_shown(report: FieldReport) -> list[tuple[str, str]]:
    """The answers to the category's extra questions as (question, answer), option keys shown by their names."""
    shown = []
    for attribute in report.category.attributes.all():
        value = report.attributes.get(attribute.code)
        if value in (None, "", []):
            continue
        names = {str(o.get("key")): str(o.get("name") or o.get("key")) for o in attribute.values or []}
        values = value if isinstance(value, list) else [value]
        shown.append((attribute.description, ", ".join(names.get(str(v), str(v)) for v in values)))
    return shown


def nearby_suggestions(user, report: FieldReport) -> list[tuple[FieldReport, int]]:
    """The open reports of the same category within 150 m received in the 30 days before this one (nearest first,
    with their distance in metres): what the officer is offered to link it to."""
    if report.lat is None or report.long is None:
        return []
    received = timezone.localtime(report.received_at).date()
    since = _local_start(received - dt.timedelta(days=rules.DUPLICATE_DAYS))
    candidates = {
        r.pk: r
        for r in reports_for_user(user)
        .filter(
            category=report.category_id,
            status__in=OPEN_VALUES,
            lat__isnull=False,
            received_at__gte=since,
            received_at__lte=report.received_at,
        )
        .exclude(pk=report.pk)
        .order_by("-received_at")[:200]
    }
    found = rules.nearby_duplicates(
        category=str(report.category_id),
        point=rules.Point(float(report.lat), float(report.long)),
        received=received,
        others=[
            rules.Nearby(
                key=r.pk,
                category=str(r.category_id),
                point=rules.Point(float(r.lat), float(r.long)),  # type: ignore[arg-type]
                received=timezone.localtime(r.received_at).date(),
                open=r.is_open,
            )
            for r in candidates.values()
        ],
    )
    return [(candidates[key], round(distance)) for key, distance in found]


def earlier_report_by_code(user, report: FieldReport, code: str) -> FieldReport | None:
    """The report of the user's units with `code` (any case), other than `report`; None when there is none."""
    code = (code or "").strip().upper()
    if not code or len(code) > 30:
        return None
    return reports_for_user(user).exclude(pk=report.pk).filter(code=code).first()


HOME_LISTS = (Worklist.NEW, Worklist.MINE, Worklist.OVERDUE)


def home_counts(user, *, today: dt.date | None = None) -> dict[str, int]:
    """The staff home's figures in one query: new reports to triage, the user's own open ones, the overdue ones."""
    today = today or timezone.localdate()
    return reports_for_user(user).aggregate(
        **{name: Count("pk", filter=worklist_q(user, name, today)) for name in HOME_LISTS}
    )


def home_rows(user, name: str, *, limit: int, today: dt.date | None = None) -> list[FieldReport]:
    """The first `limit` reports of one of the staff home's lists, the nearest due day first."""
    today = today or timezone.localdate()
    rows = reports_for_user(user).filter(worklist_q(user, name, today))
    return list(rows.order_by(F("due").asc(nulls_last=True), "received_at", "id")[:limit])


def assignee_deadlines(*, today: dt.date, until: dt.date) -> list[tuple[int, str, int, dt.date | None, str]]:
    """Open reports with an officer whose due day falls between `today` and `until`: (id, code, officer id, due,
    unit path) — the inbox's reminders (a system job, unscoped)."""
    return list(
        FieldReport.objects.filter(
            status__in=OPEN_VALUES, assigned_to__is_active=True, due__gte=today, due__lte=until
        )
        .order_by("id")
        .values_list("id", "code", "assigned_to_id", "due", "unit_path")
    )
