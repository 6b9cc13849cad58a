"""The database half of a backup: a consistent copy out of, and back into, SQLite or PostgreSQL.

A database is named by its Django settings dict (DATABASES["default"], or another one in the tests), never by the
live connection: the copy runs on connections of its own, so the site keeps serving while it is taken.

- SQLite: Python's `sqlite3` backup API in one step. It holds a read transaction for the whole copy, so the copy is
  one instant of the database; in WAL mode writers keep writing meanwhile (a backup in several steps would restart
  each time another connection writes, and might never end on a busy site). The copy is switched to the rollback
  journal (one self-contained file) and must pass `PRAGMA integrity_check`.
- PostgreSQL: `pg_dump --format=custom` inside a snapshot exported by a REPEATABLE READ transaction, in which the
  rows are also counted, so the manifest's counts are exactly those of the dump. The password goes through the
  environment (PGPASSWORD), never the command line.
"""

import os
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

# Tables that say whether a database already holds an installation's data (restore refuses to overwrite it).
HOLDS_DATA = ("accounts_user", "units_unit")
# libpq settings Django's OPTIONS may carry, and their environment variable for pg_dump / pg_restore.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class DatabaseCopyError(Exception):
    """pg_dump / pg_restore failed, or a copy is not sound; the message says what the tool said."""


@dataclass
class Snapshot:
    """What was copied: the vendor, each table's row count and the migrations applied, all of the same instant."""

    vendor: str
    tables: dict[str, int] = field(default_factory=dict)
    migrations: list[str] = field(default_factory=list)


def vendor_of(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3") or engine == "gandan.sqlite":
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise DatabaseCopyError(f"unsupported database engine {engine}")


# --- SQLite ---------------------------------------------------------------------------------------------------


def _sqlite_tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_snapshot(con: sqlite3.Connection) -> Snapshot:
    tables = _sqlite_tables(con)
    counts = {t: con.execute(f"SELECT COUNT(*) FROM {_quote(t)}").fetchone()[0] for t in tables}  # noqa: S608 quoted names from sqlite_master
    migrations: list[str] = []
    if "django_migrations" in tables:
        rows = con.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
        migrations = [f"{app}.{name}" for app, name in rows]
    return Snapshot(vendor="sqlite", tables=counts, migrations=migrations)


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def sqlite_integrity(path: Path) -> str:
    """`PRAGMA integrity_check` of a database file: "ok" or the problems SQLite found."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(row[0] for row in con.execute("PRAGMA integrity_check").fetchall())
    finally:
        con.close()


def sqlite_dump(database: dict[str, Any], target: Path) -> Snapshot:
    if not Path(database["NAME"]).is_file():
        raise DatabaseCopyError(f"no database file at {database['NAME']} (check SQLITE_PATH)")
    # Opened read-write (WAL readers need the shared-memory file) but never created: a wrong path is an error.
    source = sqlite3.connect(_uri(Path(database["NAME"]), "rw"), uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.execute("PRAGMA busy_timeout = 30000")
        source.backup(copy)  # one step: one read transaction, one instant
        copy.execute("PRAGMA journal_mode = DELETE")
        snapshot = _sqlite_snapshot(copy)
    finally:
        copy.close()
        source.close()
    verdict = sqlite_integrity(target)
    if verdict != "ok":
        raise DatabaseCopyError(f"the copy fails PRAGMA integrity_check: {verdict}")
    return snapshot


def sqlite_count(database: dict[str, Any]) -> Snapshot:
    con = sqlite3.connect(database["NAME"])
    try:
        return _sqlite_snapshot(con)
    finally:
        con.close()


def sqlite_holds_data(database: dict[str, Any]) -> bool:
    path = Path(database["NAME"])
    if not path.exists() or path.stat().st_size == 0:
        return False
    con = sqlite3.connect(_uri(path, "ro"), uri=True)
    try:
        tables = set(_sqlite_tables(con))
        return any(
            con.execute(
                f"SELECT 1 FROM {_quote(t)} LIMIT 1"  # noqa: S608 fixed table names
            ).fetchone()
            for t in HOLDS_DATA
            if t in tables
        )
    finally:
        con.close()


def sqlite_load(database: dict[str, Any], dump: Path) -> None:
    """Put the copy in place of the configured file: written beside it, checked, then renamed over it in one step.
    The old file's WAL and shared-memory files go first (they belong to the old database); the site must be
    stopped."""
    target = Path(database["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    staged.unlink(missing_ok=True)
    source = sqlite3.connect(dump)
    copy = sqlite3.connect(staged)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    verdict = sqlite_integrity(staged)
    if verdict != "ok":
        staged.unlink(missing_ok=True)
        raise DatabaseCopyError(f"the restored copy fails PRAGMA integrity_check: {verdict}")
    with open(staged, "rb") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


# --- PostgreSQL -----------------------------------------------------------------------------------------------


def pg_environment(database: dict[str, Any]) -> dict[str, str]:
    """The environment for pg_dump / pg_restore: the connection as PG* variables (the password among them)."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[var] = str(database[key])
    env["PGDATABASE"] = database["NAME"]
    for option, var in _LIBPQ_OPTIONS.items():
        if database.get("OPTIONS", {}).get(option):
            env[var] = str(database["OPTIONS"][option])
    return env


def pg_connect(database: dict[str, Any], *, dbname: str | None = None) -> psycopg.Connection:
    params: dict[str, Any] = {"dbname": dbname or database["NAME"]}
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        if database.get(key):
            params[key.lower()] = database[key]
    for option in _LIBPQ_OPTIONS:
        if database.get("OPTIONS", {}).get(option):
            params[option] = database["OPTIONS"][option]
    return psycopg.connect(**params)


def _pg_tables(con: psycopg.Connection) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        " AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    ).fetchall()
    return [(schema, name) for schema, name in rows]


def _pg_snapshot(con: psycopg.Connection) -> Snapshot:
    counts: dict[str, int] = {}
    names = set()
    for schema, name in _pg_tables(con):
        row = con.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(schema, name))).fetchone()
        label = name if schema == "public" else f"{schema}.{name}"
        counts[label] = row[0] if row else 0
        names.add(label)
    migrations: list[str] = []
    if "django_migrations" in names:
        rows = con.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
        migrations = [f"{app}.{name}" for app, name in rows]
    return Snapshot(vendor="postgresql", tables=counts, migrations=migrations)


