"""Every change to the unit tree. A path is made here, once, when its unit is created, and never rewritten."""

import datetime as dt
import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import fold, normalize
from gandan.errors import DomainError
from gandan.units.models import (
    COMMUNE_KINDS,
    GRASSROOTS_KINDS,
    PROVINCE_KINDS,
    Unit,
    UnitKind,
    UnitSuccession,
)
from gandan.units.search import unit_index

# Which kinds may sit under which: keeps the tree meaningful (a village under a commune, not under a province).
ALLOWED_PARENT_KINDS: dict[str, set[str] | None] = {
    **{k: None for k in PROVINCE_KINDS},
    UnitKind.DISTRICT: set(PROVINCE_KINDS),
    **{k: set(PROVINCE_KINDS) | {UnitKind.DISTRICT} for k in COMMUNE_KINDS},
    UnitKind.TOWN: set(PROVINCE_KINDS) | {UnitKind.DISTRICT},
    **{k: set(COMMUNE_KINDS) | {UnitKind.TOWN} for k in GRASSROOTS_KINDS},
}

LEGAL_BASIS_MAX = 300  # UnitSuccession.legal_basis
PATH_MAX = 255  # Unit.path
# A merger's date: from the founding of the state to far enough ahead for a resolution already voted. Outside it a
# typo (year 0, 2207), and at the lower edge "the day before" would not even be a date.
MERGE_FIRST_DAY, MERGE_LAST_DAY = dt.date(1945, 9, 2), dt.date(2100, 12, 31)
_SEGMENT_SAFE = re.compile(r"[^a-z0-9]+")


def _segment(code: str, name: str) -> str:
    if code:
        return _SEGMENT_SAFE.sub("-", code.lower()).strip("-")
    return _SEGMENT_SAFE.sub("-", fold(name)).strip("-") or "unit"


def _free_path(base: str, *, exclude_pk: int | None = None) -> str:
    path, n = base, 1
    while Unit.objects.filter(path=path).exclude(pk=exclude_pk).exists():
        n += 1
        path = f"{base}-{n}"
    return path


def _check_parent(kind: str, parent: Unit | None) -> None:
    allowed = ALLOWED_PARENT_KINDS.get(kind)
    if allowed is None:
        if parent is not None:
            raise DomainError("unit_parent_not_allowed", _("A province has no parent unit."), field="parent")
        return
    if parent is None or parent.kind not in allowed:
        raise DomainError(
            "unit_parent_not_allowed",
            _("A %(kind)s must belong to one of: %(allowed)s.")
            % {
                "kind": UnitKind(kind).label,
                "allowed": ", ".join(str(UnitKind(k).label) for k in sorted(allowed)),
            },
            field="parent",
        )


