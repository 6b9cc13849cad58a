"""Helpers of the backup tests: a second, empty database beside the test database (a file on SQLite, a database
created and dropped on PostgreSQL), and each table's row count and content digest read on a connection of its own."""

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from psycopg import sql

from gandan.operations import dbcopy


@contextmanager
def empty_database(source: dict[str, Any], folder: Path) -> Iterator[dict[str, Any]]:
    """Settings for a new empty database of the same vendor as `source`; dropped afterwards (PostgreSQL)."""
    if dbcopy.vendor_of(source) == "sqlite":
        yield {**source, "NAME": str(folder / "restored.sqlite3")}
        return
    name = f"{source['NAME']}_restored"[:63]
    with dbcopy.pg_connect(source, dbname="postgres") as admin:
        admin.autocommit = True
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {**source, "NAME": name}
    finally:
        with dbcopy.pg_connect(source, dbname="postgres") as admin:
            admin.autocommit = True
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _digest(rows: list[tuple[Any, ...]]) -> str:
    def plain(value: Any) -> Any:
        return bytes(value) if isinstance(value, memoryview) else value

    lines = sorted(repr(tuple(plain(v) for v in row)) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def table_digests(database: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Every table of the database (Django's, django_tasks', SQLite's sequence table; on PostgreSQL each sequence's
    position too): its row count and a digest of its rows, whatever their order."""
    found: dict[str, tuple[int, str]] = {}
    if dbcopy.vendor_of(database) == "sqlite":
        lite = sqlite3.connect(database["NAME"])
        try:
            names = [n for (n,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for name in names:
                quoted = '"' + name.replace('"', '""') + '"'
                rows = lite.execute(f"SELECT * FROM {quoted}").fetchall()  # noqa: S608 names from sqlite_master
                found[name] = (len(rows), _digest(rows))
        finally:
            lite.close()
        return found
    with dbcopy.pg_connect(database) as con:
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_type = 'BASE TABLE'"
        ).fetchall()
        for (name,) in tables:
            rows = con.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(name))).fetchall()
            found[name] = (len(rows), _digest(rows))
        sequences = con.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        found["(sequences)"] = (len(sequences), _digest(sequences))
    return found


def rows_of(database: dict[str, Any], query: str) -> list[tuple[Any, ...]]:
    if dbcopy.vendor_of(database) == "sqlite":
        lite = sqlite3.connect(database["NAME"])
        try:
            return lite.execute(query).fetchall()
        finally:
            lite.close()
    with dbcopy.pg_connect(database) as con:
        return con.execute(query).fetchall()


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
