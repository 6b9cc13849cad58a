"""The one scoping helper: what a user may see is their unit's subtree. Every selector goes through here."""

from contextlib import suppress
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from gandan.units.models import subtree_q

M = TypeVar("M", bound=Model)


class Reader:
    """Someone who reads through the API without being a staff user: an integrator's key (gandan.apikeys). It sees
    the subtree of `unit` exactly as an officer of that unit would (successions included), or every unit when `unit`
    is None (a key for the whole installation, made from the command line only). `perms` are the permissions its
    scopes stand for (`can`); it holds no role, writes nothing and has no records of its own (`owned_by`)."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    pk = None

    def __init__(self, *, unit, perms: frozenset[str], label: str = "") -> None:
        self.unit = unit
        self.unit_id = unit.pk if unit is not None else None
        self.perms = perms
        self.label = label

    def __str__(self) -> str:
        return self.label

    def can(self, perm) -> bool:
        return str(perm) in self.perms


def owned_by(user, field: str) -> Q:
    """Records whose `field` (handler, assignee) is the user: a worklist's "mine". A Reader has none."""
    if isinstance(user, Reader):
        return Q(pk__in=[])
    return Q(**{field: user})


def scope_path(user) -> str | None:
    """The materialised path of the user's unit, or None when the user may see nothing (anonymous, inactive,
    or not attached to a unit)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.unit_id is None:
        return None
    return user.unit.path


# Successions followed back from a unit: a commune formed in 2025 from communes that were themselves merged
# earlier. Real chains are one or two reforms long; the bound only stops a cycle an official might type.
MAX_SUCCESSION_DEPTH = 8


def subtree_paths(path: str) -> list[str]:
    """Every unit path whose records a user of `path` sees: the subtree of `path` (a few hundred at province
    level), plus the subtrees of the units it took over by a confirmed succession (a merger: the commune formed
    on 1/7/2025 holds the files of the communes it was formed from), followed back through earlier mergers.

    Records keep the path of the unit that handled them (the path is the unit's key, never rewritten), so a merger
    moves no row, the hash-chained audit trail included: the successor's officers see the former unit's records
    through this list."""
    from gandan.units.models import Unit, UnitSuccession

    paths = set(Unit.objects.filter(subtree_q(path)).values_list("path", flat=True))
    roots: list[str] = [path]
    seen: set[str] = set()
    for _ in range(MAX_SUCCESSION_DEPTH):
        condition = Q()
        for root in roots:
            condition |= subtree_q(root, "successor__path")
        formers = set(
            UnitSuccession.objects.filter(condition, confirmed=True)
            .exclude(former__path__in=seen)
            .values_list("former__path", flat=True)
        )
        formers -= seen
        if not formers:
            break
        seen |= formers
        condition = Q()
        for former in formers:
            condition |= subtree_q(former)
        paths.update(Unit.objects.filter(condition).values_list("path", flat=True))
        roots = sorted(formers)
    return sorted(paths)


def holder_paths(path: str) -> list[str]:
    """The units whose officers work on the records filed at `path`: `path` itself and, when it (or a unit above
    it) was merged into another by a confirmed succession, the unit it joined — followed forward through later
    mergers. Used to check that an officer chosen for a record (a handler, an assignee) belongs to it: after a
    merger the former commune has no officers left, and its records are handled by the commune it joined."""
    from gandan.units.models import UnitSuccession

    holders, frontier = [path], [path]
    for _ in range(MAX_SUCCESSION_DEPTH):
        above = {p[:i] for p in frontier for i in range(len(p) + 1) if i == len(p) or p[i] == "."} - {""}
        found = set(
            UnitSuccession.objects.filter(former__path__in=above, confirmed=True).values_list(
                "successor__path", flat=True
            )
        ) - set(holders)
        if not found:
            break
        holders.extend(sorted(found))
        frontier = sorted(found)
    return holders


def user_paths(user) -> list[str] | None:
    """`subtree_paths` of the user's unit, or None when the user may see nothing. Kept on the user object for the
    life of that object (one request, one task): a page that reads five lists asks the unit tree once, not five
    times. A test or a command that merges units and reads again takes a fresh user from the database."""
    path = scope_path(user)
    if path is None:
        return None
    cached = getattr(user, "_gandan_scope_paths", None)
    if cached is not None and cached[0] == path:
        return cached[1]
    paths = subtree_paths(path)
    with suppress(AttributeError):  # an object that takes no attributes: computed each time
        user._gandan_scope_paths = (path, paths)
    return paths


def in_user_scope(user, path: str) -> bool:
    """`path` lies inside the user's units: their subtree and the units it took over by a merger (subtree_paths), the
    one rule of every service that checks "is this record mine" before it writes."""
    paths = user_paths(user)
    return paths is not None and within_any(path, paths)


def within_any(path: str, roots: list[str]) -> bool:
    """`path` is one of `roots` or lies below one of them."""
    return any(path == root or path.startswith(f"{root}.") for root in roots)


def root_of(path: str, roots: set[str]) -> str | None:
    """The one of `roots` that `path` is or lies below (the nearest), or None: rolls a record's unit up to its
    commune in tables that compare communes."""
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        candidate = ".".join(parts[:i])
        if candidate in roots:
            return candidate
    return None


def scoped(queryset: QuerySet[M], user, *, path_field: str) -> QuerySet[M]:
    """`queryset` limited to rows whose `path_field` (a unit path, e.g. "unit__path") is in the user's subtree.

    On the unit table itself this is a prefix query. On other tables it is `IN (the subtree's paths)`: an equality
    lookup that uses the (unit_path, …) indexes on both databases, where SQLite's LIKE 'x.%' would scan.

    A Reader without a unit (an integrator's key for the whole installation) reads every row."""
    if isinstance(user, Reader) and user.unit is None:
        return queryset
    path = scope_path(user)
    if path is None:
        return queryset.none()
    if path_field == "path":
        return queryset.filter(subtree_q(path, path_field))
    return queryset.filter(**{f"{path_field}__in": user_paths(user)})


def get_scoped_or_404(queryset: QuerySet[M], user, *, path_field: str, **lookup) -> M:
    """One object inside the user's subtree. Outside it the answer is 404, never 403, so that an officer of one
    commune cannot even learn that another commune's record exists."""
    try:
        return scoped(queryset, user, path_field=path_field).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
