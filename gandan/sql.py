"""Small helpers for the few hand-written SQL statements on hot paths (session, user, lookup, counters)."""

from django.db import connection


def table(model) -> str:
    """The model's table name, quoted for the current database (the same on SQLite and PostgreSQL)."""
    return connection.ops.quote_name(model._meta.db_table)
