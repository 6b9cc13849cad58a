"""Vietnamese is the first language: every message the code marks is in the Vietnamese catalogue, translated, not
fuzzy, with its placeholders; and the compiled catalogue the site loads is that catalogue compiled.

Nothing here touches the committed files: extraction and compilation happen in a temporary directory."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
GANDAN = ROOT / "gandan"
PO = GANDAN / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgfmt") is None,
    reason="needs GNU gettext (apt-get install gettext)",
)

# makemessages needs settings, but not the site's: with them it would also write into the committed catalogue.
EXTRACT_SETTINGS = 'SECRET_KEY = "catalogue-test"\nUSE_I18N = True\nINSTALLED_APPS = []\nLOCALE_PATHS = []\n'


def key(entry: polib.POEntry | polib.MOEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def messages(catalogue) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """What a catalogue answers for each message (the singular and every plural form)."""
    found = {}
    for entry in catalogue:
        if entry.msgid == "" or entry.obsolete:
            continue
        forms = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else ()
        )
        found[key(entry)] = forms or (entry.msgstr,)
    return found


def extracted_messages(work: Path) -> set[tuple[str, str, str]]:
    """The messages makemessages finds in `work`/gandan (as `make messages` runs it), in a fresh catalogue there."""
    (work / "gandan" / "locale" / "vi" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    (work / "extract_settings.py").write_text(EXTRACT_SETTINGS)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "extract_settings", "PYTHONPATH": str(work)}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=work / "gandan",
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(work / "gandan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    return {key(entry) for entry in fresh if entry.msgid}


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue if e.msgid_plural and not all(e.msgstr_plural.values())] == []


def test_the_catalogue_has_each_message_once():
    keys = [key(entry) for entry in polib.pofile(str(PO))]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\{\s*\w+\s*\}\}")


def test_placeholders_survive_translation():
    broken = []
    for entry in polib.pofile(str(PO)).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for translated in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if sorted(PLACEHOLDER.findall(translated)) != wanted:
                broken.append(entry.msgid)
    assert broken == []


@needs_gettext
def test_every_message_the_code_marks_is_in_the_catalogue(tmp_path):
    """A `_()` or `{% translate %}` added without its entry in the .po shows English to every citizen."""
    shutil.copytree(
        GANDAN,
        tmp_path / "gandan",
        ignore=shutil.ignore_patterns("tests", "__pycache__", "*.po", "*.mo", "fonts", "static", "*.sqlite3"),
    )
    committed = {key(entry) for entry in polib.pofile(str(PO)) if entry.msgid}
    assert sorted(extracted_messages(tmp_path) - committed) == []


@needs_gettext
def test_the_extraction_sees_what_the_code_marks(tmp_path):
    """The control: the same extraction finds a template's and a module's new messages, which are not in the .po."""
    (tmp_path / "gandan" / "templates").mkdir(parents=True)
    (tmp_path / "gandan" / "templates" / "probe.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody translated" %}</p>'
    )
    (tmp_path / "gandan" / "probe.py").write_text(
        'from django.utils.translation import gettext_lazy as _\nLABEL = _("Another sentence nobody translated")\n'
    )
    committed = {key(entry) for entry in polib.pofile(str(PO)) if entry.msgid}
    assert sorted(extracted_messages(tmp_path) - committed) == [
        ("", "A sentence nobody translated", ""),
        ("", "Another sentence nobody translated", ""),
    ]


@needs_gettext
def test_the_compiled_catalogue_is_the_catalogue_compiled(tmp_path):
    """The site loads django.mo: compiled again from django.po (as compilemessages does), it must say the same."""
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True, capture_output=True
    )
    assert messages(polib.mofile(str(MO))) == messages(polib.mofile(str(compiled)))


def test_the_site_answers_from_the_catalogue():
    entry = next(e for e in polib.pofile(str(PO)).translated_entries() if e.msgid == "My work")
    with translation.override("vi"):
        assert translation.gettext("My work") == entry.msgstr


def test_no_module_hides_its_strings_from_the_catalogue_behind_an_alias():
    """makemessages finds `_(…)`, `gettext_lazy(…)` and the other standard names only: strings marked with an alias
    such as `_l = gettext_lazy` were never extracted, and the citizen's petition form showed English."""
    alias = re.compile(
        r"^\s*(?:from django\.utils\.translation import .*\b(?:n|p|np)?gettext(?:_lazy|_noop)? as (?!_\b)\w+"
        r"|(?!_\b)\w+\s*=\s*(?:n|p|np)?gettext(?:_lazy|_noop)?\s*$)",
        re.M,
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in GANDAN.rglob("*.py")
        if "tests" not in path.parts and alias.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
