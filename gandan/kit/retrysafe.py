"""Which tasks may run again after a worker died in the middle of them.

A task is retry-safe when running it a second time, after a first run cut at any instant, does no side effect twice:
its writes are in transactions that commit whole or not at all, and a second run finds what the first committed and
does not repeat it (idempotency keys, rows marked done, figures replaced whole). Declare it beside its definition:

    @retry_safe
    @task()
    def dashboard_refresh_task(): ...

A task left "running" by a dead worker goes back to the queue only if it is declared here; any other one is marked
failed for a human to look at (gandan.operations.recovery). Undeclared means not safe."""

from typing import TypeVar

from django.utils.module_loading import import_string

T = TypeVar("T")

_SAFE: set[str] = set()


def retry_safe(task: T) -> T:
    """Declare a django-tasks Task safe to run again after an interrupted run (see the module's docstring)."""
    path = getattr(task, "module_path", None)
    if not isinstance(path, str):
        raise TypeError("retry_safe() takes a task made by @task(); put it above the @task() line")
    _SAFE.add(path)
    return task


def is_retry_safe(task_path: str) -> bool:
    """Whether the task at this dotted path is declared retry-safe (its module is imported to know)."""
    if task_path not in _SAFE:
        try:
            import_string(task_path)
        except ImportError:
            return False
    return task_path in _SAFE


def retry_safe_paths() -> list[str]:
    return sorted(_SAFE)
