"""`gandan export_national` as a nightly job uses it: a JSON Lines file, the next cursor printed last, and a second
run with that cursor that gives only what changed since."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gandan.dossiers.models import Dossier
from gandan.exports.cursor import cursor_read
from gandan.petitions.models import Kind, Petition
from gandan.reception.models import ReceptionRecord

OLD = timezone.make_aware(dt.datetime(2020, 1, 1, 8, 0))
FRESH = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.fixture(autouse=True)
def _settled(settings, db):
    settings.GANDAN_EXPORT_SETTLE_SECONDS = 0
    for model in (Dossier, Petition, ReceptionRecord):
        model.objects.update(updated_at=OLD)


def run(**options) -> list[str]:
    out = io.StringIO()
    call_command("export_national", stdout=out, verbosity=0, **options)
    return out.getvalue().splitlines()


def test_the_command_writes_the_file_and_prints_the_next_cursor(tmp_path, home_commune):
    mine = list(Dossier.objects.filter(unit=home_commune).order_by("pk")[:3])
    for i, dossier in enumerate(mine):
        Dossier.objects.filter(pk=dossier.pk).update(updated_at=FRESH + dt.timedelta(minutes=i))
    target = tmp_path / "hoso.jsonl"
    printed = run(
        kind="dossiers", unit=home_commune.code, changed_since="2026-03-02", out=str(target), batch=2
    )
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["MaHoSo"] for line in lines] == [d.code for d in mine]  # over two reads of two
    assert len(printed) == 1
    cursor = printed[-1]
    assert cursor_read("dossiers", cursor).id == mine[-1].pk

    again = tmp_path / "hoso2.jsonl"
    Dossier.objects.filter(pk=mine[0].pk).update(updated_at=FRESH + dt.timedelta(hours=1))
    second = run(kind="dossiers", unit=home_commune.code, since_cursor=cursor, out=str(again))
    assert [json.loads(line)["MaHoSo"] for line in again.read_text(encoding="utf-8").splitlines()] == [
        mine[0].code
    ]
    assert cursor_read("dossiers", second[-1]).id == mine[0].pk


def test_without_a_file_the_records_and_then_the_cursor_go_to_stdout(home_commune, other_commune):
    denunciation = (
        Petition.objects.filter(kind=Kind.DENUNCIATION, unit_path__startswith=home_commune.path)
        .select_related("identity")
        .first()
    )
    Petition.objects.filter(pk=denunciation.pk).update(updated_at=FRESH)
    printed = run(kind="petitions", changed_since="02/03/2026")
    *records, cursor = printed
    assert [json.loads(r)["MaDon"] for r in records] == [denunciation.code]
    assert json.loads(records[0])["NguoiGui"] is None
    names = [p["name"] for p in denunciation.identity.persons if p.get("name")]
    assert names and not any(name in printed[0] for name in names)
    cursor_read("petitions", cursor)
    # Another commune's subtree holds none of it.
    assert run(kind="petitions", unit=other_commune.code, changed_since="2026-03-02")[:-1] == []


@pytest.mark.parametrize(
    "options",
    [
        {"kind": "dossiers", "since_cursor": "gia-mao"},
        {"kind": "petitions", "changed_since": "0000-01-01"},
        {"kind": "reception", "unit": "khong-co"},
    ],
)
def test_bad_options_stop_with_a_message_and_write_nothing(tmp_path, options):
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError):
        run(out=str(target), **options)
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_the_guide_lists_every_field_of_every_shape():
    from pathlib import Path

    from gandan.core.national_shapes import FIELD_TABLES

    guide = (Path(__file__).resolve().parents[3] / "docs" / "exports.md").read_text(encoding="utf-8")
    missing = [
        f.name
        for table in FIELD_TABLES.values()
        for f in table
        if f"| `{f.name}` | {f.source} |" not in guide
    ]
    assert not missing


def test_a_folder_that_does_not_exist_stops_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="Không ghi được"):
        run(kind="dossiers", out=str(tmp_path / "khong-co" / "hoso.jsonl"))
    assert not list(tmp_path.iterdir())


def test_a_run_cut_short_leaves_the_previous_file_whole_and_a_new_run_keeps_its_mode(
    tmp_path, monkeypatch, home_commune
):
    from gandan.exports.cursor import START
    from gandan.exports.management.commands import export_national
    from gandan.exports.selectors import Page

    target = tmp_path / "hoso.jsonl"
    target.write_text("hôm qua\n", encoding="utf-8")
    target.chmod(0o640)  # the pickup job's group reads it
    pages = iter([Page(kind="dossiers", items=[{"MaHoSo": "1"}], last=START, has_more=True)])

    def cut(**kwargs):
        page = next(pages, None)
        if page is None:
            raise RuntimeError("the database went away")
        return page

    monkeypatch.setattr(export_national, "national_export", cut)
    with pytest.raises(RuntimeError):
        run(kind="dossiers", out=str(target))
    assert target.read_text(encoding="utf-8") == "hôm qua\n"
    assert [p.name for p in tmp_path.iterdir()] == ["hoso.jsonl"]

    monkeypatch.undo()
    Dossier.objects.filter(unit_path__startswith=home_commune.path).update(updated_at=FRESH)
    run(kind="dossiers", out=str(target), changed_since="2026-03-02")
    assert target.read_text(encoding="utf-8") != "hôm qua\n"
    assert target.stat().st_mode & 0o777 == 0o640
