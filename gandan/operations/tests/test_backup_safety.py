"""What protects an installation's data around a backup: a corrupt or truncated archive is refused and nothing
changes (not even with --force), a database holding data is not overwritten without --force, an archive of the other
database is refused, a failed backup leaves no archive and says why, and retention deletes exactly the archives it
should. The test database holds the session's demo (committed), so it plays the live installation."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gandan.operations import dbcopy
from gandan.operations.archive import sidecar
from gandan.operations.backups import RestoreRefused, backup_create, restore_run, retention_apply
from gandan.operations.models import Backup, RunStatus
from gandan.operations.tests.backup_support import empty_database, table_digests

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tmp_path, settings) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "dossiers").mkdir(parents=True)
    (tmp_path / "media" / "dossiers" / "giay-to.pdf").write_bytes(b"%PDF-1.4\n" * 100)
    return Path(backup_create(to_dir=tmp_path / "backups").archive)


def _counts() -> dict[str, int]:
    return {t: n for t, (n, _) in table_digests(connection.settings_dict).items()}


def test_the_command_prints_the_archive_path_last_and_records_the_backup(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()

    call_command("backup", "--to", str(tmp_path / "out"), stdout=out)

    lines = out.getvalue().strip().splitlines()
    path = Path(lines[-1])
    assert path.parent == tmp_path / "out" and path.name.startswith("gandan-") and path.suffix == ".tar"
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert oct((tmp_path / "out").stat().st_mode & 0o777) == "0o750"
    assert len(lines) > 1, "progress is printed before the path"
    backup = Backup.objects.get(archive=str(path))
    assert (backup.status, backup.trigger) == (RunStatus.OK, Backup.Trigger.COMMAND)
    assert backup.size_bytes == path.stat().st_size and backup.sha256 in sidecar(path).read_text()
    assert backup.database_vendor == connection.vendor and backup.tables and backup.tables > 50


@pytest.mark.parametrize("damage", ["flip a byte", "truncate"])
def test_a_damaged_archive_is_refused_and_nothing_changes_even_with_force(archive, damage, tmp_path):
    data = bytearray(archive.read_bytes())
    if damage == "flip a byte":
        data[len(data) // 3] ^= 0xFF
    else:
        data = data[: len(data) // 2]
    archive.write_bytes(bytes(data))
    sidecar(archive).unlink()  # without the whole-archive checksum, each member's is what catches it
    before = _counts()

    with pytest.raises(RestoreRefused) as refused:
        restore_run(archive=archive, force=True, media_root=tmp_path / "restored")

    assert "bị hỏng hoặc không đầy đủ" in str(refused.value)
    assert "corrupt or truncated" in str(refused.value)
    assert _counts() == before
    assert not (tmp_path / "restored").exists()


def test_the_whole_archive_checksum_is_checked_when_it_is_there(archive, tmp_path):
    sidecar(archive).write_text("0" * 64 + f"  {archive.name}\n")
    with pytest.raises(RestoreRefused, match="sha256"):
        restore_run(archive=archive, media_root=tmp_path / "restored")


def test_a_database_holding_data_is_not_overwritten_without_force(archive, tmp_path):
    before = _counts()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert "đã có tài khoản hoặc đơn vị" in str(refused.value)
    assert "--force" in str(refused.value)
    assert _counts() == before


def test_an_archive_of_the_other_database_is_refused(archive, tmp_path):
    other = (
        {"ENGINE": "django.db.backends.postgresql", "NAME": "gandan_elsewhere"}
        if connection.vendor == "sqlite"
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")}
    )
    with pytest.raises(RestoreRefused, match="holds a"):
        restore_run(archive=archive, database=other, media_root=tmp_path / "restored")
    assert not (tmp_path / "x.sqlite3").exists()


def test_a_failed_backup_leaves_no_archive_and_says_why(tmp_path, settings, monkeypatch):
    def broken(database, target):
        raise dbcopy.DatabaseCopyError("disk full")

    monkeypatch.setattr(dbcopy, "sqlite_dump", broken)
    monkeypatch.setattr(dbcopy, "pg_dump", broken)
    settings.MEDIA_ROOT = tmp_path / "media"

    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", "--to", str(tmp_path / "out"), stdout=io.StringIO())

    assert sorted(os.listdir(tmp_path / "out")) == []
    failed = Backup.objects.latest("started_at")
    assert failed.status == RunStatus.FAILED and "disk full" in failed.message and failed.archive == ""


def test_restore_into_an_empty_database_reports_tables_rows_and_files(archive, tmp_path):
    with empty_database(connection.settings_dict, tmp_path) as target:
        summary = restore_run(archive=archive, database=target, media_root=tmp_path / "restored")
        again = restore_run(archive=archive, database=target, media_root=tmp_path / "restored", force=True)
        with pytest.raises(RestoreRefused):
            restore_run(archive=archive, database=target, media_root=tmp_path / "restored")
    assert summary.files == 1 and summary.mismatched == {}
    assert summary.tables > 50 and summary.rows > 1000
    assert (again.tables, again.rows) == (summary.tables, summary.rows)
    assert (tmp_path / "restored" / "dossiers" / "giay-to.pdf").read_bytes() == b"%PDF-1.4\n" * 100


def test_retention_deletes_exactly_the_expected_archives(tmp_path):
    names = [
        "gandan-20261205-020000.tar",
        "gandan-20261205-143000.tar",  # the 5th's newest
        "gandan-20261204-020000.tar",
        "gandan-20261203-020000.tar",
        "gandan-20261130-020000.tar",
        "gandan-20261115-020000.tar",
        "gandan-20261031-020000.tar",
        "gandan-20260930-020000.tar",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        sidecar(tmp_path / name).write_text("x")
    (tmp_path / "notes.txt").write_text("the operator's own file")
    (tmp_path / "gandan-20200101-000000.tar.partial").write_bytes(b"x")

    deleted = retention_apply(folder=tmp_path, keep_daily=2, keep_monthly=3)

    assert sorted(p.name for p in deleted) == [
        "gandan-20260930-020000.tar",
        "gandan-20261115-020000.tar",
        "gandan-20261203-020000.tar",
        "gandan-20261205-020000.tar",
    ]
    assert sorted(os.listdir(tmp_path)) == sorted(
        [
            "gandan-20200101-000000.tar.partial",
            "notes.txt",
            *(
                f
                for n in ("20261205-143000", "20261204-020000", "20261130-020000", "20261031-020000")
                for f in (f"gandan-{n}.tar", f"gandan-{n}.tar.sha256")
            ),
        ]
    )


def test_the_command_applies_retention_after_a_good_backup(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("gandan-20240101-020000.tar", "gandan-20240102-020000.tar"):
        (folder / name).write_bytes(b"old")
    out = io.StringIO()

    call_command("backup", "--to", str(folder), "--keep-daily", "1", "--keep-monthly", "0", stdout=out)

    made = Path(out.getvalue().strip().splitlines()[-1])
    assert sorted(os.listdir(folder)) == [made.name, made.name + ".sha256"]


def test_the_nightly_task_records_a_scheduled_backup(tmp_path, settings):
    from gandan.operations.tasks import backup_nightly

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GANDAN_BACKUP_DIR = tmp_path / "nightly"

    path = backup_nightly.call()

    backup = Backup.objects.get(archive=path)
    assert (backup.status, backup.trigger) == (RunStatus.OK, Backup.Trigger.SCHEDULE)
    assert Path(path).parent == tmp_path / "nightly" and Path(path).is_file()


def test_a_missing_archive_or_database_file_is_said_plainly(tmp_path):
    with pytest.raises(RestoreRefused, match="Không có tệp sao lưu"):
        restore_run(archive=tmp_path / "gandan-20261205-020000.tar", media_root=tmp_path / "restored")
    nowhere = {"ENGINE": "gandan.sqlite", "NAME": str(tmp_path / "typo.sqlite3")}
    with pytest.raises(dbcopy.DatabaseCopyError, match="SQLITE_PATH"):
        backup_create(to_dir=tmp_path / "out", database=nowhere, media_root=tmp_path / "media")
    assert not (tmp_path / "typo.sqlite3").exists()
    assert sorted(os.listdir(tmp_path / "out")) == []


def test_a_hostile_archive_naming_a_file_outside_the_uploads_is_refused_and_writes_nothing(archive, tmp_path):
    """An archive crafted by hand — its manifest and checksums consistent — whose member would land outside MEDIA_ROOT
    (`media/../../…`) is refused before anything is written, even with --force."""
    import hashlib
    import json
    import tarfile

    payload = b"#!/bin/sh\necho pwned\n"
    crafted = tmp_path / "gandan-crafted.tar"
    with tarfile.open(archive, "r:") as source, tarfile.open(crafted, "w:") as out:
        manifest = json.loads(source.extractfile("manifest.json").read())
        for member in source.getmembers():
            if member.name != "manifest.json":
                out.addfile(member, source.extractfile(member))
        evil = tarfile.TarInfo("media/../../escaped.sh")
        evil.size = len(payload)
        out.addfile(evil, io.BytesIO(payload))
        manifest["members"][evil.name] = {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        body = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        out.addfile(info, io.BytesIO(body))
    before = _counts()

    with pytest.raises(RestoreRefused) as refused:
        restore_run(archive=crafted, force=True, media_root=tmp_path / "restored" / "media")

    assert "outside MEDIA_ROOT" in str(refused.value)
    assert not (tmp_path / "escaped.sh").exists() and not (tmp_path / "restored").exists()
    assert _counts() == before
