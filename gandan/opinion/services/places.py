"""Where an imported signal happened: a unit code, or names from the smallest unit up ("Thôn Hoành Sơn, xã Yên Lãng,
tỉnh Phú Thọ"), typed with or without diacritics and kind words, matched against the current unit tree.

A village not in the tree falls back to its commune (the import reports it); an unknown commune, an unknown province
or a commune name found in two provinces without the province (and neither the village nor the villages loaded
telling them apart) is refused with a message saying what to add."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gandan.core.vntext import tokens
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, PROVINCE_KINDS, Unit, UnitKind
from gandan.units.selectors import ended_units_taken_over

# Kind words that may open a part of a place, folded, longest first ("tổ dân phố" before "tổ").
_KINDS = (
    "to dan pho", "khu dan cu", "khu pho", "thi tran", "dac khu", "thanh pho", "thi xa", "thon", "xom", "khu",
    "to", "ban", "ap", "lang", "xa", "phuong", "tinh", "huyen", "quan", "tp", "tdp", "tt", "tx", "kdc",
)  # fmt: skip
_PROVINCE_WORDS = ("tinh ", "thanh pho ", "tp ")
#: Kind words of a village or a residential group: a part opening with one is never a commune's name.
_VILLAGE_WORDS = tuple(
    f"{kind} "
    for kind in (
        "to dan pho",
        "khu dan cu",
        "khu pho",
        "thon",
        "xom",
        "khu",
        "to",
        "ban",
        "ap",
        "lang",
        "tdp",
        "kdc",
    )
)
_DISTRICT_WORDS = ("huyen ", "quan ", "thi xa ", "tx ")
_PARTS = re.compile(r"[,;\n]")


def key_of(text: str) -> str:
    """The comparison form of a name: folded syllables, punctuation dropped ("Thôn  Hoành-Sơn" → "thon hoanh son")."""
    return " ".join(tokens(text))


def without_kind(key: str) -> str:
    """The key without its leading kind word ("thon hoanh son" → "hoanh son"); the key itself when none, or when
    nothing would remain ("Khu" alone)."""
    for kind in _KINDS:
        if key.startswith(kind + " "):
            return key[len(kind) + 1 :]
    return key


class PlaceError(Exception):
    """The place cannot be resolved; the message says what to fix."""


def _not_a_place(name: str) -> PlaceError:
    """A province (or anything above a commune) given as the place: a signal sits in a commune."""
    return PlaceError(
        _("“%(name)s” is not a commune or a village: give the commune, e.g. “Thôn X, xã Y”.") % {"name": name}
    )


@dataclass(frozen=True)
class Place:
    unit: Unit
    commune: Unit
    # The name of the smallest part not found in the tree (the signal is placed at `unit`, above it), or "".
    missing: str = ""


def _names(unit: Unit) -> set[str]:
    key = key_of(unit.name)
    return {key, without_kind(key)}


class _Index:
    """Units by name key, keeping exact keys and keys without their kind word apart so that "Lãng Sơn" typed
    without its kind word is looked up as itself before its stripped form ("sơn") is tried."""

    def __init__(self, units: list[Unit]) -> None:
        self.by_key: dict[str, list[Unit]] = {}
        for unit in units:
            for name in _names(unit):
                self.by_key.setdefault(name, []).append(unit)

    def find(self, key: str) -> list[Unit]:
        found = self.by_key.get(key)
        if found:
            return found
        return self.by_key.get(without_kind(key), [])


class PlaceResolver:
    """Resolves place strings against the current units; each distinct string once (an import repeats few places)."""

    def __init__(self) -> None:
        self._cache: dict[str, Place | PlaceError] = {}
        current = Unit.objects.current().only("id", "name", "kind", "parent_id", "path", "code")
        self._provinces = _Index(list(current.filter(kind__in=PROVINCE_KINDS)))
        self._communes = _Index(list(current.filter(kind__in=COMMUNE_KINDS)))
        self._children: dict[int, _Index] = {}
        self._grassroots: _Index | None = None
        self._current = current
        # Provinces and communes that ended (1/7/2025), by name, and the units in force that took each over.
        self._ended: tuple[_Index, _Index, dict[int, list[Unit]]] | None = None

    def resolve(self, place: str) -> Place:
        cached = self._cache.get(place)
        if cached is None:
            try:
                cached = self._resolve(place)
            except PlaceError as error:
                cached = error
            self._cache[place] = cached
        if isinstance(cached, PlaceError):
            raise cached
        return cached

    # ----------------------------------------------------------------------------------------------------------

    def _children_of(self, unit: Unit) -> _Index:
        if unit.pk not in self._children:
            self._children[unit.pk] = _Index(list(self._current.filter(parent_id=unit.pk)))
        return self._children[unit.pk]

    def _by_code(self, code: str) -> Place | None:
        units = list(self._current.filter(code=code))
        if len(units) != 1:
            return None
        unit = units[0]
        return Place(unit=unit, commune=self._commune_of(unit))

    def _commune_of(self, unit: Unit) -> Unit:
        """The commune the unit is (or lies in); a province is no place for a signal."""
        walk: Unit | None = unit
        while walk is not None:
            if walk.kind in COMMUNE_KINDS:
                return walk
            walk = walk.parent
        raise _not_a_place(unit.name)

    def _taken_over(self, key: str, *, province: bool) -> list[Unit]:
        """The units in force that took over the ended provinces (or communes) named `key`: an old address."""
        if self._ended is None:
            ended = ended_units_taken_over((*PROVINCE_KINDS, *COMMUNE_KINDS, UnitKind.TOWN))
            self._ended = (
                _Index([unit for unit, _now in ended if unit.kind in PROVINCE_KINDS]),
                _Index([unit for unit, _now in ended if unit.kind not in PROVINCE_KINDS]),
                {unit.pk: now for unit, now in ended},
            )
        provinces, communes, successors = self._ended
        found: dict[int, Unit] = {}
        for unit in (provinces if province else communes).find(key):
            for successor in successors[unit.pk]:
                found[successor.pk] = successor
        return list(found.values())

    def _in_province(self, units: list[Unit], province: Unit | None) -> list[Unit]:
        if province is None:
            return units
        return [u for u in units if u.path.startswith(province.path + ".")]

    def _resolve(self, place: str) -> Place:
        text = place.strip()
        if not text:
            raise PlaceError(_("The place is empty: give a unit code or names such as “Thôn X, xã Y”."))
        if "," not in text and (by_code := self._by_code(text)) is not None:
            return by_code
        parts = [(raw.strip(), key_of(raw)) for raw in _PARTS.split(text)]
        parts = [(raw, key) for raw, key in parts if key]
        if not parts:
            raise PlaceError(_("The place is empty: give a unit code or names such as “Thôn X, xã Y”."))
        province = None
        if len(parts) >= 2:
            raw, key = parts[-1]
            marked = key.startswith(_PROVINCE_WORDS)
            # "xã Phú Thọ" is a commune even if a province shares its name; "Phú Thọ" alone last is the province.
            found = self._provinces.find(key) if marked or without_kind(key) == key else []
            if not found and marked:
                taken = self._taken_over(key, province=True)  # "tỉnh Vĩnh Phúc": Phú Thọ since 1/7/2025
                found = taken if len(taken) == 1 else []
            if found:
                province = found[0]
                parts.pop()
            elif marked:
                raise PlaceError(_("Unknown province “%(name)s”.") % {"name": raw})
        # Districts no longer exist (two-level local government since 1/7/2025): a district part is ignored.
        parts = [parts[0], *[(raw, key) for raw, key in parts[1:] if not key.startswith(_DISTRICT_WORDS)]]
        commune_raw, commune_key = parts[-1]
        named_commune = bool(self._communes.by_key.get(commune_key))  # "Lạng Sơn", "Bản Lầu", "Tô Hiệu"
        if len(parts) == 1 and commune_key.startswith(_VILLAGE_WORDS) and not named_commune:
            # "Thôn Hoành Sơn" is a village, never the commune (or ward) of that name elsewhere in the country.
            return self._village_alone(commune_raw, commune_key, province)
        if len(parts) == 1 and commune_key.startswith(_PROVINCE_WORDS) and self._provinces.find(commune_key):
            raise _not_a_place(commune_raw)
        communes = self._in_province(self._communes.find(commune_key), province)
        if not communes:
            # A commune merged on 1/7/2025 ("xã Đức Bác"): the commune that took it over, villages and all.
            communes = self._in_province(self._taken_over(commune_key, province=False), province)
        if not communes and len(parts) == 1:
            return self._village_alone(commune_raw, commune_key, province)
        if not communes:
            raise PlaceError(_("Unknown commune “%(name)s”.") % {"name": commune_raw})
        if len(communes) > 1 and len(parts) > 1:
            # The village may tell them apart: "Thôn Hoành Sơn, xã Yên Lãng" when only one Yên Lãng has it.
            with_village = [c for c in communes if self._children_of(c).find(parts[-2][1])]
            communes = with_village or communes
        if len(communes) > 1:
            # A commune whose villages are in the tree is one this installation serves (a province loads its own
            # villages; the rest of the country is there as communes only): "xã Yên Lãng" is then Phú Thọ's.
            served = [c for c in communes if self._children_of(c).by_key]
            communes = served if len(served) == 1 else communes
        if len(communes) > 1:
            raise PlaceError(
                _("“%(name)s” is the name of %(n)s communes: add the province, e.g. “%(name)s, tỉnh …”.")
                % {"name": commune_raw, "n": len(communes)}
            )
        commune = unit = communes[0]
        for raw, key in reversed(parts[:-1]):
            found = self._children_of(unit).find(key)
            if not found:
                return Place(unit=unit, commune=commune, missing=raw)
            unit = found[0]
        return Place(unit=unit, commune=commune)

    def _village_alone(self, raw: str, key: str, province: Unit | None) -> Place:
        """A single name that is no commune: a village known in exactly one commune is accepted."""
        if self._grassroots is None:
            self._grassroots = _Index(
                list(self._current.filter(kind__in=GRASSROOTS_KINDS).select_related("parent"))
            )
        villages = self._in_province(self._grassroots.find(key), province)
        if not villages:
            raise PlaceError(
                _("Unknown place “%(name)s”: give the commune, e.g. “Thôn X, xã Y”.") % {"name": raw}
            )
        if len(villages) > 1:
            raise PlaceError(
                _("“%(name)s” is the name of %(n)s villages: add the commune, e.g. “%(name)s, xã …”.")
                % {"name": raw, "n": len(villages)}
            )
        return Place(unit=villages[0], commune=self._commune_of(villages[0]))
