"""Reads of the household registers, always for a user and inside that user's units (404 outside them): the villages
with their counts, a village's households (searched without diacritics by the representative's name or by number),
one household, and the figures a vote is counted against.

A household is current until it leaves: `left_on` is the day it left, so a household whose `left_on` is today or
earlier no longer counts among the village's households."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.vntext import search_key
from gandan.democracy.models import Household
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit


def current_q(on: dt.date, prefix: str = "") -> Q:
    """Households still in the village on `on`."""
    return Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": on})


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages and residential groups in force in the user's units, by commune and name."""
    rows = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
    return (
        scoped(rows, user, path_field="path")
        .select_related("parent")
        .order_by("parent__name_search", "name_search")
    )


def village_get_for_user(user, pk) -> Unit:
    return get_scoped_or_404(villages_for_user(user), user, path_field="path", pk=pk)


def communes_for_user(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units, by name (the import's commune)."""
    rows = Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def commune_villages(commune: Unit) -> list[Unit]:
    """The villages in force of one commune (the import matches its lines against them)."""
    return list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
            "name_search", "pk"
        )
    )


@dataclass
class VillageRegister:
    """One village's register in figures."""

    village: Unit
    households: int = 0  # current
    opted_in: int = 0  # current households that agreed to vote online
    left: int = 0

    @property
    def online_possible(self) -> bool:
        return self.households > 0 and 2 * self.opted_in > self.households


def registers_for_user(user, *, today: dt.date | None = None) -> list[VillageRegister]:
    """Every village of the user's units with its current households, those that opted in to online votes and those
    that left; two queries whatever the number of villages."""
    today = today or timezone.localdate()
    villages = list(villages_for_user(user))
    rows = {v.pk: VillageRegister(village=v) for v in villages}
    counts = (
        Household.objects.filter(village_id__in=list(rows))
        .order_by()
        .values("village_id")
        .annotate(
            now=Count("pk", filter=current_q(today)),
            online=Count("pk", filter=current_q(today) & Q(online_optin=True)),
            gone=Count("pk", filter=~current_q(today)),
        )
    )
    for row in counts:
        item = rows[row["village_id"]]
        item.households, item.opted_in, item.left = row["now"], row["online"], row["gone"]
    return list(rows.values())


def register_figures(village: Unit, *, on: dt.date) -> tuple[int, int]:
    """(current households, of which opted in to online votes) of one village on `on`: what a vote counts against."""
    row = Household.objects.filter(current_q(on), village=village).aggregate(
        n=Count("pk"), online=Count("pk", filter=Q(online_optin=True))
    )
    return row["n"], row["online"]


def households_for_user(
    user,
    *,
    village: Unit | None = None,
    query: str = "",
    include_left: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Household]:
    """The households of the user's units (of `village` only, when given), current ones unless `include_left`,
    by village and number. `query`: every word begins a word of the representative's name, or the number itself."""
    today = today or timezone.localdate()
    rows = scoped(Household.objects.all(), user, path_field="unit_path")
    if village is not None:
        rows = rows.filter(village=village)
    if not include_left:
        rows = rows.filter(current_q(today))
    if query.strip():
        rows = rows.filter(search_q(query))
    return rows.select_related("village").order_by("unit_path", "code", "id")


def search_q(query: str) -> Q:
    """Every word of `query`, folded, begins a word of the representative's name; or the query is the number."""
    condition = Q()
    for word in search_key(query).split()[:8]:
        condition &= Q(name_key__startswith=word) | Q(name_key__contains=f" {word}")
    return condition | Q(code__iexact=query.strip()[:30])


def household_get_for_user(user, pk) -> Household:
    """One household of the user's units, left or not; 404 outside them."""
    return get_scoped_or_404(Household.objects.select_related("village"), user, path_field="unit_path", pk=pk)


def households_of(village: Unit, *, on: dt.date) -> QuerySet[Household]:
    """The current households of one village, by number (the code slips, the export)."""
    return Household.objects.filter(current_q(on), village=village).order_by("code", "id")


def village_household_codes(villages: list[Unit]) -> dict[tuple[int, str], Household]:
    """(village id, number) → household, for the import's check of numbers already registered."""
    rows = Household.objects.filter(village__in=villages).only(
        "pk", "village_id", "code", "representative", "left_on"
    )
    return {(h.village_id, h.code.casefold()): h for h in rows}
