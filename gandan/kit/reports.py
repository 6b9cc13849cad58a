"""The periodic report's contract between modules: the mass-mobilisation report asks each module for its figures of a
unit and a period, and never imports a module by name — an absent module simply contributes no section.

A module offers them through its `module.py`:

    def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list[ReportSection]

`unit_path` is the reporting unit (a commune, or a province consolidating its communes), `paths` every unit path
whose records belong to it (`gandan.accounts.scope.subtree_paths(unit_path)`: its subtree and the units it took
over), `start` and `end` the period's first and last day (inclusive). The hook counts through the module's own
queries, with indexed counts (a commune's month among a million dossiers is asked in well under a second), and
gives each figure the address of the staff list that shows the records behind it, filtered to the unit and the
period with that list's own query parameters. Labels and notes are written in the active language: the report
asks in Vietnamese, the language of the document it prints.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from importlib import import_module

from gandan.modules import registered

Value = (
    int | float | str | None
)  # a count, a rate in percent, or a text such as "2/4"; None: nothing to count


@dataclass(frozen=True)
class Figure:
    key: str  # stable within its section: the report's annex and the API name it
    label: str
    value: Value
    url: str = ""  # the staff list of the records behind the figure, filtered to the unit and period
    note: str = ""  # how it is counted, when the label alone could mislead


@dataclass(frozen=True)
class ReportSection:
    key: str  # "<module>.<section>", unique in a report
    title: str
    order: int  # sections are printed by this number, then by key
    figures: list[Figure] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def commune_filter(unit_path: str) -> str:
    """The `unit=<id>` parameter of the staff lists' commune filter (gandan.kit.communes) when `unit_path` is a
    commune in force, else "" (a province's report opens the lists on the officer's whole area)."""
    from gandan.units.models import COMMUNE_KINDS, Unit

    unit_id = (
        Unit.objects.current()
        .filter(path=unit_path, kind__in=COMMUNE_KINDS)
        .values_list("pk", flat=True)
        .first()
    )
    return f"unit={unit_id}" if unit_id else ""


def query(*parts: str) -> str:
    """`?a=1&b=2` from the non-empty parts ("" when there is none)."""
    joined = "&".join(p for p in parts if p)
    return f"?{joined}" if joined else ""


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list[ReportSection]:
    """Every registered module's sections for the unit and the period, in their order. A module without the hook
    contributes nothing; two sections with the same key keep the first."""
    found: dict[str, ReportSection] = {}
    for package, _module in registered():
        provider = getattr(import_module(f"{package}.module"), "report_sections", None)
        if provider is None:
            continue
        for section in provider(unit_path=unit_path, paths=paths, start=start, end=end):
            found.setdefault(section.key, section)
    return sorted(found.values(), key=lambda s: (s.order, s.key))
