"""Django's SQLite backend, with writers taking turns on a file lock instead of in SQLite's busy handler.

SQLite admits one writer. A second one that finds the write lock taken is put to sleep by SQLite's busy handler for
1, 2, 5, 10, 15, 20, 25 … ms between tries, so the lock often sits free while the next writer still sleeps: under
the desk's intake load a fifth of the machine's CPU time went idle that way. Here every transaction first takes an
exclusive `flock` on a file next to the database (`<database>.write-turn`), then runs `BEGIN IMMEDIATE`; a waiter
tries the turn again at most half a millisecond apart, so it goes almost as soon as the turn is given back at commit
or rollback. SQLite's own lock stays the authority: the turn only orders the waiters; a writer outside a
transaction (one autocommitted statement) still queues on the busy timeout; a writer that waited longer than that
timeout, or cannot open the turn file, goes on without the turn. A turn is only taken at the start of an outermost
transaction, before any SQLite lock is held, so no writer ever waits for the turn while holding the database."""

import fcntl
import logging
import os
import time
from pathlib import Path

from django.db.backends.sqlite3 import base, creation

TURN_SUFFIX = ".write-turn"
LONGEST_PAUSE_S = 0.0005
logger = logging.getLogger("gandan.sqlite")


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            Path(f"{test_database_name}{TURN_SUFFIX}").unlink(
                missing_ok=True
            )  # the test database's turn file


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._turn_fd: int | None = None
        self._turn_held = False
        self._turn_unavailable = False

    def _turn_file(self) -> int | None:
        """The open turn file, or None for an in-memory database or a file that cannot be opened."""
        if self._turn_fd is None and not self._turn_unavailable:
            name = str(self.settings_dict["NAME"])
            if not name or name == ":memory:" or "mode=memory" in name:
                self._turn_unavailable = True  # one connection per process: no one to take turns with
                return None
            try:
                self._turn_fd = os.open(f"{name}{TURN_SUFFIX}", os.O_RDWR | os.O_CREAT, 0o660)
            except (
                OSError
            ) as exc:  # e.g. created by another system user; SQLite's lock alone keeps writes safe
                logger.warning(
                    "SQLite write turn unavailable (%s): writers wait on SQLite's busy timeout", exc
                )
                self._turn_unavailable = True
        return self._turn_fd

    def _take_turn(self) -> None:
        """Wait for the turn at most as long as SQLite would wait for its lock (the `timeout` option), then go on
        without it: a transaction left open somewhere (a shell, a long import) must not hang every writer. (A
        blocking lock with a time limit would need signals, which gunicorn's workers use themselves.)"""
        fd = self._turn_file()
        if fd is None:
            return
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = LONGEST_PAUSE_S / 8
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    logger.warning("SQLite write turn not given back in time: this writer goes on without it")
                    return
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE_S)
            else:
                self._turn_held = True
                return

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
