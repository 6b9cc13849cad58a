"""The tổ dân vận network at a province's scale: the province supervisor's coverage page over every commune of Phú Thọ.

The national list has no villages outside the demo communes, so the seed gives every commune of Phú Thọ (about 150)
ten villages, and each village without a team a team of eight members, with the gaps the coverage counts
(gandan.mobilization.seeding_teams.seed_province_teams). The size is the province's real one and is not scaled:
1,500 villages and 12,000 members seed in seconds. The page is read as the demo's province supervisor, logged in
through the real login form."""

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

SUPERVISOR = "giamsat.phutho"
PROVINCE_PATH = "25"
VILLAGES_PER_COMMUNE = 10
MEMBERS_PER_TEAM = 8
COVERAGE_PATH = "/staff/mobilization/teams/"
UNLOADED_REQUESTS = 40
UNLOADED_MAX_S = 30


def _seed(scale: float, progress: Progress) -> None:
    from django.utils import timezone

    from gandan.accounts.models import User
    from gandan.mobilization.seeding_teams import seed_province_teams
    from gandan.units.models import COMMUNE_KINDS, Unit

    province = Unit.objects.get(path=PROVINCE_PATH)
    communes = Unit.objects.filter(
        kind__in=COMMUNE_KINDS, valid_to__isnull=True, path__startswith=f"{PROVINCE_PATH}."
    )
    with progress(total=communes.count(), desc="Communes", unit="commune") as bar:
        villages, teams, members = seed_province_teams(
            province=province,
            villages_per_commune=VILLAGES_PER_COMMUNE,
            members_per_team=MEMBERS_PER_TEAM,
            by=User.objects.get(username=SUPERVISOR),
            today=timezone.localdate(),
            progress=bar.update,
        )
    print(f"    {villages:,} villages, {teams:,} teams, {members:,} members created", flush=True)


def _coverage(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD
    from gandan.mobilization.models import Member, Team
    from gandan.units.models import COMMUNE_KINDS, Unit

    communes = Unit.objects.filter(
        kind__in=COMMUNE_KINDS, valid_to__isnull=True, path__startswith=f"{PROVINCE_PATH}."
    )
    print(
        f"    {communes.count():,} communes, {Team.objects.filter(dissolved_on__isnull=True).count():,} teams, "
        f"{Member.objects.count():,} members",
        flush=True,
    )
    spec = replace(
        LoadSpec.get(COVERAGE_PATH, headers=session_headers(ctx.login(SUPERVISOR, DEMO_PASSWORD))),
        connections=PAGE_CONNECTIONS,
    )
    status, _headers, body = ctx.fetch(COVERAGE_PATH, headers=dict(spec.headers))
    if status != 200 or b"<tfoot>" not in body:
        raise ScenarioError(f"GET {COVERAGE_PATH} answered {status} without the communes' totals")
    measurement = latency(
        ctx, spec, percentile=95, label="mobilization.coverage", size=communes.count(), size_unit="communes"
    )
    _report_unloaded(ctx, spec)
    return measurement


def _report_unloaded(ctx: Context, spec: LoadSpec) -> None:
    seconds: list[float] = []
    deadline = time.perf_counter() + UNLOADED_MAX_S
    while len(seconds) < UNLOADED_REQUESTS and time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _headers, _body = ctx.fetch(spec.paths[0], headers=dict(spec.headers))
        seconds.append(time.perf_counter() - started)
        if status != 200:
            raise ScenarioError(f"GET {spec.paths[0]} answered {status}")
    ms = percentiles_ms(seconds)
    print(
        f"    one request at a time: p50 {ms[50]:,.1f} ms, p95 {ms[95]:,.1f} ms ({len(seconds)} requests)",
        flush=True,
    )


SCENARIOS = [
    Scenario(
        name="mobilization.coverage",
        description="GET /staff/mobilization/teams/: the province supervisor's coverage of the teams, every commune (p95)",
        measure=_coverage,
        target=ms_at_most(200),
        seed=_seed,
    )
]