def _run(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603 pg_dump/pg_restore, no shell
    if done.returncode != 0:
        raise DatabaseCopyError(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def pg_dump(database: dict[str, Any], target: Path) -> Snapshot:
    with pg_connect(database) as con:
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = con.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        snapshot = _pg_snapshot(con)
        # The dump reads the same instant as the counts above; the exporting transaction stays open until it ends.
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={row[0]}", f"--file={target}", "--no-password"],
            pg_environment(database),
        )
        con.rollback()
    return snapshot


def pg_count(database: dict[str, Any]) -> Snapshot:
    with pg_connect(database) as con:
        return _pg_snapshot(con)


def pg_has_tables(database: dict[str, Any]) -> bool:
    with pg_connect(database) as con:
        return bool(_pg_tables(con))


def pg_holds_data(database: dict[str, Any]) -> bool:
    with pg_connect(database) as con:
        for table in HOLDS_DATA:
            row = con.execute("SELECT to_regclass(%s)", [table]).fetchone()
            if row and row[0] is not None:
                query = sql.SQL("SELECT 1 FROM {} LIMIT 1").format(sql.Identifier(table))
                if con.execute(query).fetchone():
                    return True
    return False


def pg_load(database: dict[str, Any], dump: Path, *, clean: bool) -> None:
    """pg_restore in one transaction: it all goes in or nothing does. `clean` drops what is there first (--force,
    or a database migrated but empty). Objects are owned by the configured user, whoever owned them before."""
    argv = ["pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
    argv += ["--no-password", f"--dbname={database['NAME']}"]
    if clean:
        argv += ["--clean", "--if-exists"]
    _run([*argv, str(dump)], pg_environment(database))
