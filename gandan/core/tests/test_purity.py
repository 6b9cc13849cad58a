"""The rules in core/ are plain Python: no Django, no clock, no settings (STYLE.md)."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in CORE.glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_core_module_imports_nothing_from_django(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {name for name in imported if name.split(".")[0] == "django"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_core_module_never_reads_the_clock(path):
    source = path.read_text(encoding="utf-8")
    for forbidden in ("datetime.now(", "date.today(", "time.time(", ".utcnow("):
        assert forbidden not in source
