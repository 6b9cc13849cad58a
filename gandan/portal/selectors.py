from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict

from gandan.portal.rules import slug_names
from gandan.search.services import filter_queryset
from gandan.units.models import COMMUNE_KINDS, Unit, UnitKind, UnitSuccession
from gandan.units.search import UNIT
from gandan.units.selectors import unit_portal, unit_predecessors

# The commune a request is about, chosen by its address (/xa/<slug>/ or a host name, gandan.portal.communes).
# A context variable, not a global: each thread of a threaded server (and each task of an async one) sees its own.
_REQUEST_COMMUNE: ContextVar[Unit | None] = ContextVar("portal_commune", default=None)


def portal_unit() -> Unit | None:
    """The commune whose public pages are served: the one chosen by the request's address, else the one at "/"
    (GANDAN_PORTAL_UNIT)."""
    chosen = _REQUEST_COMMUNE.get()
    if chosen is not None:
        return chosen
    return unit_portal(settings.GANDAN_PORTAL_UNIT)


def portal_unit_by_address() -> Unit | None:
    """The commune chosen by the request's own address (/xa/<slug>/ or its host name), None at the site's "/": a
    page of one commune's record answers 404 under another commune's address rather than showing it as that
    commune's."""
    return _REQUEST_COMMUNE.get()


def outside_address(unit_path: str) -> bool:
    """The record (of the unit at `unit_path`) belongs to another commune than the one whose address the request
    came by ("/xa/tam-son/…" showing Sông Lô's record): its page answers 404 there, as news does."""
    chosen = _REQUEST_COMMUNE.get()
    return chosen is not None and unit_path != chosen.path and not unit_path.startswith(chosen.path + ".")


def address_commune_chosen(query: QueryDict, communes: list[Unit], key: str = "xa") -> QueryDict:
    """A public list's filter (`query`, the request's GET) with the commune of the request's address chosen when the
    citizen chose none (Tam Sơn's tile opens Tam Sơn's consultations first); "all communes" stays a choice."""
    chosen = _REQUEST_COMMUNE.get()
    if chosen is None or key in query or not any(u.code == chosen.code for u in communes):
        return query
    query = query.copy()
    query[key] = chosen.code
    return query


@contextmanager
def portal_unit_chosen(unit: Unit) -> Iterator[None]:
    """`portal_unit()` answers `unit` inside the block, and what it answered before once it is left (also on an
    exception)."""
    token = _REQUEST_COMMUNE.set(unit)
    try:
        yield
    finally:
        _REQUEST_COMMUNE.reset(token)


def portal_villages(unit: Unit) -> list[Unit]:
    return list(
        unit.children.filter(
            valid_to__isnull=True, kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP]
        ).order_by("name_search")
    )


def portal_formers(unit: Unit) -> list[UnitSuccession]:
    """The former units the commune took over, each with its district and province (one query)."""
    return list(unit_predecessors(unit).select_related("former__parent__parent"))


def _current_communes() -> QuerySet[Unit]:
    return Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS).select_related("parent")


def _home_province() -> str:
    home = unit_portal(settings.GANDAN_PORTAL_UNIT)
    return home.path.split(".", 1)[0] if home is not None else ""


def communes_by_slug(slug: str) -> list[Unit]:
    """The communes in force a /xa/<slug>/ address may name: by official code ("08848"), else by name
    ("song-lo"). When the name is shared, those of the portal's province come first and alone if any."""
    rows = _current_communes()
    if slug.isdigit():
        return list(rows.filter(code=slug)[:1])
    found = list(rows.filter(name_search__in=slug_names(slug)).order_by("path")[:20])
    province = _home_province()
    mine = [u for u in found if u.path.split(".", 1)[0] == province]
    return mine or found


def commune_by_code(code: str) -> Unit | None:
    return _current_communes().filter(code=code).first()


def province_communes(query: str = "") -> QuerySet[Unit]:
    """The communes in force of the portal's province (every commune if it is not configured), by name; `query`
    filters them without diacritics ("song lo" finds "Xã Sông Lô")."""
    rows = _current_communes()
    province = _home_province()
    if province:
        rows = rows.filter(path__startswith=f"{province}.")
    return filter_queryset(rows, UNIT, query).order_by("name_search", "path")
