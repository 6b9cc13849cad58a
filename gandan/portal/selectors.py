from django.conf import settings

from gandan.units.models import Unit, UnitKind
from gandan.units.selectors import unit_portal


def portal_unit() -> Unit | None:
    """The commune whose public home is served at "/" (GANDAN_PORTAL_UNIT)."""
    return unit_portal(settings.GANDAN_PORTAL_UNIT)


def portal_villages(unit: Unit) -> list[Unit]:
    return list(
        unit.children.filter(
            valid_to__isnull=True, kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP]
        ).order_by("name_search")
    )
