"""No module borrows another module's private names (DESIGN.md: "a module never imports another module's models or
private names"). The test walks the imports of every file of gandan/ with ast: inside one app (gandan/<app>/…, its
tests included) anything goes; across apps, a name starting with "_" — imported, reached as an attribute of an
imported module, or a module path with a private part — fails. What two apps share gets a public name, or moves to
gandan/kit. A top-level module (gandan/web.py, gandan/api.py …) counts as an app of its own."""

import ast
from pathlib import Path

import pytest

GANDAN = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in GANDAN.rglob("*.py") if "migrations" not in p.parts)


def _owner(module: str) -> str:
    """The app a dotted module belongs to: "gandan.petitions.services.intake" → "petitions"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "gandan" else ""


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(GANDAN.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    """Whether "gandan.x.y" is a module or package (an attribute of a class, such as `_meta`, is not our business)."""
    path = GANDAN.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def borrowed_private_names(path: Path, source: str | None = None) -> list[str]:
    """ "line: what" for every private name of another app that the file uses."""
    here = _module_of(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    me = _owner(here)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    found: list[str] = []
    foreign_modules: dict[str, str] = {}  # local name bound to another app's module → that module

    def foreign(module: str) -> bool:
        return module.startswith("gandan.") and _owner(module) not in ("", me)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if foreign(alias.name):
                    if any(_private(part) for part in alias.name.split(".")):
                        found.append(f"{node.lineno}: import {alias.name}")
                    if alias.asname:
                        foreign_modules[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            for alias in node.names:
                target = f"{module}.{alias.name}"
                if module == "gandan":  # "from gandan import petitions": the name is an app
                    if _owner(target) != me:
                        foreign_modules[alias.asname or alias.name] = target
                    continue
                if not foreign(module):
                    continue
                if _private(alias.name) or any(_private(part) for part in module.split(".")):
                    found.append(f"{node.lineno}: from {module} import {alias.name}")
                elif _is_module(target):
                    foreign_modules[alias.asname or alias.name] = target
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in foreign_modules
        ):
            found.append(f"{node.lineno}: {foreign_modules[node.value.id]}.{node.attr}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(GANDAN)))
def test_no_module_uses_another_apps_private_names(path):
    assert borrowed_private_names(path) == []


@pytest.mark.parametrize(
    "source, caught",
    [
        ("from gandan.dossiers.excel import _styled\n", True),
        ("from gandan.dossiers import excel\nexcel._styled()\n", True),
        ("import gandan.dossiers.excel as x\nx._styled()\n", True),
        ("from gandan import dossiers\ndossiers.excel\n", False),
        ("from gandan.dossiers._hidden import styled\n", True),
        ("from gandan.petitions.rules import _table\n", False),  # the probe is a file of petitions: its own
        ("from ...dossiers.excel import _styled\n", True),
        ("from gandan.kit.spreadsheet import styled\n", False),
        (
            "from gandan.dossiers.models import Dossier\nDossier._meta\n",
            False,
        ),  # a class's attribute, not a module's
    ],
)
def test_the_walk_would_catch_a_borrowed_private_name(source, caught):
    probe = GANDAN / "petitions" / "services" / "probe.py"
    assert bool(borrowed_private_names(probe, source)) is caught
