"""The one-stop desk (gandan.dossiers) at a province's scale: a million dossiers over the four demo communes.

The seed spreads `FULL_DOSSIERS` dossiers (× BENCH_SCALE) over the last 24 months with `seed_dossiers`, without
their timeline for speed, then a small recent sample with its timeline, as citizens mostly look up recent
dossiers. The staff scenarios log in as the demo officers of xã Sông Lô through the real login form."""

import datetime as dt
import json
import random
import time
from dataclasses import replace
from urllib.parse import urlencode

from bench.framework import (
    PAGE_CONNECTIONS,
    Context,
    Measurement,
    Progress,
    Scenario,
    ScenarioError,
    demo_communes,
    latency,
    ms_at_most,
    per_second_at_least,
    ratio_at_least,
    scaled,
    session_headers,
    throughput,
)
from bench.loadgen import LoadSpec, percentiles_ms
from gandan.core.sample_names import sample_name

FULL_DOSSIERS = 1_000_000
# Of which this many are recent (last SAMPLE_DAYS days) and seeded with their timeline (steps).
FULL_SAMPLE_WITH_STEPS = 20_000
SAMPLE_DAYS = 60
MONTHS = 24
DESK_OFFICER = "motcua.songlo"  # the desk officer of xã Sông Lô (08848)
LOOKUP_PAIRS = 400
LOOKUP_RECENT_SHARE = 0.75  # of the pairs, from the recent sample with a timeline; the rest from anywhere
INTAKE_BODIES = 500
SEED = 2026
# After a latency scenario, up to this many requests (or seconds) one at a time: the page's own time, without the
# queue that 32 connections on 2 workers build (under load a request waits for ~16 others: p95 ≈ 16 × that).
UNLOADED_REQUESTS = 40
UNLOADED_MAX_S = 30

LOOKUP_PATH = "/api/v1/dossiers/lookup"
INTAKE_PATH = "/api/v1/dossiers/"
WORKLIST_PATH = "/staff/dossiers/?worklist=overdue"
INDICATORS_PATH = "/api/v1/dossiers/indicators"

# Five plausible commune procedures, created only when no catalogue is loaded (gandan.dossiers.services.catalogue).
FALLBACK_PROCEDURES = [
    ("BENCH-HT-01", "Đăng ký khai sinh", "Hộ tịch", 3, 0),
    ("BENCH-HT-02", "Đăng ký kết hôn", "Hộ tịch", 5, 0),
    ("BENCH-CT-01", "Chứng thực bản sao từ bản chính", "Chứng thực", 1, 2000),
    ("BENCH-DD-01", "Đăng ký biến động đất đai", "Đất đai", 10, 0),
    ("BENCH-XD-01", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", 15, 75000),
]
VILLAGES = [
    "Thôn Đồng Mỏ",
    "Thôn Bảo Sơn",
    "Thôn Cao Phong",
    "Thôn Đồng Thịnh",
    "Thôn Tứ Yên",
    "Thôn Lãng Sơn",
]
REQUESTS = [
    "Xin cấp bản sao trích lục cho con đi học.",
    "Đề nghị giải quyết sớm vì gia đình cần gấp.",
    "Nhờ cán bộ hướng dẫn thêm về giấy tờ cần bổ sung.",
]


# --- seed -----------------------------------------------------------------------------------------------------


def _procedures() -> list:
    """The procedures in force: the demo catalogue when the project has one, otherwise five made up here."""
    from gandan.dossiers.selectors import procedures_in_force

    if not procedures_in_force().exists():
        try:
            from gandan.dossiers.services.catalogue import procedures_load_demo  # type: ignore[import-not-found]
        except ImportError:
            _create_fallback_procedures()
        else:
            procedures_load_demo()
    procedures = list(procedures_in_force())
    if not procedures:
        raise ScenarioError("no procedure is in force after loading the catalogue")
    return procedures


def _create_fallback_procedures() -> None:
    from gandan.core.vntext import fold
    from gandan.dossiers.models import OnlineLevel, Procedure, ProcedureComponent, TimeUnit

    for code, name, field, days, fee in FALLBACK_PROCEDURES:
        procedure = Procedure.objects.create(
            code=code, name=name, name_search=fold(name), field=field, legal_basis="Dữ liệu đo hiệu năng",
            time_value=days, time_unit=TimeUnit.WORKING_DAYS, fee=fee, online_level=OnlineLevel.PARTIAL,
        )  # fmt: skip
        ProcedureComponent.objects.bulk_create(
            [
                ProcedureComponent(
                    procedure=procedure, position=1, name="Tờ khai theo mẫu", copy_kind="original"
                ),
                ProcedureComponent(
                    procedure=procedure,
                    position=2,
                    name="Căn cước của người nộp",
                    copy_kind="original_or_copy",
                ),
            ]
        )


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, 28))


