"""The periodic mass-mobilisation report (gandan.mobilization, issue #14) at a province's scale: a commune's monthly
report computed while 1,000,000 dossiers and 1,000,000 petitions (× BENCH_SCALE) are stored over the four demo
communes.

The seed is the dossiers' and the petitions' own (bench/scenarios/dossiers.py and petitions.py: one seed each, shared
with their scenarios), then the draft report of xã Sông Lô for the last full month, started by its mass-mobilisation
officer. The measure is that officer pressing "Compute the figures again" on the report's page
(POST /staff/mobilization/reports/<id>/refresh/): every module present answers its part of the report
(gandan.kit.reports) and the snapshot is stored. A person's wait: one connection per server worker, p95."""

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
from bench.loadgen import LoadSpec, percentiles_ms

OFFICER = "danvan.songlo"  # the mass-mobilisation officer of xã Sông Lô (08848)
UNLOADED_REQUESTS = 10
UNLOADED_MAX_S = 60


def _last_full_month():
    import datetime as dt

    from django.utils import timezone

    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return last.year, last.month


def _seed(scale: float, progress: Progress) -> None:
    from bench.scenarios import dossiers, petitions

    dossiers._seed(scale, progress)
    petitions._seed(scale, progress)
    _report()


def _report():
    """The draft report of the officer's commune for the last full month (started here once)."""
    from gandan.accounts.models import User
    from gandan.mobilization.selectors.reports import report_list
    from gandan.mobilization.services.reports import ReportExists, report_create

    officer = User.objects.select_related("unit").get(username=OFFICER)
    year, month = _last_full_month()
    try:
        return report_create(unit=officer.unit, period_kind="month", year=year, number=month, by=officer)
    except ReportExists:
        found = report_list(officer, period_kind="month", year=year).filter(period_start__month=month).first()
        if found is None:
            raise ScenarioError("the report exists but the officer cannot see it") from None
        return found


def _sizes() -> str:
    from gandan.dossiers.models import Dossier
    from gandan.petitions.models import Petition

    return f"{Dossier.objects.count():,} dossiers and {Petition.objects.count():,} petitions stored"


def _report_month(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD
    from gandan.dossiers.models import Dossier
    from gandan.petitions.models import Petition

    report = _report()
    if report.state != "draft":
        raise ScenarioError(f"the report of {report.period_start:%m/%Y} is {report.state}, not a draft")
    path = f"/staff/mobilization/reports/{report.pk}/refresh/"
    headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        *session_headers(ctx.login(OFFICER, DEMO_PASSWORD), csrf=True),
    ]
    spec = replace(LoadSpec.post(path, bodies=[b"refresh=1"], headers=headers), connections=PAGE_CONNECTIONS)
    print(f"    {_sizes()}; the report of {report.unit.name} for {report.period_start:%m/%Y}", flush=True)
    size = Dossier.objects.count() + Petition.objects.count()
    measurement = latency(
        ctx,
        spec,
        percentile=95,
        label="mobilization.report_month",
        size=size,
        size_unit="dossiers and petitions",
    )
    _one_at_a_time(ctx, spec)
    return measurement


def _one_at_a_time(ctx: Context, spec: LoadSpec) -> None:
    """The report's own time, without the queue of the loaded run."""
    seconds: list[float] = []
    deadline = time.perf_counter() + UNLOADED_MAX_S
    while len(seconds) < UNLOADED_REQUESTS and time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _headers, _body = ctx.fetch(
            spec.paths[0], method="POST", body=spec.first_body, headers=dict(spec.headers)
        )
        seconds.append(time.perf_counter() - started)
        if status != 302:
            raise ScenarioError(f"POST {spec.paths[0]} answered {status}, not the redirect to the report")
    ms = percentiles_ms(seconds)
    print(
        f"    one request at a time: p50 {ms[50]:,.1f} ms, p95 {ms[95]:,.1f} ms ({len(seconds)} requests)",
        flush=True,
    )


SCENARIOS = [
    Scenario(
        name="mobilization.report_month",
        description="POST …/reports/<id>/refresh/: a commune's monthly report computed from every module (p95)",
        measure=_report_month,
        target=ms_at_most(2000),
        seed=_seed,
    ),
]
