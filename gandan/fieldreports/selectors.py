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
