"""Where a report is: its coordinates or its address, resolved to the commune and the village it lies in, and the
unit that handles it (the category's level). Village points are data (PlacePoint), kept by officials; the
province's extent is a setting."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from gandan.core.fieldreports import Box, Point, approximate, nearest_place, parse_coordinate
from gandan.core.vntext import fold
from gandan.errors import DomainError
from gandan.fieldreports.catalogue import catalogue
from gandan.fieldreports.models import Category
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, PROVINCE_KINDS, Unit

# A point further than this from every village or commune point is not in any commune this installation serves.
PLACE_RADIUS_M = 8_000.0


def province_box() -> Box:
    south, west, north, east = settings.GANDAN_FIELDREPORTS_BOX
    return Box(south=south, west=west, north=north, east=east)


@dataclass(frozen=True)
class Where:
    commune: Unit
    village: Unit | None
    handler: Unit  # the commune, or its province for a province-level category
    point: Point | None
    public_point: Point | None
    address: str


def parse_point(lat: str, long: str) -> Point | None:
    """Both coordinates or neither; each a decimal degree within the province's extent. Raises DomainError with
    both fields' problems."""
    lat, long = (lat or "").strip(), (long or "").strip()
    if not lat and not long:
        return None
    if not lat or not long:
        raise DomainError(
            "coordinates_incomplete",
            _("Send both the latitude and the longitude of the place, or neither."),
            field="lat" if not lat else "long",
        )
    la = parse_coordinate(lat, low=-90, high=90)
    lo = parse_coordinate(long, low=-180, high=180)
    if la is None or lo is None:
        raise DomainError(
            "coordinates_invalid",
            _("The latitude and longitude are decimal degrees (WGS84), e.g. 21.4502 and 105.3861."),
            field="lat" if la is None else "long",
        )
    point = Point(la, lo)
    if not province_box().holds(point):
        raise DomainError(
            "coordinates_outside",
            _(
                "This place (%(lat)s, %(long)s) is outside the province served here. Check the coordinates: "
                "latitude first, then longitude."
            )
            % {"lat": lat, "long": long},
            field="lat",
        )
    return point


def _village_in_address(address: str, commune: Unit) -> Unit | None:
    """The village of `commune` whose name the address spells (with or without diacritics, "Thôn" or not)."""
    text = f" {fold(address).replace(',', ' ')} "
    best = None
    for village in commune.children.filter(valid_to__isnull=True, kind__in=list(GRASSROOTS_KINDS)):
        name = fold(village.name)
        first, _sep, rest = name.partition(" ")
        bare = rest if rest and first in {"thon", "xom", "to", "ban"} else name
        found = f" {name} " in text or f" {bare} " in text
        if found and (best is None or len(village.name) > len(best.name)):
            best = village
    return best


def province_of(unit: Unit) -> Unit:
    node = unit
    while node.parent is not None and node.kind not in PROVINCE_KINDS:
        node = node.parent
    return node


def resolve_place(
    *,
    category: Category,
    point: Point | None,
    address: str,
    commune: Unit | None,
    village: Unit | None = None,
) -> Where:
    """The commune and village a report lies in, and the unit that handles it. `commune` is the one the citizen
    chose (the portal's commune, Open311's jurisdiction_id); `village` one they picked from its list."""
    if point is None and not address:
        raise DomainError(
            "place_required",
            _("Say where it is: the coordinates (latitude and longitude) or the address."),
            field="address",
        )
    if village is not None and (
        commune is None or village.parent_id != commune.pk or village.kind not in GRASSROOTS_KINDS
    ):
        raise DomainError("village_invalid", _("Choose a village of this commune."), field="village")
    found_village = village
    if point is not None:
        # Every commune's points: a point across the border is named as lying there, not filed in the wrong commune.
        place = nearest_place(point, catalogue().places, within_m=PLACE_RADIUS_M)
        if place is None:
            if commune is None:
                raise DomainError(
                    "place_unserved",
                    _(
                        "No commune served here lies at this place. Check the coordinates, or give the address."
                    ),
                    field="lat",
                )
        else:
            units = Unit.objects.in_bulk({place.key, place.commune_key})
            located = units[place.commune_key]
            if commune is not None and located.pk != commune.pk:
                raise DomainError(
                    "place_elsewhere",
                    _("This place lies in %(other)s, not in %(commune)s.")
                    % {"other": located.name, "commune": commune.name},
                    field="lat",
                )
            commune = located
            if found_village is None and place.key != place.commune_key:
                found_village = units[place.key]
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError("commune_required", _("Choose the commune where it is."), field="jurisdiction_id")
    if found_village is None and address:
        found_village = _village_in_address(address, commune)
    handler = province_of(commune) if category.level == Category.Level.PROVINCE else commune
    return Where(
        commune=commune,
        village=found_village,
        handler=handler,
        point=point,
        public_point=approximate(point) if point is not None else None,
        address=address,
    )


def as_decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.6f}")
