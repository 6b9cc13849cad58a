"""What `/metrics` reads at scrape time besides the request counters: the installation's health (one query, the same
as /api/v1/health) and each module's business figures (`<app>/metrics.py`, see gandan/kit/metrics.py), the latter
kept GANDAN_METRICS_FIGURES_SECONDS in this process so that a scrape every 15 s does not count a province's
millions of records each time."""

import time
from importlib import import_module

from django.conf import settings

from gandan.kit.metrics import Figure
from gandan.modules import registered
from gandan.operations.selectors.health import installation_health, notifications_needing_check

LEVEL = {"ok": 0, "warn": 1, "fail": 2}
_figures_cache: dict[str, tuple[float, list[Figure]]] = {}


def business_figures() -> list[Figure]:
    """Every module's figures, read at most once per GANDAN_METRICS_FIGURES_SECONDS in this process."""
    ttl = settings.GANDAN_METRICS_FIGURES_SECONDS
    kept = _figures_cache.get("all")
    if kept is not None and time.monotonic() - kept[0] < ttl:
        return kept[1]
    figures: list[Figure] = []
    for package, _module in registered():
        try:
            hook = import_module(f"{package}.metrics")
        except ModuleNotFoundError as exc:
            if exc.name == f"{package}.metrics":
                continue
            raise
        figures.extend(hook.business_metrics())
    needing_check = notifications_needing_check()
    if needing_check is not None:
        figures.append(
            Figure(
                "gandan_notifications_needing_check",
                "Notifications a dead worker left 'sending', waiting for a person to check them.",
                "gauge",
                needing_check,
            )
        )
    _figures_cache["all"] = (time.monotonic(), figures)
    return figures


def forget_figures() -> None:
    _figures_cache.clear()


class InstallationCollector:
    """A prometheus_client collector: yields fresh families at each scrape."""

    def collect(self):
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        health = installation_health()
        state = GaugeMetricFamily(
            "gandan_health",
            'Health of each check: 0 ok, 1 warn, 2 fail (the overall one is check="all"; 2 = /api/v1/health 503).',
            labels=["check"],
        )
        failing = {p.check: LEVEL[p.severity] for p in health.problems}
        for check in ("database", "worker", "queue", "backup"):
            state.add_metric([check], failing.get(check, 0))
        state.add_metric(["all"], LEVEL[health.status])
        yield state
        if health.database != "ok":
            return
        yield GaugeMetricFamily(
            "gandan_queue_depth", "Tasks waiting to run now (READY and due).", value=health.queue_depth or 0
        )
        yield GaugeMetricFamily(
            "gandan_queue_oldest_task_age_seconds",
            "How long the oldest waiting task has waited (0 when none waits).",
            value=health.queue_oldest_age_seconds or 0,
        )
        if health.worker_age_seconds is not None:
            yield GaugeMetricFamily(
                "gandan_worker_heartbeat_age_seconds",
                "Age of the freshest worker heartbeat (absent when no worker ever reported).",
                value=health.worker_age_seconds,
            )
        if health.backup_age_seconds is not None:
            yield GaugeMetricFamily(
                "gandan_backup_last_success_age_seconds",
                "Age of the last successful backup (absent when none was ever made).",
                value=health.backup_age_seconds,
            )
        for figure in business_figures():
            family = CounterMetricFamily if figure.kind == "counter" else GaugeMetricFamily
            yield family(figure.name, figure.help, value=figure.value)
