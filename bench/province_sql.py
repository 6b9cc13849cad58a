"""What the province seed's SQL shares: INSERT column lists filled from the models, and the helper tables it joins.

The helper tables are TEMP tables of the seeding session (gone with its connection): the working-day arithmetic of
the real calendar (`bench_workday`), the communes (`bench_unit`), names with their search keys (`bench_name`)."""

import datetime as dt
import json
import random
from typing import Any

from django.db import connection

from gandan.core.sample_names import sample_name
from gandan.kit.tokens import new_lookup_secret

NAMES = 3_000  # distinct full names drawn from the sample names; each row picks one
# A record's lookup secret (kit/tokens.py: 22 url-safe characters). Benchmark rows only: md5 of random() is not
# the server's secrets.token_urlsafe, and needs not be.
_MD5 = "md5(random()::text || clock_timestamp()::text)"
TOKEN_SQL = f"translate(rtrim(encode(decode({_MD5}, 'hex'), 'base64'), '='), '+/', '-_')"


def insert_columns(model: Any, given: dict[str, str], params: dict[str, Any]) -> tuple[str, str]:
    """(column list, select list) of an INSERT … SELECT into `model`'s table: `given` maps a column to its SQL
    expression; every other column gets the field's default (as a parameter added to `params`), NULL, or now()
    for the auto timestamps. A column the model requires and nobody gave is an error, not a silent NULL."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column in given:
            expression = given[column]
        elif field.primary_key:
            continue  # the sequence
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expression = "now()"
        elif field.has_default():
            if field.default is new_lookup_secret:
                expression = TOKEN_SQL
            elif callable(field.default) and field.default not in (dict, list):
                raise ValueError(f"{model.__name__}.{field.name}: no SQL for the default {field.default!r}")
            else:
                name = f"default_{model._meta.db_table}_{column}"
                value = field.get_default()
                params[name] = json.dumps(value) if field.get_internal_type() == "JSONField" else value
                cast = "::jsonb" if field.get_internal_type() == "JSONField" else ""
                expression = f"%({name})s{cast}"
        elif field.null:
            expression = "NULL"
        elif field.get_internal_type() in ("CharField", "TextField") and field.blank:
            expression = "''"
        else:
            raise ValueError(f"{model.__name__}.{field.name}: required, and the province seed gives no value")
        columns.append(connection.ops.quote_name(column))
        values.append(expression)
    missing = set(given) - {f.column for f in model._meta.concrete_fields}
    if missing:
        raise ValueError(f"{model.__name__} has no column {', '.join(sorted(missing))}")
    return ", ".join(columns), ", ".join(values)


def create_helpers(communes: list, start: dt.date, end: dt.date, max_days: int, rng: random.Random) -> None:
    """The session's helper tables; `max_days`: the longest stretch of working days the seed adds to a day."""
    from gandan.core.workdays import add_working_days
    from gandan.search.services import index_key
    from gandan.workcalendar.selectors import work_calendar

    calendar = work_calendar()
    workday_rows = []
    day = start
    while day <= end + dt.timedelta(days=max_days * 2 + 30):
        if calendar.is_working_day(day):  # receipts and appointments fall on working days only
            workday_rows.extend(
                (day, n, add_working_days(day, n, calendar=calendar)) for n in range(max_days + 1)
            )
        day += dt.timedelta(days=1)
    names = sorted({sample_name(rng) for _ in range(NAMES * 2)})[:NAMES]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_workday (day date, n int, result date, PRIMARY KEY (day, n))"
            " ON COMMIT PRESERVE ROWS"
        )
        cursor.executemany("INSERT INTO bench_workday VALUES (%s, %s, %s)", workday_rows)
        cursor.execute(
            "CREATE TEMP TABLE bench_unit (idx int PRIMARY KEY, id bigint, path text, code text, name text,"
            " folded text)"
        )
        cursor.executemany(
            "INSERT INTO bench_unit VALUES (%s, %s, %s, %s, %s, %s)",
            [(i + 1, u.pk, u.path, u.code, u.name, index_key(u.name)) for i, u in enumerate(communes)],
        )
        cursor.execute("CREATE TEMP TABLE bench_name (idx int PRIMARY KEY, name text, folded text)")
        cursor.executemany(
            "INSERT INTO bench_name VALUES (%s, %s, %s)",
            [(i + 1, name, index_key(name)) for i, name in enumerate(names)],
        )
        cursor.execute("CREATE INDEX ON bench_name (name)")
        cursor.execute("ANALYZE bench_workday; ANALYZE bench_unit; ANALYZE bench_name")


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days of [start, end) on the real calendar: the days a desk receives."""
    from gandan.workcalendar.selectors import work_calendar

    calendar = work_calendar()
    days = []
    day = start
    while day < end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """[start, end) cut at the first of each month."""
    cuts = []
    low = start
    while low < end:
        nxt = (low.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        cuts.append((low, min(nxt, end)))
        low = nxt
    return cuts


def shares(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, summing exactly to `total`."""
    whole = sum(weights) or 1
    out = [total * w // whole for w in weights]
    for i in range(total - sum(out)):
        out[i % len(out)] += 1
    return out


# Tables whose plain indexes (not those of a primary key or a unique constraint) are dropped during the load and
# built again after it: one sorted build instead of millions of insertions, the search GIN index above all.
LOADED_TABLES = (
    "dossiers_dossier",
    "petitions_petition",
    "petitions_petitioner",
    "petitions_duplicatekey",
    "search_searchdocument",
    "petitions_protectedidentity",
)


def drop_plain_indexes() -> list[str]:
    """Drop the loaded tables' plain indexes; returns their definitions (pg_indexes.indexdef) to build them again."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname""",
            [list(LOADED_TABLES)],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def build_indexes(definitions: list[str], progress: Any) -> None:
    with connection.cursor() as cursor, progress(total=len(definitions), desc="Indexes", unit="index") as bar:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for definition in definitions:
            cursor.execute(definition)
            bar.update(1)


def drop_foreign_keys() -> list[tuple[str, str, str]]:
    """Drop the loaded tables' foreign keys (a per-row check of 240,000,000 duplicate keys is most of the load);
    returns (table, name, definition) to add them again, which checks every row at once."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY 1, 2""",
            [list(LOADED_TABLES)],
        )
        found = [(str(t), str(n), str(d)) for t, n, d in cursor.fetchall()]
        for table, name, _definition in found:
            quote = connection.ops.quote_name
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    return found


def add_foreign_keys(found: list[tuple[str, str, str]], progress: Any) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, progress(total=len(found), desc="Foreign keys", unit="key") as bar:
        for table, name, definition in found:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
            bar.update(1)