# The four scenarios share one seed; the runner calls each selected scenario's hook, so only the first seeds.
_seeded: set[str] = set()


def _seed(scale: float, progress: Progress) -> None:
    from django.db import connection
    from django.utils import timezone

    from gandan.dossiers.seeding import seed_dossiers

    database = str(connection.settings_dict["NAME"])
    if database in _seeded:
        print("    (seeded already: the dossiers scenarios share one seed)", flush=True)
        return
    _seeded.add(database)
    units, procedures = demo_communes(), _procedures()
    today = timezone.localdate()
    total = scaled(FULL_DOSSIERS, scale)
    sample = min(total, scaled(FULL_SAMPLE_WITH_STEPS, scale))
    common = {"units": units, "procedures": procedures, "end": today}
    with progress(total=total, desc="Dossiers", unit="row") as bar:
        if total > sample:
            seed_dossiers(
                count=total - sample, start=_months_before(today, MONTHS), seed=SEED, with_steps=False,
                progress=bar.update, **common,
            )  # fmt: skip
        seed_dossiers(
            count=sample, start=today - dt.timedelta(days=SAMPLE_DAYS), seed=SEED + 1, with_steps=True,
            progress=bar.update, **common,
        )  # fmt: skip


# --- measures -------------------------------------------------------------------------------------------------


def _dossier_count() -> int:
    from gandan.dossiers.models import Dossier

    return Dossier.objects.count()


def _lookup(ctx: Context) -> Measurement:
    from gandan.dossiers.models import Dossier, Step

    rng = random.Random(SEED)
    with_timeline = list(Step.objects.filter(action="submit").values_list("dossier_id", flat=True))
    recent = rng.sample(with_timeline, min(len(with_timeline), round(LOOKUP_PAIRS * LOOKUP_RECENT_SHARE)))
    ids = Dossier.objects.order_by("pk").values_list("pk", flat=True)
    first, last = ids.first(), ids.last()
    if first is None:
        raise ScenarioError("no dossier was seeded")
    anywhere = [rng.randint(first, last) for _ in range(LOOKUP_PAIRS - len(recent))]
    pairs = list(Dossier.objects.filter(pk__in=recent + anywhere).values_list("code", "phone_last4"))
    # Only right pairs: a wrong one is a failed attempt, and ten of them block the lookup for 127.0.0.1.
    # As a citizen's app asks since 12/2026: the digits in a JSON body, never in the address.
    bodies = [json.dumps({"code": code, "last4": last4}).encode() for code, last4 in pairs]
    spec = LoadSpec.post(LOOKUP_PATH, bodies=bodies, headers=[("Content-Type", "application/json")])
    return throughput(ctx, spec, label="dossiers.lookup", size=_dossier_count(), size_unit="dossiers")


def _intake_bodies(procedures: list, count: int) -> list[bytes]:
    """Complete dossiers (every listed paper present) accepted at once: the desk's common case."""
    rng = random.Random(SEED)
    bodies = []
    # Procedures whose application asks required fields (birth registration …) need answers the bench does not make.
    procedures = [p for p in procedures if not any(f.required for f in p.fields_schema)] or procedures
    for n in range(count):
        procedure = procedures[n % len(procedures)]
        payload = {
            "procedure_id": procedure.pk,
            "channel": 1,
            "applicant_name": sample_name(rng),
            "applicant_phone": f"09{rng.randrange(10**8):08d}",
            "applicant_address": f"{rng.choice(VILLAGES)}, xã Sông Lô",
            "id_number": f"025{rng.choice('0123')}{rng.randrange(100):02d}{rng.randrange(10**6):06d}",
            "request": rng.choice(REQUESTS) if n % 3 == 0 else "",
            "sets": 1,
            "present_component_ids": [c.pk for c in procedure.components.all()],
            "accept": True,
        }
        bodies.append(json.dumps(payload).encode())
    return bodies


