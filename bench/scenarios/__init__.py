"""The scenario registry: every module in this package exposes `SCENARIOS: list[Scenario]`.

Modules are discovered, not listed, so that an issue adding its area (bench/scenarios/dossiers.py) touches no
shared file. `core` comes first (it holds the ceiling), the others in name order, which is the table's order."""

import pkgutil
from importlib import import_module

from bench.framework import Scenario

FIRST = "core"


def all_scenarios() -> list[Scenario]:
    names = sorted(
        (m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")),
        key=lambda n: (n != FIRST, n),
    )
    found: list[Scenario] = []
    for name in names:
        found.extend(import_module(f"{__name__}.{name}").SCENARIOS)
    seen: set[str] = set()
    for scenario in found:
        if scenario.name in seen:
            raise ValueError(f"two scenarios are named {scenario.name!r}")
        seen.add(scenario.name)
        if scenario.target is None and not scenario.reference:
            raise ValueError(f"scenario {scenario.name!r} has no target")
    if sum(s.reference for s in found) != 1:
        raise ValueError("exactly one scenario must be the reference (the ceiling)")
    return found
