"""The fast path: the few hand-written SQL statements on hot paths (session, user, lookup, counters, throttle,
procedure for intake, a news article's stamp), and every use of Django's private internals they need, in one place.

Each was measured necessary: on these paths a queryset's compilation cost more than the database's own work (a
primary-key probe). What is private, and where:
- `connection.ops` (the backend's quoting and value adaptation): `table`, `db_datetime`, `db_date` below;
- a prefetch cache filled by hand (`QuerySet._result_cache`, `_prefetch_done`, `Model._prefetched_objects_cache`):
  `prefetched` below;
- in their own modules, for their own concern: the session store's `_get_session_from_db` and `_session_key`
  (accounts/sessions.py), and the SQLite backend's transaction hooks (`_start_transaction_under_autocommit`,
  `_commit`, `_rollback`, `_close`, `DatabaseCreation._destroy_test_db`; sqlite/base.py).
`gandan/kit/tests/test_django_internals.py` fails loudly, naming the internal, when a Django upgrade changes any of
them. (`Model._meta`, `Model._state` and `Model._base_manager` are documented API, not on this list.)"""

import datetime as dt

from django.db import connection


def table(model) -> str:
    """The model's table name, quoted for the current database (the same on SQLite and PostgreSQL)."""
    return connection.ops.quote_name(model._meta.db_table)


def db_datetime(value: dt.datetime):
    """An aware datetime as the current database stores it (a parameter of hand-written SQL)."""
    return connection.ops.adapt_datetimefield_value(value)


def db_date(value: dt.date):
    """A date as the current database stores it (a parameter of hand-written SQL)."""
    return connection.ops.adapt_datefield_value(value)


def prefetched(instance, relation: str, objects: list) -> None:
    """Leave on `instance` what `prefetch_related(relation)` would, with `objects` read by hand-written SQL, so that
    `getattr(instance, relation).all()` costs no query."""
    cached = getattr(instance, relation).all()
    cached._result_cache, cached._prefetch_done = objects, True
    cache = getattr(instance, "_prefetched_objects_cache", None)
    instance._prefetched_objects_cache = {**(cache or {}), relation: cached}
