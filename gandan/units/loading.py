"""Loading reference geography: the national list (offline, from the `vietnam-provinces` package) and the demo area.

Both loaders are idempotent: a unit already present (same path) is left as officials may have edited it.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import vietnam_provinces
from django.db import transaction

from gandan.audit.services import event_record
from gandan.core.vntext import fold, normalize
from gandan.units.demo_area import DEMO_PROVINCE_CODE, FORMER_DISTRICT, FORMER_PROVINCE, NEW_COMMUNES
from gandan.units.models import Unit, UnitKind, UnitSuccession
from gandan.units.search import units_index
from gandan.units.services import unit_create

REFORM_DAY = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM_BASIS = "Nghị quyết 202/2025/QH15; Nghị quyết 1676/NQ-UBTVQH15 (2025)"

_PROVINCE_KIND = {"tỉnh": UnitKind.PROVINCE, "thành phố trung ương": UnitKind.CITY}
_WARD_KIND = {"xã": UnitKind.COMMUNE, "phường": UnitKind.WARD, "đặc khu": UnitKind.SPECIAL_ZONE}


def province_code(code: int) -> str:
    return f"{code:02d}"


def ward_code(code: int) -> str:
    return f"{code:05d}"


def national_divisions() -> list[dict]:
    """The 34 provinces with their 3,321 commune-level units, read from the package's bundled JSON."""
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        return json.load(fh)


@transaction.atomic
def units_load_national(*, progress: Callable[[int], None] | None = None) -> int:
    """Create every current province and commune-level unit that is missing. Returns how many were created."""
    divisions = national_divisions()
    existing = set(Unit.objects.values_list("path", flat=True))
    created = 0
    for province in divisions:
        p_code = province_code(province["code"])
        if p_code not in existing:
            units_index(Unit.objects.bulk_create([_national_unit(province, p_code, None, _PROVINCE_KIND)]))
            created += 1
        parent = Unit.objects.get(path=p_code)
        batch = []
        for ward in province["wards"]:
            w_code = ward_code(ward["code"])
            path = f"{p_code}.{w_code}"
            if path not in existing:
                batch.append(_national_unit(ward, w_code, parent, _WARD_KIND))
        units_index(Unit.objects.bulk_create(batch, batch_size=500))
        created += len(batch)
        if progress:
            progress(1 + len(province["wards"]))
    if created:
        event_record(
            actor=None,
            action="units.national_list_load",
            details={"created": created, "source": f"vietnam-provinces {vietnam_provinces.__version__}"},
        )
    return created


def _national_unit(row: dict[str, Any], code: str, parent: Unit | None, kinds: dict[str, UnitKind]) -> Unit:
    name = normalize(row["name"])
    return Unit(
        kind=kinds[row["division_type"]],
        code=code,
        name=name,
        name_search=fold(name),
        parent=parent,
        path=code if parent is None else f"{parent.path}.{code}",
        depth=0 if parent is None else parent.depth + 1,
        valid_from=REFORM_DAY,
    )


def _get_or_create(*, kind: str, name: str, parent: Unit | None, code: str = "", **extra) -> Unit:
    lookup = {"parent": parent, "name": normalize(name)}
    if code:
        lookup = {"parent": parent, "code": code}
    found = Unit.objects.filter(**lookup).first()
    if found:
        return found
    return unit_create(kind=kind, name=name, parent=parent, code=code, audit=False, **extra)


@transaction.atomic
def units_load_demo() -> dict[str, Unit]:
    """The demo area (DEMO-AREA.md): Phú Thọ's four communes formed from former Sông Lô district, their
    villages, and the former units mapped to them. Needs the national list (it is loaded first if missing)."""
    if not Unit.objects.filter(path=DEMO_PROVINCE_CODE).exists():
        units_load_national()
    province = Unit.objects.get(path=DEMO_PROVINCE_CODE)
    former_province = _get_or_create(
        kind=UnitKind.PROVINCE,
        name=FORMER_PROVINCE["name"],
        code=FORMER_PROVINCE["code"],
        parent=None,
        valid_to=LAST_DAY_BEFORE_REFORM,
        note=FORMER_PROVINCE["note"],
    )
    former_district = _get_or_create(
        kind=UnitKind.DISTRICT,
        name=FORMER_DISTRICT["name"],
        code=FORMER_DISTRICT["code"],
        parent=former_province,
        valid_from=dt.date(2009, 1, 1),
        valid_to=LAST_DAY_BEFORE_REFORM,
        note=FORMER_DISTRICT["note"],
    )
    communes: dict[str, Unit] = {}
    for spec in NEW_COMMUNES:
        commune = Unit.objects.get(path=f"{province.path}.{spec['code']}")
        communes[spec["code"]] = commune
        # Villages are loaded once per commune: after that the list is the officials' (they rename, add, end
        # villages), and loading the demo again must not bring back a name they changed.
        has_villages = commune.children.filter(
            kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP]
        ).exists()
        for village in [] if has_villages else spec["villages"]:
            _get_or_create(
                kind=UnitKind.VILLAGE,
                name=village,
                parent=commune,
                valid_from=REFORM_DAY,
                note=spec.get("village_note", ""),
            )
        for former in spec["formed_from"]:
            former_unit = _get_or_create(
                kind=former.get("kind", UnitKind.COMMUNE),
                name=former["name"],
                code=former.get("code", ""),
                parent=former_district,
                valid_to=LAST_DAY_BEFORE_REFORM,
                note=former.get("note", ""),
            )
            _succession(former_unit, commune, confirmed=True)
    for spec in FORMER_DISTRICT["mapped_elsewhere"]:
        former_unit = _get_or_create(
            kind=UnitKind.COMMUNE,
            name=spec["name"],
            parent=former_district,
            valid_to=LAST_DAY_BEFORE_REFORM,
            note=spec["note"],
        )
        successor = Unit.objects.get(path=f"{province.path}.{spec['successor_code']}")
        _succession(former_unit, successor, confirmed=False, note=spec["note"])
    former_province_successor = province
    _succession(former_province, former_province_successor, confirmed=True)
    return communes


def _succession(former: Unit, successor: Unit, *, confirmed: bool, note: str = "") -> None:
    UnitSuccession.objects.get_or_create(
        former=former,
        successor=successor,
        defaults={"effective": REFORM_DAY, "legal_basis": REFORM_BASIS, "confirmed": confirmed, "note": note},
    )
