"""Backups and restores (docs/backup.md): `backup_create` makes one dated archive of the database and the uploaded
files and applies retention; `restore_run` checks an archive end to end, then puts it back into an empty database.
Commands and the nightly task are thin interfaces over these two.

Both take the database's settings dict and MEDIA_ROOT as keywords (the configured ones by default) so the tests can
restore into a second database beside the first."""

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, override

from gandan.core.retention import archive_name, archive_parse, retention_delete
from gandan.operations import dbcopy
from gandan.operations.archive import (
    FORMAT,
    ArchiveError,
    ArchiveWriter,
    archive_extract_media,
    archive_extract_member,
    archive_verify,
    file_sha256,
    media_files,
    sidecar,
)
from gandan.operations.models import Backup, RunStatus

Progress = Callable[[str], None]
DB_MEMBER = {"sqlite": "database/gandan.sqlite3", "postgresql": "database/gandan.pgdump"}


def _quiet(_: str) -> None:
    pass


class RestoreRefused(Exception):
    """The restore did not start (a bad archive, a database that holds data, another vendor); nothing changed. The
    message is in Vietnamese, then English."""


def bilingual(message: str, **params: object) -> str:
    """A message for the operator's terminal: Vietnamese first, then the English original."""
    with override("vi"):
        vietnamese = gettext(message) % params
    return f"{vietnamese}\n{message % params}"


def _version() -> str:
    try:
        return metadata.version("gandan")
    except metadata.PackageNotFoundError:
        return "unknown"


def _default_database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def backup_dir_ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o750)  # noqa: S103 the site's user and its group only, as documented
    return path


# --- Backup ---------------------------------------------------------------------------------------------------


def _archive_path(folder: Path, now: dt.datetime) -> Path:
    local = timezone.localtime(now).replace(tzinfo=None)
    for serial in range(100):
        path = folder / archive_name(local, serial=serial)
        if not path.exists() and not path.with_name(path.name + ".partial").exists():
            return path
    raise FileExistsError(f"too many archives made at {local} in {folder}")


def backup_create(
    *,
    to_dir: Path | None = None,
    trigger: str = Backup.Trigger.COMMAND,
    keep_daily: int | None = None,
    keep_monthly: int | None = None,
    database: dict[str, Any] | None = None,
    media_root: Path | None = None,
    progress: Progress = _quiet,
) -> Backup:
    """Make one archive, record it as a Backup row, then apply retention to the folder. On any error the row says
    `failed` with the reason, the partial archive is removed and the error is raised again."""
    database = database or _default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    folder = backup_dir_ensure(Path(to_dir or settings.GANDAN_BACKUP_DIR))
    vendor = dbcopy.vendor_of(database)
    started = timezone.now()
    backup = Backup.objects.create(
        started_at=started, trigger=trigger, database_vendor=vendor, status=RunStatus.RUNNING
    )
    final = _archive_path(folder, started)
    partial = final.with_name(final.name + ".partial")
    writer: ArchiveWriter | None = None
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".gandan-backup-") as work:
            progress(f"database ({vendor}): copying…")
            dump = Path(work) / Path(DB_MEMBER[vendor]).name
            snapshot = (
                dbcopy.sqlite_dump(database, dump) if vendor == "sqlite" else dbcopy.pg_dump(database, dump)
            )
            rows = sum(snapshot.tables.values())
            progress(f"database: {len(snapshot.tables)} tables, {rows} rows, {dump.stat().st_size} bytes")
            writer = ArchiveWriter(partial)
            writer.add_file(DB_MEMBER[vendor], dump)
        files = 0
        for name, path in media_files(media_root):
            writer.add_file(name, path)
            files += 1
            if files % 500 == 0:
                progress(f"files: {files}…")
        progress(f"files: {files}")
        writer.close(
            {
                "format": FORMAT,
                "gandan_version": _version(),
                "created_at": started.isoformat(),
                "backup_id": backup.pk,
                "database": {
                    "vendor": vendor,
                    "member": DB_MEMBER[vendor],
                    "tables": snapshot.tables,
                    "migrations": snapshot.migrations,
                },
                "files": files,
            }
        )
        writer = None
        digest = file_sha256(partial)
        os.replace(partial, final)
        sidecar(final).write_text(f"{digest}  {final.name}\n")
    except BaseException as error:
        if writer is not None:
            writer.abandon()
        partial.unlink(missing_ok=True)
        backup.status = RunStatus.FAILED
        backup.finished_at = timezone.now()
        backup.message = f"{error.__class__.__name__}: {error}"[:4000]
        backup.save(update_fields=["status", "finished_at", "message"])
        raise
    backup.status = RunStatus.OK
    backup.finished_at = timezone.now()
    backup.archive = str(final)
    backup.size_bytes = final.stat().st_size
    backup.sha256 = digest
    backup.tables = len(snapshot.tables)
    backup.files = files
    backup.save()
    progress(f"archive: {final.name}, {backup.size_bytes} bytes, sha256 {digest}")
    deleted = retention_apply(
        folder=folder,
        keep_daily=settings.GANDAN_BACKUP_KEEP_DAILY if keep_daily is None else keep_daily,
        keep_monthly=settings.GANDAN_BACKUP_KEEP_MONTHLY if keep_monthly is None else keep_monthly,
    )
    for path in deleted:
        progress(f"retention: deleted {path.name}")
    return backup