def _intake(ctx: Context) -> Measurement:
    from django.db.models import Count, Max

    from gandan.demo import DEMO_PASSWORD
    from gandan.dossiers.models import Dossier, Status
    from gandan.dossiers.selectors import procedures_in_force

    procedures = list(procedures_in_force())
    cookies = ctx.login(DESK_OFFICER, DEMO_PASSWORD)
    headers = [("Content-Type", "application/json"), *session_headers(cookies, csrf=True)]
    spec = LoadSpec.post(INTAKE_PATH, bodies=_intake_bodies(procedures, INTAKE_BODIES), headers=headers)
    last_before = Dossier.objects.aggregate(last=Max("pk"))["last"] or 0
    measurement = throughput(ctx, spec, label="dossiers.intake", size=_dossier_count(), size_unit="dossiers")
    # Every intake must be a new dossier with its own code: check what the run wrote, warm-up included.
    load = measurement.load
    created = Dossier.objects.filter(pk__gt=last_before)
    totals = created.aggregate(rows=Count("pk"), codes=Count("code", distinct=True))
    accepted = created.filter(status=Status.ACCEPTED, appointment__isnull=False).count()
    print(
        f"    {totals['rows']:,} dossiers created (check + warm-up + run), {totals['codes']:,} distinct codes, "
        f"{accepted:,} accepted with an appointment",
        flush=True,
    )
    if load is not None and (load.failed or load.errors):
        raise ScenarioError(
            f"{load.failed + load.errors:,} of {load.requests + load.errors:,} intake requests failed "
            f"({measurement.value:,.0f} req/s): see the server log"
        )
    if totals["codes"] != totals["rows"] or accepted != totals["rows"]:
        raise ScenarioError(
            f"{totals['rows']:,} dossiers created but {totals['codes']:,} distinct codes and {accepted:,} accepted"
        )
    if load is not None and totals["rows"] < load.requests:
        raise ScenarioError(
            f"{load.requests:,} intakes answered 201 but only {totals['rows']:,} dossiers exist"
        )
    return measurement


def _home_scope_size() -> tuple[object, int]:
    from gandan.accounts.models import User
    from gandan.dossiers.models import Dossier

    user = User.objects.select_related("unit").get(username=DESK_OFFICER)
    return user, Dossier.objects.filter(unit=user.unit).count()


def _overdue_worklist(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD
    from gandan.dossiers.selectors import Worklist, dossier_list_for_user

    user, _rows = _home_scope_size()
    overdue = dossier_list_for_user(user, worklist=Worklist.OVERDUE).count()
    spec = replace(
        LoadSpec.get(WORKLIST_PATH, headers=session_headers(ctx.login(DESK_OFFICER, DEMO_PASSWORD))),
        connections=PAGE_CONNECTIONS,
    )
    measurement = latency(
        ctx,
        spec,
        percentile=95,
        label="dossiers.overdue_worklist",
        size=overdue,
        size_unit="overdue dossiers",
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


def _last_full_month() -> str:
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


def _ontime_indicator(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD

    _user, rows = _home_scope_size()
    path = f"{INDICATORS_PATH}?{urlencode({'month': _last_full_month()})}"
    spec = replace(
        LoadSpec.get(path, headers=session_headers(ctx.login(DESK_OFFICER, DEMO_PASSWORD))),
        connections=PAGE_CONNECTIONS,
    )
    measurement = latency(
        ctx, spec, percentile=95, label="dossiers.ontime_indicator", size=rows, size_unit="commune dossiers"
    )
    _report_unloaded(ctx, spec)
    return measurement


SCENARIOS = [
    Scenario(
        name="dossiers.lookup",
        description="POST /api/v1/dossiers/lookup: a citizen's lookup by code and phone digits, 400 dossiers",
        measure=_lookup,
        target=ratio_at_least(0.5),
        seed=_seed,
    ),
    Scenario(
        name="dossiers.intake",
        description="POST /api/v1/dossiers/: the Sông Lô desk officer receives and accepts a complete dossier",
        measure=_intake,
        target=per_second_at_least(200),
        seed=_seed,
    ),
    Scenario(
        name="dossiers.overdue_worklist",
        description="GET /staff/dossiers/?worklist=overdue: the desk officer's overdue worklist page (p95)",
        measure=_overdue_worklist,
        target=ms_at_most(100),
        seed=_seed,
    ),
    Scenario(
        name="dossiers.ontime_indicator",
        description="GET /api/v1/dossiers/indicators: last month's Decision 766 indicators of a commune (p95)",
        measure=_ontime_indicator,
        target=ms_at_most(300),
        seed=_seed,
    ),
]
