"""Set-up for the search tests: a small corpus and a way to run a test under each of SQLite's plans."""

import pytest
from django.db import connection

from gandan.search import services

# Every plan of filter_queryset must give the same rows; these thresholds force each one whatever the corpus
# size. On PostgreSQL "probe" forces the row-by-row check of multi-word queries; the others leave the planner.
PLANS = {
    "drive": {"SQLITE_DRIVE_BELOW": 10**9, "SQLITE_PROBE_FROM": 10**9},
    "set": {"SQLITE_DRIVE_BELOW": 0, "SQLITE_PROBE_FROM": 10**9, "SQLITE_ROWS_MAX": 10**9},
    "probe": {
        "SQLITE_DRIVE_BELOW": 0,
        "SQLITE_PROBE_FROM": 0,
        "SQLITE_ROWS_MAX": 10**9,
        "POSTGRES_PROBE_ROWS_MAX": 10**9,
        "POSTGRES_COMMON_FROM": 0,
    },  # fmt: skip
    "common word, many rows": {"SQLITE_DRIVE_BELOW": 0, "SQLITE_PROBE_FROM": 0, "SQLITE_ROWS_MAX": 0},
}


@pytest.fixture(params=list(PLANS))
def plan(request, monkeypatch) -> str:
    for name, value in PLANS[request.param].items():
        monkeypatch.setattr(services, name, value)
    return request.param


@pytest.fixture
def vendor() -> str:
    return connection.vendor
