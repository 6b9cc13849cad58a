"""A controlled place to kill the worker, for the kill tests (gandan/operations/tests/test_worker_kill.py).

`pause_point(name)` does nothing unless the environment variable GANDAN_TEST_PAUSE_AT names this very point: then it
writes the marker file `<GANDAN_TEST_PAUSE_DIR>/<name>.paused` and sleeps until the process is killed. In production
the variable is never set, and a call costs one look-up in `os.environ`."""

import os
import time
from pathlib import Path

PAUSE_ENV = "GANDAN_TEST_PAUSE_AT"
PAUSE_DIR_ENV = "GANDAN_TEST_PAUSE_DIR"


def pause_point(name: str) -> None:
    if os.environ.get(PAUSE_ENV) != name:
        return
    folder = Path(os.environ.get(PAUSE_DIR_ENV) or ".")
    (folder / f"{name}.paused").write_text(str(os.getpid()))
    while True:  # until SIGKILL: the test's whole point
        time.sleep(0.2)
