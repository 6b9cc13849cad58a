"""The one write of an export: the audit row saying who took which records out (PDPL: a transfer of personal data
is accounted for). The reading itself is selectors.export_page."""

from collections.abc import Iterable

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.exports.cursor import Position
from gandan.exports.selectors import Page, export_page
from gandan.units.models import Unit


def national_export(
    *,
    kind: str,
    by: User | None,
    paths: Iterable[str] | None,
    after: Position,
    limit: int,
    unit: Unit | None = None,
    key_prefix: str = "",
) -> Page:
    """One page of `kind` changed after `after` in `paths` (None: everywhere), audited when it gives any record.
    `by` is None for the command and for an integrator's key (the system actor; the key's prefix is in the details)."""
    page = export_page(kind, paths=paths, after=after, limit=limit)
    if page.items:
        event_record(
            actor=by,
            action="exports.national",
            unit=unit if unit is not None else getattr(by, "unit", None),
            details={
                "kind": kind,
                "count": len(page.items),
                **({"api_key": key_prefix} if key_prefix else {}),
            },
        )
    return page