def retention_apply(*, folder: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    """Delete the archives (and their .sha256) that retention lets go; answer what was deleted. Files that are not
    archives by their name are never touched."""
    archives = [a for a in (archive_parse(p.name) for p in folder.iterdir() if p.is_file()) if a is not None]
    deleted = []
    for archive in retention_delete(archives, daily=keep_daily, monthly=keep_monthly):
        path = folder / archive.name
        path.unlink(missing_ok=True)
        sidecar(path).unlink(missing_ok=True)
        deleted.append(path)
    return deleted


def backups_recent() -> QuerySet[Backup]:
    return Backup.objects.order_by("-started_at", "-pk")


# --- Restore --------------------------------------------------------------------------------------------------


@dataclass
class RestoreSummary:
    vendor: str
    tables: int
    rows: int
    files: int
    mismatched: dict[str, tuple[int, int]]  # table: (in the manifest, restored); empty when all agree


def restore_run(
    *,
    archive: Path,
    force: bool = False,
    database: dict[str, Any] | None = None,
    media_root: Path | None = None,
    progress: Progress = _quiet,
) -> RestoreSummary:
    database = database or _default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = dbcopy.vendor_of(database)
    if not archive.is_file():
        raise RestoreRefused(
            bilingual(
                gettext_noop("There is no archive at %(archive)s. Nothing was changed: check the path."),
                archive=str(archive),
            )
        )
    progress("verifying every checksum…")
    try:
        manifest = archive_verify(archive, progress=progress)
    except ArchiveError as error:
        raise RestoreRefused(
            bilingual(
                gettext_noop(
                    "The archive %(archive)s is corrupt or truncated (%(detail)s). Nothing was changed: "
                    "restore from another archive."
                ),
                archive=archive.name,
                detail=error.detail,
            )
        ) from error
    made_by = manifest["database"]["vendor"]
    if made_by != vendor:
        raise RestoreRefused(
            bilingual(
                gettext_noop(
                    "The archive holds a %(archive_vendor)s database but this installation uses %(vendor)s. "
                    "Nothing was changed: restore it on a %(archive_vendor)s installation."
                ),
                archive_vendor=made_by,
                vendor=vendor,
            )
        )
    holds_data = dbcopy.sqlite_holds_data(database) if vendor == "sqlite" else dbcopy.pg_holds_data(database)
    if holds_data and not force:
        raise RestoreRefused(
            bilingual(
                gettext_noop(
                    "The database %(name)s already holds accounts or units. Nothing was changed: restore into "
                    "an empty database, or add --force to replace everything in it."
                ),
                name=database["NAME"],
            )
        )
    member = manifest["database"]["member"]
    with tempfile.TemporaryDirectory(prefix="gandan-restore-") as work:
        dump = Path(work) / Path(member).name
        archive_extract_member(archive, member, dump)
        progress(f"database ({vendor}): restoring into {database['NAME']}…")
        if vendor == "sqlite":
            dbcopy.sqlite_load(database, dump)
        else:
            dbcopy.pg_load(database, dump, clean=force or dbcopy.pg_has_tables(database))
    names = sorted(n for n in manifest["members"] if n.startswith("media/"))
    progress(f"files: writing {len(names)} into {media_root}…")
    media_root.mkdir(parents=True, exist_ok=True)
    files = archive_extract_media(archive, media_root, names)
    counted = dbcopy.sqlite_count(database) if vendor == "sqlite" else dbcopy.pg_count(database)
    expected: dict[str, int] = manifest["database"]["tables"]
    mismatched = {
        t: (n, counted.tables.get(t, -1)) for t, n in expected.items() if counted.tables.get(t, -1) != n
    }
    return RestoreSummary(
        vendor=vendor,
        tables=len(counted.tables),
        rows=sum(counted.tables.values()),
        files=files,
        mismatched=mismatched,
    )
