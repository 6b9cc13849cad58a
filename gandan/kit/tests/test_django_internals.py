"""Every private Django internal the fast path relies on (gandan/sql.py lists them) still exists, with the signature
and the caller we assume. A Django upgrade that changes one fails here, naming it, instead of slowing or breaking a
hot path quietly (a hand-filled prefetch that Django no longer reads would cost a query per intake; a session
override no longer called would fall back silently; an SQLite hook no longer called would stop the write turns)."""

import inspect

import pytest
from django.contrib.sessions.backends import db as session_db
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3 import base as sqlite_base
from django.db.backends.sqlite3 import creation as sqlite_creation

from gandan.sql import db_date, db_datetime, prefetched, table

# (where, name, its parameters, a Django function that must still call it)
HOOKS = [
    (type(connection.ops), "quote_name", ["self", "name"], None),
    (type(connection.ops), "adapt_datetimefield_value", ["self", "value"], None),
    (type(connection.ops), "adapt_datefield_value", ["self", "value"], None),
    (session_db.SessionStore, "_get_session_from_db", ["self"], session_db.SessionStore.load),
    (
        sqlite_base.DatabaseWrapper,
        "_start_transaction_under_autocommit",
        ["self"],
        BaseDatabaseWrapper.set_autocommit,
    ),
    (BaseDatabaseWrapper, "_commit", ["self"], BaseDatabaseWrapper.commit),
    (BaseDatabaseWrapper, "_rollback", ["self"], BaseDatabaseWrapper.rollback),
    (BaseDatabaseWrapper, "_close", ["self"], BaseDatabaseWrapper.close),
    (
        sqlite_creation.DatabaseCreation,
        "_destroy_test_db",
        ["self", "test_database_name", "verbosity"],
        sqlite_creation.DatabaseCreation.destroy_test_db,
    ),
]


@pytest.mark.parametrize(("owner", "name", "parameters", "caller"), HOOKS, ids=[h[1] for h in HOOKS])
def test_the_private_hook_is_still_there_with_the_signature_we_override(owner, name, parameters, caller):
    hook = getattr(owner, name, None)

    assert hook is not None, f"Django no longer has {owner.__qualname__}.{name}: see gandan/sql.py"
    assert list(inspect.signature(hook).parameters) == parameters, (
        f"{owner.__qualname__}.{name} changed signature"
    )
    if caller is not None:
        assert f".{name}(" in inspect.getsource(caller), f"{caller.__qualname__} no longer calls {name}"


def test_atomic_still_opens_sqlite_transactions_through_the_hook():
    assert "force_begin_transaction_with_broken_autocommit=True" in inspect.getsource(
        transaction.Atomic.__enter__
    )


def test_a_missing_session_still_clears_the_private_session_key():
    assert isinstance(inspect.getattr_static(SessionBase, "_session_key"), property)


@pytest.mark.django_db
def test_a_prefetch_filled_by_hand_is_read_by_django_without_a_query(django_assert_num_queries):
    from gandan.dossiers.models import Procedure, ProcedureComponent

    procedure = Procedure.objects.filter(components__isnull=False).first()
    components = list(ProcedureComponent.objects.filter(procedure=procedure))
    prefetched(procedure, "components", components)

    with django_assert_num_queries(0):
        assert list(procedure.components.all()) == components


@pytest.mark.django_db
def test_the_values_of_hand_written_sql_match_what_the_orm_stores():
    import datetime as dt

    from django.utils import timezone

    from gandan.portal.models import ThrottleHit

    at = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    ThrottleHit.objects.create(key="internals", at=at)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table(ThrottleHit)} WHERE key = %s AND at >= %s",  # noqa: S608
            ["internals", db_datetime(at)],
        )
        assert cursor.fetchone() == (1,)
    assert db_date(dt.date(2026, 2, 17)) in ("2026-02-17", dt.date(2026, 2, 17))
