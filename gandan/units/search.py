"""What makes a unit searchable (gandan.search): its name and official code, written by `unit_create`,
`unit_update`, the national list's loader and `search_reindex`. "lang cong" finds "Xã Lãng Công"."""

from collections.abc import Iterable

from gandan.search.registry import Document, Indexed
from gandan.search.services import bulk_index, index_document
from gandan.units.models import Unit

UNIT = "unit"


def unit_document(unit: Unit) -> Document:
    return unit.pk, unit.path, f"{unit.name} {unit.code}"


def unit_index(unit: Unit) -> None:
    object_id, unit_path, text = unit_document(unit)
    index_document(UNIT, object_id, text=text, unit_path=unit_path)


def units_index(units: Iterable[Unit]) -> None:
    bulk_index(UNIT, (unit_document(u) for u in units))


SEARCH_KINDS = [Indexed(kind=UNIT, rows=lambda: Unit.objects.all(), document=unit_document)]
