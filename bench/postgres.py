"""`make bench` on PostgreSQL: with DATABASE_URL set, the run gets a throwaway database of its own on that server.

The database DATABASE_URL names is only the door in (it is never written to): the run creates
`gandan_bench_<pid>` beside it, points the demo, the seeds and gunicorn at it, and drops it at the end, whatever
the end (success, failure, Ctrl+C). Databases the scenarios derive from it (the opinion rows' copies) are named
`gandan_bench_<pid>_<what>` and dropped with it."""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

PREFIX = "gandan_bench_"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


class DatabaseError(Exception):
    """The benchmark database could not be made or removed (the server refused, the URL is wrong)."""


@dataclass(frozen=True)
class BenchDatabase:
    url: str  # DATABASE_URL of the run's own database
    name: str
    label: str  # "PostgreSQL 15.20", for the header and results.json


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in POSTGRES_SCHEMES


def bench_name(pid: int | None = None) -> str:
    return f"{PREFIX}{os.getpid() if pid is None else pid}"


def derived_name(base: str, what: str) -> str:
    """A database derived from the run's (`gandan_bench_123_opinion_base`), dropped with it."""
    name = f"{base}_{what}".lower()
    if not _NAME.match(name):
        raise DatabaseError(f"{name!r} is not a plain PostgreSQL database name")
    return name


def with_database(url: str, name: str) -> str:
    """The same server, user and options, another database."""
    if not _NAME.match(name):
        raise DatabaseError(f"{name!r} is not a plain PostgreSQL database name")
    parts = urlsplit(url)
    if not is_postgres(url):
        raise DatabaseError(f"DATABASE_URL is not a PostgreSQL URL (scheme {parts.scheme!r})")
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _connect(url: str):  # type: ignore[no-untyped-def]
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    options = settings.get("OPTIONS", {})
    try:
        return psycopg.connect(
            dbname=settings["NAME"] or "postgres",
            user=settings.get("USER") or None,
            password=settings.get("PASSWORD") or None,
            host=settings.get("HOST") or None,
            port=settings.get("PORT") or None,
            autocommit=True,
            connect_timeout=10,
            **{k: v for k, v in options.items() if isinstance(v, str)},
        )
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to the PostgreSQL server of DATABASE_URL: {exc}") from exc


def server_label(url: str) -> str:
    with _connect(url) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {str(version).split()[0]}"


def create(url: str, name: str, *, template: str | None = None) -> None:
    """CREATE DATABASE name (a copy of `template` when given: nobody may be connected to it meanwhile)."""
    from psycopg import sql

    statement = sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name))
    if template:
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with _connect(url) as connection:
        connection.execute(statement)


def drop(url: str, name: str) -> None:
    """DROP DATABASE name and every database derived from it, closing their sessions (PostgreSQL 13+)."""
    from psycopg import sql

    with _connect(url) as connection:
        rows = connection.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
            [name, name.replace("_", r"\_") + r"\_%"],
        ).fetchall()
        # Derived ones first: the template of a copy cannot be dropped while a copy is being made from it.
        for (found,) in sorted(rows, key=lambda r: r[0] == name):
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(found))
            )


@contextmanager
def throwaway(url: str) -> Iterator[BenchDatabase]:
    """A fresh database on DATABASE_URL's server for the block, dropped after it whatever happens."""
    label = server_label(url)
    name = bench_name()
    maintenance = url
    drop(maintenance, name)  # a leftover of a run killed with -9 under the same pid
    create(maintenance, name)
    try:
        yield BenchDatabase(url=with_database(url, name), name=name, label=label)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110  Django may not be set up yet; DROP … WITH (FORCE) closes them anyway
            pass
        drop(maintenance, name)
