"""Views, public pages and API endpoints are interfaces only (STYLE.md rule 1 and 4): they read through selectors
and write through services, never through a model's manager. The test reads every interface file with ast and fails
on `<Model>.objects` (except `.objects.none()`, the empty queryset a form starts from), and on the API importing a
view module (DESIGN.md: views and API are adapters over the same services; neither imports the other)."""

import ast
from pathlib import Path

import pytest

GANDAN = Path(__file__).resolve().parent.parent
INTERFACES = sorted(
    {
        *GANDAN.glob("*/views.py"),
        *GANDAN.glob("*/views/*.py"),
        *GANDAN.glob("*/*_views.py"),
        *GANDAN.glob("*/api.py"),
        *GANDAN.glob("*/public.py"),
    }
)
APIS = sorted(GANDAN.glob("*/api.py"))


def manager_uses(source: str) -> list[str]:
    found = []
    tree = ast.parse(source)
    empty = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "none"
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and id(node) not in empty:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def view_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found += [n for n in names if n.split(".")[-1] in ("views", "public") or "_views" in n]
    return found


def test_the_interface_files_are_found():
    names = {str(p.relative_to(GANDAN)) for p in INTERFACES}
    assert {
        "dossiers/views/desk.py",
        "petitions/views.py",
        "reception/views/records.py",
        "petitions/api.py",
    } <= names


@pytest.mark.parametrize("path", INTERFACES, ids=lambda p: str(p.relative_to(GANDAN)))
def test_an_interface_reads_and_writes_only_through_selectors_and_services(path):
    assert manager_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", APIS, ids=lambda p: str(p.relative_to(GANDAN)))
def test_the_api_imports_no_view(path):
    assert view_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source, caught",
    [
        ("rows = Petition.objects.filter(unit=u)\n", True),
        ("x = Unit.objects.none()\n", False),
        ("x = scoped(Unit.objects.current(), user)\n", True),
        ("rows = petitions_for_user(user)\n", False),
    ],
)
def test_the_check_would_catch_a_query_in_a_view(source, caught):
    assert bool(manager_uses(source)) is caught


@pytest.mark.parametrize(
    "source, caught",
    [
        ("from gandan.dossiers.views import _form\n", True),
        ("from gandan.dossiers import views\n", True),
        ("from gandan.dossiers.services.actions import dossier_act\n", False),
    ],
)
def test_the_check_would_catch_an_api_importing_views(source, caught):
    assert bool(view_imports(source)) is caught
