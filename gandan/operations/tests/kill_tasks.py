"""Tasks for the worker kill tests only (test_worker_kill.py); the worker subprocess imports them by path."""

import os
from pathlib import Path

from django_tasks import task

from gandan.kit.faults import PAUSE_DIR_ENV, pause_point
from gandan.kit.retrysafe import retry_safe


def _log(line: str) -> None:
    # One short write with O_APPEND: lines of several processes never mix.
    path = Path(os.environ.get(PAUSE_DIR_ENV) or ".") / "runs.log"
    with path.open("a") as out:
        out.write(line + "\n")


@task()
def unsafe_task(label: str) -> str:
    """Not declared retry-safe: a run cut by a kill must never be repeated by the worker."""
    _log(f"unsafe {label} started")
    pause_point("test.unsafe")
    _log(f"unsafe {label} finished")
    return label


@retry_safe
@task()
def mark_task(n: int) -> int:
    """One line in runs.log per run: a task run twice shows twice."""
    _log(f"mark {n}")
    return n
