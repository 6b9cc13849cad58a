"""Reads of field reports. Staff reads take the user first and see only their units' subtree; public reads never
return the reporter's name, contacts or exact coordinates (only `public_lat`/`public_long`, a grid square)."""

from django.db.models import QuerySet

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.fieldreports.models import Category, FieldReport

PUBLIC_FIELDS = (
    "pk", "code", "unit_id", "unit_path", "village_id", "category_id", "status", "description", "public_lat",
    "public_long", "received_at", "updated_at", "closed_at", "due",
)  # fmt: skip


def reports_for_user(user) -> QuerySet[FieldReport]:
    """Every report inside the user's units (those of the units merged into them included)."""
    return scoped(FieldReport.objects.all(), user, path_field="unit_path").select_related(
        "category", "village", "unit"
    )


def report_get_for_user(user, pk) -> FieldReport:
    return get_scoped_or_404(
        FieldReport.objects.select_related("category", "village", "unit", "assigned_to", "duplicate_of"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True).prefetch_related("attributes")


def public_reports() -> QuerySet[FieldReport]:
    """What anyone may read: not hidden, with only the public columns."""
    return (
        FieldReport.objects.filter(hidden=False)
        .select_related("category", "village")
        .only(*PUBLIC_FIELDS, "category__code", "category__name", "village__name")
    )


# --- the citizens' pages (public reads only: never the reporter, never the exact place) ----------------------------


def public_commune_reports(commune) -> QuerySet[FieldReport]:
    """The public reports of a commune: handled by it, or lying in one of its villages (a province-level report)."""
    from django.db.models import Q

    rows = public_reports()
    if commune is None:
        return rows
    return rows.filter(
        Q(unit_path=commune.path) | Q(unit_path__startswith=f"{commune.path}.") | Q(village__parent=commune)
    )


def public_report_get(code: str) -> FieldReport | None:
    """A report's public page by its code; None when unknown or hidden."""
    code = (code or "").strip().upper()[:30]
    return public_reports().filter(code=code).first() if code else None


def public_updates(report: FieldReport):
    """The report's steps as the public reads them: the state after each, when, and the public note."""
    from gandan.fieldreports.models import Update

    return Update.objects.filter(report=report).only("status", "note", "at", "report_id").order_by("at", "id")


def public_photos(report: FieldReport):
    from gandan.fieldreports.models import Photo

    return (
        Photo.objects.filter(report=report, public=True).only("pk", "report_id", "by_officer").order_by("id")
    )


def public_photo_get(pk: int):
    """A photo anyone may see: marked public, of a report not hidden; None otherwise."""
    from gandan.fieldreports.models import Photo

    return Photo.objects.filter(pk=pk, public=True, report__hidden=False).only("file", "content_type").first()


def public_village_counts(commune) -> list[dict]:
    """Each village of the commune with its open and fixed public reports (one grouped query), villages without any
    report included, by name."""
    from django.db.models import Count, Q

    from gandan.core.fieldreports import Status
    from gandan.fieldreports.models import OPEN_VALUES
    from gandan.units.models import GRASSROOTS_KINDS, Unit

    villages = list(
        Unit.objects.filter(parent=commune, valid_to__isnull=True, kind__in=list(GRASSROOTS_KINDS))
        .only("pk", "name")
        .order_by("name_search")
    )
    counts = {
        row["village_id"]: row
        for row in public_commune_reports(commune)
        .filter(village__isnull=False)
        .order_by()
        .values("village_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_VALUES)),
            fixed=Count("pk", filter=Q(status=Status.FIXED.value)),
            total=Count("pk"),
        )
    }
    empty = {"open": 0, "fixed": 0, "total": 0}
    return [{"village": v, **{k: counts.get(v.pk, empty)[k] for k in empty}} for v in villages]


def public_recent_reports(commune, *, limit: int = 5) -> list[FieldReport]:
    return list(public_commune_reports(commune).order_by("-received_at", "-id")[:limit])


def public_recently_fixed(commune, *, limit: int = 5) -> list[FieldReport]:
    from gandan.core.fieldreports import Status

    rows = public_commune_reports(commune).filter(status=Status.FIXED.value, closed_at__isnull=False)
    return list(rows.order_by("-closed_at", "-id")[:limit])
