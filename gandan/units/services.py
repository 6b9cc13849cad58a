"""Every change to the unit tree. Paths are kept consistent here and nowhere else."""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import fold, normalize
from gandan.errors import DomainError
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, PROVINCE_KINDS, Unit, UnitKind

# Which kinds may sit under which: keeps the tree meaningful (a village under a commune, not under a province).
ALLOWED_PARENT_KINDS: dict[str, set[str] | None] = {
    **{k: None for k in PROVINCE_KINDS},
    UnitKind.DISTRICT: set(PROVINCE_KINDS),
    **{k: set(PROVINCE_KINDS) | {UnitKind.DISTRICT} for k in COMMUNE_KINDS},
    UnitKind.TOWN: set(PROVINCE_KINDS) | {UnitKind.DISTRICT},
    **{k: set(COMMUNE_KINDS) | {UnitKind.TOWN} for k in GRASSROOTS_KINDS},
}

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
    unit = Unit(
        kind=kind,
        code=code,
        name=name,
        name_search=fold(name),
        parent=parent,
        path=_free_path(base),
        depth=0 if parent is None else parent.depth + 1,
        valid_from=valid_from,
        valid_to=valid_to,
        is_remote=is_remote,
        note=note,
    )
    unit.full_clean()
    unit.save()
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
    """Edit a unit. A new code moves the unit's path, and the paths of everything below it, in one transaction."""
    name, code, note = normalize(name), normalize(code), normalize(note, multiline=True)
    if not name:
        raise DomainError("unit_name_required", _("Enter the unit's name."), field="name")
    _check_parent(kind, unit.parent)
    _check_validity(valid_from, valid_to)
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
        f: str(getattr(unit, f)) for f in ("name", "kind", "code", "valid_from", "valid_to", "is_remote", "note")
    }
    old_path = unit.path
    if code != unit.code:
        base = _segment(code, name) if unit.parent is None else f"{unit.parent.path}.{_segment(code, name)}"
        unit.path = _free_path(base, exclude_pk=unit.pk)
    unit.name, unit.name_search, unit.kind, unit.code = name, fold(name), kind, code
    unit.valid_from, unit.valid_to, unit.is_remote, unit.note = valid_from, valid_to, is_remote, note
    unit.full_clean()
    unit.save()
    if unit.path != old_path:
        # Descendants keep their own segments; only the prefix changes.
        for child in Unit.objects.filter(path__startswith=f"{old_path}.").order_by("path"):
            child.path = unit.path + child.path[len(old_path) :]
            child.save(update_fields=["path", "updated_at"])
    after = {
        f: str(getattr(unit, f)) for f in ("name", "kind", "code", "valid_from", "valid_to", "is_remote", "note")
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    event_record(actor=by, action="units.unit_update", obj=unit, details={"changes": changes})
    return unit
