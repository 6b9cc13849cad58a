"""Citizen reception services, shared helpers: the permission every change needs (`MANAGE`), the check that a unit
is a current commune or province inside the officer's own units, and raising every problem a service found at once.
"""

from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.errors import DomainError
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

MANAGE = "reception.manage"


# --- Helpers -------------------------------------------------------------------------------------------------------


def _in_scope(by: User, unit: Unit) -> bool:
    path = by.unit.path if by.unit else ""
    return bool(path) and (unit.path == path or unit.path.startswith(path + "."))


def _check_unit(by: User, unit: Unit | None) -> None:
    if unit is None or unit.kind not in (COMMUNE_KINDS | PROVINCE_KINDS) or unit.valid_to is not None:
        raise DomainError(
            "unit_invalid", _("Choose the commune or province that receives citizens."), field="unit"
        )
    if not _in_scope(by, unit):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."), field="unit")


def _raise_all(code: str, errors: dict[str, str] | dict[str, list[str]]) -> None:
    """Raise one DomainError carrying every problem (`.errors`), the first one as its message."""
    if errors:
        raise DomainError(code, errors=errors)