def _check_validity(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(
            "unit_validity_order", _("The end of validity must not be before its start."), field="valid_to"
        )


@transaction.atomic
def unit_create(
    *,
    kind: str,
    name: str,
    parent: Unit | None,
    code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    is_remote: bool = False,
    note: str = "",
    by: User | None = None,
    audit: bool = True,
) -> Unit:
    """Add a unit under `parent`. Its path is the parent's path plus its code (or its folded name)."""
    name, code, note = normalize(name), normalize(code), normalize(note, multiline=True)
    if not name:
        raise DomainError("unit_name_required", _("Enter the unit's name."), field="name")
    _check_parent(kind, parent)
    _check_validity(valid_from, valid_to)
    base = _segment(code, name) if parent is None else f"{parent.path}.{_segment(code, name)}"
    path = _free_path(base)
    if len(path) > PATH_MAX:
        # The path holds every ancestor's segment (a village's: province, commune, village): long names deep in
        # the tree would overflow the key column.
        raise DomainError(
            "unit_path_too_long",
            _(
                "The name is too long for a unit this deep in the tree: shorten it, or give the unit its code."
            ),
            field="name",
        )
    unit = Unit(
        kind=kind,
        code=code,
        name=name,
        name_search=fold(name),
        parent=parent,
        path=path,
        depth=0 if parent is None else parent.depth + 1,
        valid_from=valid_from,
        valid_to=valid_to,
        is_remote=is_remote,
        note=note,
    )
    unit.full_clean()
    unit.save()
    unit_index(unit)
    if audit:
        event_record(actor=by, action="units.unit_create", obj=unit, details={"kind": kind, "code": code})
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    name: str,
    kind: str,
    code: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    is_remote: bool,
    note: str,
    by: User,
) -> Unit:
    """Edit a unit. The path is not touched: it is the unit's key, fixed when the unit was created (from the code
    it had then), and copied into every record of every module (`unit_path`), the append-only audit trail
    included. A new code is data, like the name; rewriting the path here left every copy behind (the desk's list
    came up empty after a code change) and could not be done for the hash-chained audit rows at all."""
    name, code, note = normalize(name), normalize(code), normalize(note, multiline=True)
    if not name:
        raise DomainError("unit_name_required", _("Enter the unit's name."), field="name")
    _check_parent(kind, unit.parent)
    _check_validity(valid_from, valid_to)
    if unit.valid_to is not None and valid_to is None and UnitSuccession.objects.filter(former=unit).exists():
        raise DomainError(
            "unit_merged_stays_ended",
            _("This unit was merged into another; it cannot be brought back. Add a new unit instead."),
            field="valid_to",
        )
    if kind != unit.kind and unit.children.exists():
        for child in unit.children.all():
            allowed = ALLOWED_PARENT_KINDS.get(child.kind) or set()
            if kind not in allowed:
                raise DomainError(
                    "unit_kind_breaks_children",
                    _("This kind does not fit the units below it (%(child)s).") % {"child": child.name},
                    field="kind",
                )
    before = {
        f: str(getattr(unit, f))
        for f in ("name", "kind", "code", "valid_from", "valid_to", "is_remote", "note")
    }
    unit.name, unit.name_search, unit.kind, unit.code = name, fold(name), kind, code
    unit.valid_from, unit.valid_to, unit.is_remote, unit.note = valid_from, valid_to, is_remote, note
    unit.full_clean()
    unit.save()
    unit_index(unit)
    after = {
        f: str(getattr(unit, f))
        for f in ("name", "kind", "code", "valid_from", "valid_to", "is_remote", "note")
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    event_record(actor=by, action="units.unit_update", obj=unit, details={"changes": changes})
    return unit


def _tier(kind: str) -> str:
    if kind in PROVINCE_KINDS:
        return "province"
    if kind in COMMUNE_KINDS or kind == UnitKind.TOWN:
        return "commune"
    if kind in GRASSROOTS_KINDS:
        return "grassroots"
    return kind


@transaction.atomic
def unit_merge(
    *,
    former: Unit,
    into: Unit,
    effective: dt.date,
    legal_basis: str = "",
    carry_children: bool = True,
    by: User,
) -> UnitSuccession:
    """Merge `former` into `into` from `effective` (the 2025 reform: communes merged into a new commune).

    Nothing is moved: `former` and its current subtree end the day before, a confirmed succession records the
    merger, and from then on the officers of `into` see every record of `former` (accounts.scope.subtree_paths
    follows the succession), because records keep their unit's path. With `carry_children`, each current unit
    below `former` (its villages) continues under `into` as a new unit of the same kind, name and code, linked by
    its own succession, so new records are filed in the village under its new commune. Accounts attached to an
    ended unit move to its continuation (a carried village, or `into`)."""
    legal_basis = normalize(legal_basis)
    # The unit and the current units below it end together.
    ended = list(
        Unit.objects.filter(Q(pk=former.pk) | Q(path__startswith=f"{former.path}."), valid_to__isnull=True)
    )
    latest_start = max((u.valid_from for u in ended if u.valid_from), default=None)
    errors: dict[str, str] = {}
    if former.pk == into.pk:
        errors["into"] = _("A unit cannot be merged into itself.")
    elif not former.is_current or not into.is_current:
        errors["into"] = _("Both units must still be in force; the former unit has already ended.")
    elif into.path == former.path or into.path.startswith(f"{former.path}."):
        errors["into"] = _("A unit cannot be merged into a unit below it.")
    elif _tier(former.kind) != _tier(into.kind):
        errors["into"] = _(
            "A %(former)s can only be merged into a unit of the same level, not a %(into)s."
        ) % {
            "former": UnitKind(former.kind).label,
            "into": UnitKind(into.kind).label,
        }
    if not MERGE_FIRST_DAY <= effective <= MERGE_LAST_DAY:
        errors["effective"] = _("Enter a date between %(first)s and %(last)s.") % {
            "first": MERGE_FIRST_DAY.strftime("%d/%m/%Y"),
            "last": MERGE_LAST_DAY.strftime("%d/%m/%Y"),
        }
    elif latest_start and effective <= latest_start:
        errors["effective"] = _(
            "The merger must take effect after this unit and the units below it came into force (%(date)s)."
        ) % {"date": latest_start.strftime("%d/%m/%Y")}
    if "into" not in errors and UnitSuccession.objects.filter(former=former, successor=into).exists():
        errors["into"] = _("This unit was already merged into that unit.")
    if len(legal_basis) > LEGAL_BASIS_MAX:
        errors["legal_basis"] = _("The legal basis may hold at most 300 characters.")
    if errors:
        raise DomainError("unit_merge_refused", errors=errors)

    last_day = effective - dt.timedelta(days=1)
    continuation: dict[int, Unit] = {former.pk: into}
    if carry_children:
        # Parents before children, so a hamlet below a carried village lands under the carried village.
        for unit in sorted((u for u in ended if u.pk != former.pk), key=lambda u: u.depth):
            new_parent = continuation.get(unit.parent_id, into)
            carried = unit_create(
                kind=unit.kind,
                name=unit.name,
                code=unit.code,
                parent=new_parent,
                valid_from=effective,
                is_remote=unit.is_remote,
                note=unit.note,
                by=by,
            )
            continuation[unit.pk] = carried
            UnitSuccession.objects.create(
                former=unit, successor=carried, effective=effective, legal_basis=legal_basis, confirmed=True
            )
    for unit in ended:
        unit.valid_to = last_day
        unit.save(update_fields=["valid_to", "updated_at"])
    moved_accounts = 0
    for unit in ended:
        target = continuation.get(unit.pk, into)
        moved_accounts += User.objects.filter(unit=unit).update(unit=target)
    succession = UnitSuccession.objects.create(
        former=former, successor=into, effective=effective, legal_basis=legal_basis, confirmed=True
    )
    event_record(
        actor=by,
        action="units.unit_merge",
        obj=into,
        details={
            "former": former.display_name,
            "former_path": former.path,
            "effective": effective.isoformat(),
            "ended": len(ended),
            "carried": len(continuation) - 1,
            "accounts_moved": moved_accounts,
        },
    )
    return succession
