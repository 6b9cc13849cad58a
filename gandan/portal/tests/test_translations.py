"""Vietnamese is the first language: every interface string has a Vietnamese translation, none is fuzzy, and the
compiled catalogue is the one in the repository."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "gandan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_string_is_translated_to_vietnamese():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(PO)).translated_entries():
        for placeholder in ("%(", "{{"):
            if placeholder in entry.msgid:
                translated = entry.msgstr or entry.msgstr_plural.get(0, "")
                assert translated.count(placeholder) == entry.msgid.count(placeholder), entry.msgid


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(PO))
    entry = next(e for e in catalogue.translated_entries() if e.msgid == "My work")
    with translation.override("vi"):
        assert translation.gettext("My work") == entry.msgstr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_no_source_string_is_missing_from_the_catalogue(tmp_path):
    """Run makemessages on a copy of the catalogue: it must find nothing new."""
    backup = tmp_path / "django.po"
    shutil.copy(PO, backup)
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "vi",
                "--no-location",
                "--no-obsolete",
                "--ignore=bench",
                "--ignore=test-artifacts",
                "--ignore=*/tests/*",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        fresh = polib.pofile(str(PO))
        assert [e.msgid for e in fresh.untranslated_entries()] == []
    finally:
        shutil.copy(backup, PO)


def test_no_module_hides_its_strings_from_the_catalogue_behind_an_alias():
    """makemessages finds `_(…)`, `gettext_lazy(…)` and the other standard names only: strings marked with an alias
    such as `_l = gettext_lazy` were never extracted, and the citizen's petition form showed English."""
    import re

    alias = re.compile(
        r"^\s*(?:from django\.utils\.translation import .*\b(?:n|p|np)?gettext(?:_lazy|_noop)? as (?!_\b)\w+"
        r"|(?!_\b)\w+\s*=\s*(?:n|p|np)?gettext(?:_lazy|_noop)?\s*$)",
        re.M,
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "gandan").rglob("*.py")
        if "tests" not in path.parts and alias.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
