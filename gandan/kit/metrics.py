"""Request counters for `/metrics` (Prometheus text format), and the contract modules use to publish figures.

Switched on only when GANDAN_METRICS_TOKEN or GANDAN_METRICS_ALLOW_IPS is set (settings.py then adds the middleware;
otherwise prometheus_client is never imported and a request pays nothing). The middleware counts each answer by
method, status class and the resolved URL name (`dossiers:detail`, never the raw path, which holds codes and ids),
and times it in a histogram by URL name.

gunicorn runs several processes: when PROMETHEUS_MULTIPROC_DIR is set (`gandan run` sets it to
$GANDAN_DATA_DIR/metrics and empties it at start), prometheus_client writes each process's counters to files there
and the scrape adds them up (`registry()`). Without it (tests, a single process) they stay in memory.

A module publishes business figures by a `metrics.py` beside its `module.py` with

    def business_metrics() -> list[Figure]

read at scrape time (cheap counts; the operations module caches them for GANDAN_METRICS_FIGURES_SECONDS).
"""

import os
import time
from dataclasses import dataclass
from functools import cache

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Seconds: most pages answer in 5–50 ms; the slow tail (exports, PDFs) up to seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
UNMATCHED = "unmatched"  # no URL pattern matched (a 404), or a middleware answered first (a redirect, a 413)


@dataclass(frozen=True)
class Figure:
    name: str  # gandan_<what>, e.g. gandan_dossiers_received_total
    help: str  # one line, English (read by operators' tools, not citizens)
    kind: str  # "counter" (only grows) or "gauge"
    value: float


@cache
def request_metrics():
    """The two request collectors, made once per process (not in the default registry: `registry()` picks them)."""
    from prometheus_client import Counter, Histogram

    requests = Counter(
        "gandan_http_requests",
        "HTTP requests answered, by method, status class and URL name.",
        ["method", "status", "view"],
        registry=None,
    )
    latency = Histogram(
        "gandan_http_request_duration_seconds",
        "Time to answer an HTTP request, by URL name.",
        ["view"],
        buckets=BUCKETS,
        registry=None,
    )
    return requests, latency


def registry(*extra):
    """A registry for one scrape: every process's request counters (multiprocess mode) or this process's, plus the
    collectors given (read at scrape time)."""
    from prometheus_client import CollectorRegistry
    from prometheus_client.multiprocess import MultiProcessCollector

    result = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(result)
    else:
        for collector in request_metrics():
            result.register(collector)
    for collector in extra:
        result.register(collector)
    return result


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNMATCHED
    return match.view_name or match.route or UNMATCHED


class MetricsMiddleware:
    """Placed by settings.py right below the body limit, only when metrics are on."""

    def __init__(self, get_response):
        self.get_response = get_response
        requests, latency = request_metrics()
        self.requests = requests
        self.latency = latency

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        name = view_name(request)
        method = request.method if request.method in METHODS else "other"
        self.requests.labels(method, f"{response.status_code // 100}xx", name).inc()
        self.latency.labels(name).observe(elapsed)
        return response


def prepare_multiprocess_dir(path) -> None:
    """Empty the folder of the processes' counter files (a new start counts from zero; Prometheus sees a counter
    reset, which it handles) and create it."""
    from pathlib import Path

    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
