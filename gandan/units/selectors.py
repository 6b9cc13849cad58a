"""Reads of the unit tree for a user: their subtree, and the former units whose territory it took over."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gandan.accounts.scope import scope_path, scoped
from gandan.search.services import filter_queryset, matching_ids, query_tokens
from gandan.units.models import COMMUNE_KINDS, Unit, UnitSuccession, subtree_q
from gandan.units.search import UNIT


def unit_list_for_user(
    user, *, query: str = "", kind: str = "", include_former: bool = False, order: str = "path"
) -> QuerySet[Unit]:
    """Units the user may see, searched without diacritics ("lang cong" finds "Lãng Công")."""
    units = _visible_units(user, include_former=include_former)
    if not include_former:
        units = units.filter(valid_to__isnull=True)
    if kind:
        units = units.filter(kind=kind)
    units = filter_queryset(
        units, UNIT, query
    )  # without diacritics, at the start of words of the name or code
    allowed_orders = {"path": ["path"], "name": ["name_search", "path"], "-name": ["-name_search", "path"]}
    return (
        units.select_related("parent")
        .annotate(child_count=Count("children"))
        .order_by(*allowed_orders.get(order, ["path"]))
    )


def unit_get_for_user(user, pk, *, former: str = "any") -> Unit:
    """One unit the user may see (the list links to it, former units included); 404 outside the user's area.
    `former`: "any" — every former unit mapped into the area, to read its old address; "confirmed" — only those
    whose mapping is confirmed, for the pages that correct a unit (an unconfirmed mapping must not let an officer
    change a unit that may not be theirs); "none" — the current subtree only (merging)."""
    try:
        units = _visible_units(user, include_former=former != "none", confirmed_only=former == "confirmed")
        return units.select_related("parent").get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _visible_units(user, *, include_former: bool, confirmed_only: bool = False) -> QuerySet[Unit]:
    """The user's subtree, plus (with `include_former`) the former units whose territory passed into it. Former
    units stay under their former province and district (e.g. "Xã Lãng Công" under 26.253), outside every current
    subtree, so without this no officer could find the old address their commune took over."""
    units = scoped(Unit.objects.all(), user, path_field="path")
    path = scope_path(user)
    if include_former and path is not None:
        successions = UnitSuccession.objects.filter(subtree_q(path, "successor__path"))
        if confirmed_only:
            successions = successions.filter(confirmed=True)
        units = units | Unit.objects.filter(pk__in=successions.values("former_id"))
    return units


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return unit.children.annotate(child_count=Count("children")).order_by("-valid_to", "name_search")


def unit_merge_candidates(user, unit: Unit) -> QuerySet[Unit]:
    """The current units `unit` may be merged into: same kind family, in the user's area, neither it nor below it."""
    from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, PROVINCE_KINDS, UnitKind

    families = [set(PROVINCE_KINDS), set(COMMUNE_KINDS) | {UnitKind.TOWN}, set(GRASSROOTS_KINDS)]
    family = next((f for f in families if unit.kind in f), {unit.kind})
    return (
        scoped(Unit.objects.all(), user, path_field="path")
        .filter(valid_to__isnull=True, kind__in=family)
        .exclude(subtree_q(unit.path))
        .select_related("parent")
        .order_by("path")
    )


def unit_ancestors(unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent, in one query (the path lists every ancestor)."""
    segments = unit.path.split(".")
    paths = [".".join(segments[: i + 1]) for i in range(len(segments) - 1)]
    return list(Unit.objects.filter(path__in=paths).order_by("depth"))


def unit_predecessors(unit: Unit) -> QuerySet[UnitSuccession]:
    """The former units whose territory this unit took over."""
    return UnitSuccession.objects.filter(successor=unit).select_related("former", "former__parent")


def former_units_for_user(user, *, query: str = "") -> QuerySet[UnitSuccession]:
    """Former units mapped to a current unit inside the user's subtree, so old addresses resolve."""
    path = scope_path(user)
    if path is None:
        return UnitSuccession.objects.none()
    rows = UnitSuccession.objects.filter(subtree_q(path, "successor__path")).select_related(
        "former", "successor", "former__parent"
    )
    if query_tokens(query):
        units = matching_ids(UNIT, query)
        rows = rows.filter(Q(former_id__in=units) | Q(successor_id__in=units))
    return rows.order_by("successor__path", "former__name_search")


def unit_portal(code: str) -> Unit | None:
    """The current commune-level unit with this official code (the public site is not scoped to a user)."""
    return (
        Unit.objects.filter(code=code, valid_to__isnull=True)
        .exclude(depth=0)
        .select_related("parent")
        .first()
    )


def communes_for_user(user) -> QuerySet[Unit]:
    """The communes and wards in force inside the user's units, by name: the choices of a worklist's commune filter
    (one for a commune officer, who needs no such filter; every commune of the province for its supervisor)."""
    rows = Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def ended_units_taken_over(kinds: Iterable[str]) -> list[tuple[Unit, list[Unit]]]:
    """Units of these kinds that ended, each with the units in force that took over its territory (the reform of
    1/7/2025 merged communes and provinces): an old address names them."""
    taken: dict[int, tuple[Unit, list[Unit]]] = {}
    rows = UnitSuccession.objects.filter(
        former__kind__in=kinds, former__valid_to__isnull=False, successor__valid_to__isnull=True
    ).select_related("former", "successor")
    for row in rows.order_by("former__path", "successor__path"):
        taken.setdefault(row.former_id, (row.former, []))[1].append(row.successor)
    return list(taken.values())
