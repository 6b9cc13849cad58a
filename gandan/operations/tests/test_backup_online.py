"""A backup taken while another connection keeps writing (the site serving) is one consistent instant: it restores,
passes `PRAGMA integrity_check`, and holds every row written before it started and none half-written. SQLite only:
on PostgreSQL the dump reads one exported snapshot (the round trip covers it)."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from gandan.operations.backups import backup_create, restore_run
from gandan.operations.dbcopy import sqlite_integrity

pytestmark = pytest.mark.django_db

ROWS = 20_000  # a few MB, so the copy spans many pages


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
    finally:
        con.close()


def test_a_backup_while_another_connection_writes_is_consistent(tmp_path):
    live = tmp_path / "live.sqlite3"
    con = sqlite3.connect(live)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, pair INTEGER NOT NULL)")
    con.executemany(
        "INSERT INTO entry (payload, pair) VALUES (?, ?)", (("x" * 200, n // 2) for n in range(ROWS))
    )
    con.commit()
    con.close()
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}

    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        # Rows go in pairs, in one transaction each: a consistent copy never holds half a pair.
        own = sqlite3.connect(live, timeout=30)
        try:
            n = ROWS
            while not stop.is_set():
                with own:
                    own.executemany(
                        "INSERT INTO entry (payload, pair) VALUES (?, ?)", [("y" * 200, n // 2)] * 2
                    )
                n += 2
                written.append(n)
        except BaseException as error:
            errors.append(error)
        finally:
            own.close()

    thread = threading.Thread(target=writer)
    thread.start()
    deadline = time.monotonic() + 30
    while not written and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.01)
    try:
        at_start = _count(live)
        backup = backup_create(to_dir=tmp_path / "backups", database=database, media_root=tmp_path / "media")
        at_end = _count(live)
    finally:
        stop.set()
        thread.join(timeout=30)

    assert errors == [] and written, "the writer kept writing"
    restored = {**database, "NAME": str(tmp_path / "restored.sqlite3")}
    summary = restore_run(archive=Path(backup.archive), database=restored, media_root=tmp_path / "media-out")
    assert sqlite_integrity(tmp_path / "restored.sqlite3") == "ok"
    assert summary.mismatched == {}
    copied = _count(tmp_path / "restored.sqlite3")
    assert at_start <= copied <= at_end and copied % 2 == 0
    con = sqlite3.connect(tmp_path / "restored.sqlite3")
    try:
        halves = con.execute(
            "SELECT COUNT(*) FROM (SELECT pair FROM entry GROUP BY pair HAVING COUNT(*) <> 2)"
        )
        assert halves.fetchone()[0] == 0
    finally:
        con.close()
