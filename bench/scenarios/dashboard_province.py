"""The leaders' dashboard at a province's scale: the province supervisor's page over every commune of Phú Thọ (about
150), while 1,000,000 dossiers and 1,000,000 petitions (× BENCH_SCALE) are stored.

The seed is the dossiers' and the petitions' own (bench/scenarios/dossiers.py and petitions.py: one seed each, shared
with their scenarios and with mobilization.report_month), then one refresh of the dashboard's stored figures
(`gandan.dashboard.services.figures_refresh`, every commune, twelve months; its time is printed apart). The measure
is `GET /staff/dashboard/` as `giamsat.phutho`: the month's indicators, the trend charts and the table of the
communes, read from the stored figures; the page never counts a record. A person's wait: one connection per server
worker, p95."""

import time
from dataclasses import replace

from bench.framework import (
    PAGE_CONNECTIONS,
    Context,
    Measurement,
    Progress,
    Scenario,
    ScenarioError,
    latency,
    ms_at_most,
    session_headers,
)
from bench.loadgen import LoadSpec

SUPERVISOR = "giamsat.phutho"
PAGE = "/staff/dashboard/"


def _seed(scale: float, progress: Progress) -> None:
    from bench.scenarios import dossiers, petitions

    dossiers._seed(scale, progress)
    petitions._seed(scale, progress)


def _refresh() -> None:
    from gandan.dashboard.models import MonthlyFigure
    from gandan.dashboard.services import figures_refresh

    started = time.perf_counter()
    stored = figures_refresh()
    print(
        f"    one refresh: {stored:,} figures of {MonthlyFigure.objects.values('commune_path').distinct().count()} "
        f"communes in {time.perf_counter() - started:,.1f} s",
        flush=True,
    )


def _province(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD
    from gandan.dossiers.models import Dossier
    from gandan.petitions.models import Petition

    _refresh()
    spec = replace(
        LoadSpec.get(PAGE, headers=session_headers(ctx.login(SUPERVISOR, DEMO_PASSWORD))),
        connections=PAGE_CONNECTIONS,
    )
    status, _headers, body = ctx.fetch(PAGE, headers=dict(spec.headers))
    if status != 200 or b'role="img"' not in body or b"dashboard-compare" not in body:
        raise ScenarioError(f"GET {PAGE} answered {status} without the charts and the communes' table")
    size = Dossier.objects.count() + Petition.objects.count()
    return latency(
        ctx, spec, percentile=95, label="dashboard.province", size=size, size_unit="dossiers and petitions"
    )


SCENARIOS = [
    Scenario(
        name="dashboard.province",
        description="GET /staff/dashboard/ as the province supervisor: every commune's indicators and trends (p95)",
        measure=_province,
        target=ms_at_most(300),
        seed=_seed,
    ),
]
