"""The demo's places: a representative point for each demo commune and village (data/places.json, approximate and
labelled so), from which a report's coordinates find their village. Real installations record their own points."""

import json
from decimal import Decimal
from pathlib import Path

from gandan.fieldreports.models import PlacePoint
from gandan.units.models import Unit

PLACES = Path(__file__).resolve().parent / "data" / "places.json"


def places_load_demo() -> int:
    """Create the points the demo data names (idempotent; an official's correction is never overwritten)."""
    data = json.loads(PLACES.read_text(encoding="utf-8"))
    created = 0
    for code, commune_data in data["communes"].items():
        commune = Unit.objects.filter(code=code, valid_to__isnull=True).first()
        if commune is None:
            continue
        points = {commune.pk: commune_data["centre"]}
        villages = {v.name: v for v in Unit.objects.filter(parent=commune, valid_to__isnull=True)}
        for name, point in commune_data["villages"].items():
            if name in villages:
                points[villages[name].pk] = point
        for unit_id, (lat, long) in points.items():
            _row, made = PlacePoint.objects.get_or_create(
                unit_id=unit_id,
                defaults={"lat": Decimal(str(lat)), "long": Decimal(str(long)), "source": data["source"]},
            )
            created += made
    return created
