"""The staff home ("my work") is filled by the modules, through two hooks of their `module.py`:

- `home_widgets(user) -> list[dict]`: small counters in a row at the top ({"title", "value", "note", "url"});
- `home_sections(user) -> list[portal.sections.Section]`: the role's work, section by section (the desk's new
  dossiers, the handler's own, the leader's indicators …), each shown once whatever the number of roles asking.

A province supervisor also gets the table of the communes of his province, each module adding its columns through
`commune_columns(user, *, communes, start, end) -> list[CommuneColumn]`. Only modules the user may open are asked."""

import datetime as dt
from importlib import import_module

from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.rules import Role
from gandan.accounts.scope import scoped
from gandan.modules import registered
from gandan.portal.blocks import PublicBlock
from gandan.portal.sections import Cell, CommuneColumn, Section, Table
from gandan.units.models import COMMUNE_KINDS, Unit

COMMUNES_SHOWN = 20  # the province's table: the communes with the most overdue first, then by name


def _collect(hook: str, *args) -> list:
    found: list = []
    for package, _module in registered():
        provider = getattr(import_module(f"{package}.module"), hook, None)
        if provider is not None:
            found.extend(provider(*args))
    return found


def public_tiles() -> list[dict]:
    """What a citizen can do on the portal: each module may offer `public_tiles() -> list[dict]` of
    {"title", "text", "url"}; the home page shows only what exists."""
    return _collect("public_tiles")


def public_blocks(unit: Unit) -> list[PublicBlock]:
    """The commune's citizen home: every module's `public_blocks(unit)` (gandan/portal/blocks.py), by `order`
    then key, each key once (the first module in menu order wins)."""
    blocks: dict[str, PublicBlock] = {}
    for block in _collect("public_blocks", unit):
        blocks.setdefault(block.key, block)
    return sorted(blocks.values(), key=lambda b: (b.order, b.key))


def _providers(user, hook: str):
    for package, module in registered():
        if module.permission and not user.can(module.permission):
            continue
        provider = getattr(import_module(f"{package}.module"), hook, None)
        if provider is not None:
            yield provider


def staff_home_widgets(user) -> list[dict]:
    widgets: list[dict] = []
    for provider in _providers(user, "home_widgets"):
        widgets.extend(provider(user))
    return widgets


def staff_home_sections(user) -> list[Section]:
    """Every section the user's roles call for, each once (by key), in menu order."""
    if user.unit_id is None:
        return []
    sections: dict[str, Section] = {}
    for provider in _providers(user, "home_sections"):
        for section in provider(user):
            sections.setdefault(section.key, section)
    if Role.PROVINCE_SUPERVISOR in user.role_set:
        sections["portal.communes"] = communes_section(user)
    return list(sections.values())


def communes_section(user, *, today: dt.date | None = None) -> Section:
    """The province's communes compared this month: each module's columns side by side, a row per commune, the
    communes with the most overdue records first. Every number links to the filtered list."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    units = scoped(Unit.objects.current().filter(kind__in=COMMUNE_KINDS), user, path_field="path")
    communes = dict(units.values_list("path", "id"))
    names = dict(units.values_list("path", "name"))
    columns: list[CommuneColumn] = []
    for provider in _providers(user, "commune_columns"):
        columns.extend(provider(user, communes=communes, start=start, end=today))

    def weight(path: str) -> tuple:
        values = [c.cells[path].value for c in columns]
        numbers = [v for v in values if isinstance(v, int)]
        return (-sum(numbers), names[path])

    active = [p for p in communes if any(c.cells[p].value not in (0, "—") for c in columns)]
    shown = sorted(active, key=weight)[:COMMUNES_SHOWN]
    rows = [[Cell(names[p]), *(c.cells[p] for c in columns)] for p in shown]
    return Section(
        key="portal.communes",
        title=_("The communes compared this month"),
        note=_("%(shown)s of %(active)s communes with records, the busiest first; from %(start)s to %(end)s.")
        % {
            "shown": len(shown),
            "active": len(active),
            "start": f"{start:%d/%m/%Y}",
            "end": f"{today:%d/%m/%Y}",
        },
        table=Table(headers=[_("Commune"), *(c.header for c in columns)], rows=rows),
        empty=_("No commune of the province has records this month yet."),
    )
