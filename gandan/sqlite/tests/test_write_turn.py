"""Writers on SQLite take turns: a second writer waits for the first one's commit or rollback, then goes, and a
closed connection never keeps the turn. A turn not given back would freeze every write of the site, so each way
out of a transaction is tried. (Two desks receiving at once both get through: dossiers' test_concurrency.)"""

import copy
import threading

import pytest
from django.db import connection

from gandan.sqlite.base import DatabaseWrapper

WAIT_S = 10  # generous: only the order of events is asserted, never a duration


@pytest.fixture
def database(tmp_path):
    return tmp_path / "turns.sqlite3"


@pytest.fixture
def open_writer(database, django_db_blocker):
    settings = copy.deepcopy(connection.settings_dict)
    # A short timeout: how long a writer waits for SQLite's lock, and for a turn that is never given back.
    settings.update(
        ENGINE="gandan.sqlite", NAME=str(database), OPTIONS={"transaction_mode": "IMMEDIATE", "timeout": 1}
    )
    opened = []

    def make() -> DatabaseWrapper:
        writer = DatabaseWrapper(copy.deepcopy(settings), alias=f"turns{len(opened)}")
        writer.ensure_connection()
        opened.append(writer)
        return writer

    # Their own database file, not the test database: pytest-django's guard does not apply.
    with django_db_blocker.unblock():
        yield make
        for writer in opened:
            writer.close()


def start_in_thread(writer: DatabaseWrapper) -> threading.Event:
    """Begin a transaction on `writer` from another thread; the event says when it got its turn."""
    started = threading.Event()

    def begin():
        writer.inc_thread_sharing()
        writer._start_transaction_under_autocommit()
        started.set()

    threading.Thread(target=begin, daemon=True).start()
    return started


def test_the_second_writer_waits_for_the_first_commit_then_goes(open_writer):
    first, second = open_writer(), open_writer()
    first._start_transaction_under_autocommit()
    first.cursor().execute("CREATE TABLE desk (n integer)")

    started = start_in_thread(second)
    assert not started.wait(0.3)  # still the first writer's turn

    first._commit()
    assert started.wait(WAIT_S)
    second.cursor().execute("INSERT INTO desk VALUES (1)")
    second._commit()


@pytest.mark.parametrize("end", ["rollback", "close"])
def test_a_rollback_or_a_closed_connection_gives_the_turn_back(open_writer, end):
    first, second = open_writer(), open_writer()
    first._start_transaction_under_autocommit()
    started = start_in_thread(second)
    assert not started.wait(0.3)

    first._rollback() if end == "rollback" else first.close()

    assert started.wait(WAIT_S)
    second._rollback()


def test_a_turn_never_given_back_delays_a_writer_only_up_to_the_timeout(open_writer, database):
    """A process stuck with the turn (but not SQLite's lock) must not stop every other writer for ever."""
    import fcntl
    import os

    stuck = os.open(f"{database}.write-turn", os.O_RDWR | os.O_CREAT)
    fcntl.flock(stuck, fcntl.LOCK_EX)
    try:
        writer = open_writer()
        started = start_in_thread(writer)
        assert started.wait(WAIT_S)  # after the 1 s timeout, without the turn
        writer.cursor().execute("CREATE TABLE desk (n integer)")
        writer._commit()
    finally:
        os.close(stuck)


def test_a_turn_file_that_cannot_be_opened_leaves_writes_to_sqlite_alone(open_writer, database):
    (database.parent / f"{database.name}.write-turn").mkdir()  # in the way: not a file anyone can lock

    writer = open_writer()
    writer._start_transaction_under_autocommit()
    writer.cursor().execute("CREATE TABLE desk (n integer)")
    writer.cursor().execute("INSERT INTO desk VALUES (1)")
    writer._commit()

    assert writer.cursor().execute("SELECT count(*) FROM desk").fetchone() == (1,)
