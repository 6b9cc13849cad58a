"""Records of the setup pages for the staff-page table (gandan/tests/test_staff_pages.py) and the page walk
(gandan/tests/walk_records.py): the demo's pothole category, its first extra question, and a village of `commune`.
Nothing is made, so calling it twice is safe."""

from typing import Any

from gandan.fieldreports.models import Attribute, Category
from gandan.units.models import GRASSROOTS_KINDS, Unit


def setup_records(commune: Unit) -> dict[str, Any]:
    category = Category.objects.get(code="duong-hu-hong")
    attribute = Attribute.objects.filter(category=category).order_by("order").first()
    village = (
        commune.children.filter(valid_to__isnull=True, kind__in=list(GRASSROOTS_KINDS))
        .order_by("path")
        .first()
    )
    assert attribute is not None and village is not None, (
        "the demo gives the pothole a question, the commune villages"
    )
    return {"fr_category": category, "fr_attribute": attribute, "fr_village": village}
