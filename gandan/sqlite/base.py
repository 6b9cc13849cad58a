"""Django's SQLite backend, with writers taking turns in the kernel instead of in SQLite's busy handler.

SQLite admits one writer. A second one that finds the write lock taken is put to sleep by SQLite's busy handler for
1, 2, 5, 10, 15, 20, 25 … ms between tries, so the lock often sits free while the next writer still sleeps: under
the desk's intake load a fifth of the machine's CPU time went idle that way. Here every transaction first takes an
exclusive `flock` on a file next to the database (`<database>.write-turn`), then runs `BEGIN IMMEDIATE`; the
kernel wakes the next waiter the moment the turn is given back at commit or rollback. SQLite's own lock stays the
authority: the turn only orders the waiters, and a writer outside a transaction (one autocommitted statement) still
queues on the busy timeout as before. A turn is only taken at the start of an outermost transaction, before any
SQLite lock is held, so no writer ever waits for the turn while holding the database."""

import fcntl
import os
from pathlib import Path

from django.db.backends.sqlite3 import base, creation

TURN_SUFFIX = ".write-turn"


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            Path(f"{test_database_name}{TURN_SUFFIX}").unlink(missing_ok=True)  # the test database's turn file


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._turn_fd: int | None = None
        self._turn_held = False

    def _turn_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if not name or name == ":memory:" or "mode=memory" in name:
            return None  # an in-memory database has one connection per process: no one to take turns with
        return f"{name}{TURN_SUFFIX}"

    def _take_turn(self) -> None:
        if self._turn_fd is None:
            path = self._turn_path()
            if path is None:
                return
            self._turn_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._turn_fd, fcntl.LOCK_EX)
        self._turn_held = True

    def _give_turn(self) -> None:
        if self._turn_held and self._turn_fd is not None:
            fcntl.flock(self._turn_fd, fcntl.LOCK_UN)
        self._turn_held = False

    def _start_transaction_under_autocommit(self):
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._give_turn()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._give_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._give_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._give_turn()
            if self._turn_fd is not None:
                os.close(self._turn_fd)
                self._turn_fd = None
