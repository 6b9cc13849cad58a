"""The hash chain over the audit tables, and the triggers that refuse UPDATE, DELETE and TRUNCATE.

Each row stores `prev_hash` (the previous row's `hash`, in id order; GENESIS for the first) and
`hash = sha256(prev_hash + canonical JSON of the row's chained fields)`. A row changed behind the triggers' back no
longer matches its hash; a row removed leaves its successor pointing at a hash that is not its predecessor's. Only a
rewrite of every later row too goes unseen, which is why `audit_verify` prints the head hash to be kept elsewhere.

The chained fields are listed here, not read from the model, so a column added later does not change the hash of
the rows written before it.

Appending is serialised: on PostgreSQL by a transaction-level advisory lock taken before the last hash is read and
held until commit; on SQLite every write transaction is already IMMEDIATE (one writer at a time).
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64

CHAINED_FIELDS: dict[str, tuple[str, ...]] = {
    "audit.event": (
        "at",
        "actor_id",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "unit_id",
        "unit_path",
        "details",
    ),
    "audit.sensitiveread": (
        "at",
        "actor_id",
        "actor_name",
        "object_type",
        "object_id",
        "object_repr",
        "what",
        "reason",
        "unit_path",
    ),
}
# Arbitrary constants, one per table: the keys of PostgreSQL's advisory locks.
LOCK_KEYS = {"audit.event": 7_311_001, "audit.sensitiveread": 7_311_002}
TABLES = ("audit_event", "audit_sensitiveread")


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dict | list | tuple):
        # What the JSON column gives back: tuples become lists, non-string keys become strings.
        return json.loads(json.dumps(value, default=str))
    return value


def canonical(row, label: str) -> str:
    data = {name: _plain(getattr(row, name)) for name in CHAINED_FIELDS[label]}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def link(prev_hash: str, row, label: str) -> str:
    return hashlib.sha256((prev_hash + canonical(row, label)).encode()).hexdigest()


def _label(model) -> str:
    return model._meta.label_lower


def chain_lock(model, connection) -> None:
    """Take the table's append turn until the transaction ends (a no-op on SQLite, whose writers already queue)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEYS[_label(model)]])


def chain_extend(model, rows: Iterable, *, connection) -> None:
    """Fill `prev_hash` and `hash` of unsaved rows, in order, after the last stored row. Call it inside the
    transaction that inserts them."""
    label = _label(model)
    chain_lock(model, connection)
    prev = model._base_manager.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    for row in rows:
        row.prev_hash = prev
        row.hash = prev = link(prev, row, label)


@dataclass(frozen=True)
class Break:
    table: str
    id: int
    field: str  # "prev_hash": a row before this one is missing or was rewritten; "hash": this row was changed
    expected: str
    found: str


def chain_verify(model, *, progress: bool = False) -> tuple[int, str, Break | None]:
    """Walk the table in id order; answer (rows checked, head hash, the first broken link or None)."""
    label = _label(model)
    rows = model._base_manager.order_by("id")
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=rows.count(), desc=model._meta.db_table, unit=" rows")
    prev, count = GENESIS, 0
    try:
        for row in rows.iterator(chunk_size=2000):
            if row.prev_hash != prev:
                return count, prev, Break(model._meta.db_table, row.id, "prev_hash", prev, row.prev_hash)
            expected = link(prev, row, label)
            if expected != row.hash:
                return count, prev, Break(model._meta.db_table, row.id, "hash", expected, row.hash)
            prev, count = row.hash, count + 1
            if bar is not None:
                bar.update()
    finally:
        if bar is not None:
            bar.close()
    return count, prev, None


# --- Triggers ---------------------------------------------------------------------------------------------------

PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION gandan_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;"
)


def delete_triggers_create(connection) -> None:
    """Refuse DELETE (and TRUNCATE on PostgreSQL) on the audit tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
        for table in TABLES:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
                )
            elif connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
                cursor.execute(
                    f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION gandan_append_only();"
                )
                cursor.execute(
                    f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION gandan_append_only();"
                )


def delete_triggers_drop(connection) -> None:
    """For the migration's way back and for a test database that must be emptied (never in production)."""
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")
