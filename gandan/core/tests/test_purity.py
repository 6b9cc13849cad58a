"""The rules are plain Python: every file of core/ (its packages included) and every <app>/rules.py imports nothing
from Django, reaches no model, setting or service, and never reads the clock (STYLE.md, "Where things go").

A pure file may import the standard library and third-party libraries other than Django; inside gandan only
gandan.core and the apps' rules.py (an app's rules may build on the permission table of accounts.rules)."""

import ast
from pathlib import Path

import pytest

GANDAN = Path(__file__).resolve().parent.parent.parent
CORE = GANDAN / "core"
CORE_FILES = sorted(p for p in CORE.rglob("*.py") if "tests" not in p.relative_to(CORE).parts)
RULES_FILES = sorted(GANDAN.glob("*/rules.py"))
PURE = CORE_FILES + RULES_FILES


def _name(path: Path) -> str:
    return str(path.relative_to(GANDAN))


def _imported(path: Path, source: str | None = None) -> set[str]:
    """Every module the file imports, absolute ("gandan.x.y"; a relative import is resolved against the file)."""
    package = ["gandan", *path.relative_to(GANDAN).parent.parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            # "from gandan import petitions" imports the package gandan.petitions
            found.update(f"{base}.{alias.name}" for alias in node.names if base in ("gandan",))
    return found


def _allowed_inside_gandan(module: str) -> bool:
    parts = module.split(".")
    if parts[0] != "gandan":
        return True
    if len(parts) >= 2 and parts[1] == "core":
        return True
    return len(parts) == 3 and parts[2] == "rules"


def test_the_pure_files_are_found():
    names = {_name(p) for p in PURE}
    assert {"core/workdays.py", "core/petition_clocks/arithmetic.py", "core/duplicates/scoring.py"} <= names
    assert {"petitions/rules.py", "dossiers/rules.py", "accounts/rules.py"} <= names


@pytest.mark.parametrize("path", PURE, ids=_name)
def test_a_pure_file_imports_nothing_from_django(path):
    assert not {m for m in _imported(path) if m.split(".")[0] == "django"}


@pytest.mark.parametrize("path", PURE, ids=_name)
def test_a_pure_file_imports_no_model_service_or_setting(path):
    assert not {m for m in _imported(path) if not _allowed_inside_gandan(m)}


@pytest.mark.parametrize("path", CORE_FILES, ids=_name)
def test_core_imports_only_core_inside_gandan(path):
    inside = {m for m in _imported(path) if m.split(".")[0] == "gandan"}
    assert all(m == "gandan.core" or m.startswith("gandan.core.") for m in inside)


@pytest.mark.parametrize("path", PURE, ids=_name)
def test_a_pure_file_never_reads_the_clock(path):
    source = path.read_text(encoding="utf-8")
    for forbidden in ("datetime.now(", "date.today(", "time.time(", ".utcnow(", "timezone.now("):
        assert forbidden not in source


@pytest.mark.parametrize(
    "source, bad",
    [
        ("from django.db import models\n", True),
        ("import django.utils.timezone\n", True),
        ("from gandan.petitions.models import Petition\n", True),
        ("from gandan.petitions import services\n", True),
        ("from gandan.core.vntext import fold\n", False),
        ("from gandan.accounts.rules import Perm\n", False),
        ("from ..petitions import models\n", True),
    ],
)
def test_the_check_would_catch_an_impure_import(source, bad):
    # Control: the same checks on a source written to break them, as if it were a file of core/.
    imported = _imported(CORE / "probe.py", source)
    caught = any(m.split(".")[0] == "django" or not _allowed_inside_gandan(m) for m in imported)
    assert caught is bad
