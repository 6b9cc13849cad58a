"""Field reports through Open311 GeoReport v2 (gandan.fieldreports.open311) at a province's scale: a million reports
over the four demo communes' villages, read back as an integrator's list and filed by an app with the demo key.

The seed writes `FULL_REPORTS` reports (× BENCH_SCALE) straight into their table, as `report_receive` leaves them
(codes from each commune's yearly counter, which is moved on past them; coordinates near the village points; the
public grid square; the search key; the due day), spread evenly over the last `MONTHS` months, so that the default
window of `GET requests` (the last 90 days) holds some 12 % of them, far more than the 1,000 it returns. The reports
of that window also get their first update and, when closed, their closing note (what the list shows)."""

import datetime as dt
import json
import random
import secrets
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
    scaled,
    throughput,
)
from bench.loadgen import LoadSpec

FULL_REPORTS = 1_000_000
MONTHS = 24
WINDOW_DAYS = 90  # Open311's default window
BATCH = 5_000
SEED = 2311
POST_BODIES = 500
POST_COMMUNE = "08848"  # the demo key is xã Sông Lô's
POST_CATEGORY = "duong-hu-hong"  # asks a required question: muc_do
REQUESTS_PATH = "/open311/v2/requests.json"
LIST_SIZE = 1_000  # what GET requests returns at most

OPEN = ("new", "investigating", "in_progress", "action_scheduled")
CLOSED = [
    ("fixed", 80),
    ("duplicate", 6),
    ("not_responsible", 5),
    ("no_further_action", 7),
    ("to_petition", 2),
]
CLOSING_NOTE = "Đã xử lý xong, cảm ơn người dân đã phản ánh."

_seeded: set[str] = set()


# --- seed -----------------------------------------------------------------------------------------------------


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _places(communes: list) -> dict[int, list[tuple[int, str, float, float]]]:
    """Each commune's villages with their points: (village id, name, lat, long)."""
    from gandan.fieldreports.models import PlacePoint

    places: dict[int, list[tuple[int, str, float, float]]] = {c.pk: [] for c in communes}
    for p in PlacePoint.objects.filter(unit__parent__in=communes).select_related("unit"):
        places[p.unit.parent_id].append((p.unit_id, p.unit.name, float(p.lat), float(p.long)))
    if not all(places.values()):
        raise ScenarioError("the demo's village points are not loaded (gandan.fieldreports.seeding)")
    return places


def seed_reports(*, count: int, progress: Progress, seed: int = SEED) -> int:
    """`count` reports in the demo communes over the last MONTHS months, in bulk; returns how many."""
    from django.db import transaction
    from django.utils import timezone

    from gandan.core.fieldreports import Point, approximate
    from gandan.core.vntext import search_key
    from gandan.fieldreports.demo_story import DESCRIPTIONS, PLACES
    from gandan.fieldreports.models import Category, FieldReport, ReportCounter, Update

    rng = random.Random(seed)
    communes = demo_communes()
    places = _places(communes)
    categories = [
        c
        for c in Category.objects.filter(active=True, level=Category.Level.COMMUNE)
        if c.code in DESCRIPTIONS
    ]
    required = {
        c.pk: {a.code: [str(a.values[0]["key"])] for a in c.attributes.filter(required=True)}
        for c in categories
    }
    answers = {pk: json.dumps(a) for pk, a in required.items()}
    counters = {(r.unit_id, r.year): r.last for r in ReportCounter.objects.filter(unit__in=communes)}
    used: dict[tuple[int, int], int] = {}
    keys: dict[str, str] = {}
    now = timezone.now()
    start = now - dt.timedelta(days=MONTHS * 365 // 12)
    span = (now - dt.timedelta(hours=1) - start).total_seconds()
    window = now - dt.timedelta(days=WINDOW_DAYS)
    columns = [f.column for f in FieldReport._meta.concrete_fields]
    update_columns = ["report_id", "status", "action", "note", "by_id", "api_key_id", "external_id", "at"]
    first_id = (FieldReport.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    made = 0
    with progress(total=count, desc="Field reports", unit="row") as bar, transaction.atomic():
        while made < count:
            rows, updates = [], []
            for n in range(made, min(count, made + BATCH)):
                commune = communes[n % len(communes)]
                village_id, village, lat0, long0 = rng.choice(places[commune.pk])
                category = categories[rng.randrange(len(categories))]
                at = start + dt.timedelta(seconds=span * n / count + rng.uniform(0, 60))
                local = timezone.localtime(at)
                year = local.year
                seq = used.get((commune.pk, year), counters.get((commune.pk, year), 0)) + 1
                used[(commune.pk, year)] = seq
                text = rng.choice(DESCRIPTIONS[category.code]).format(
                    village=village.replace("Thôn ", "thôn ")
                )
                address = f"{rng.choice(PLACES)}, {village}, {commune.name}" if n % 3 == 0 else ""
                key = text + address
                if key not in keys:
                    keys[key] = search_key(f"{text} {address}")
                lat, long = lat0 + rng.uniform(-0.0012, 0.0012), long0 + rng.uniform(-0.0012, 0.0012)
                grid = approximate(Point(lat, long))
                age = (now - at).days
                closed = age > 30 or rng.random() < age / 40
                status = (
                    rng.choices([s for s, _w in CLOSED], [w for _s, w in CLOSED])[0]
                    if closed
                    else rng.choice(OPEN)
                )
                updated = (
                    at + dt.timedelta(hours=rng.uniform(2, 24 * min(20, max(1, age))))
                    if status != "new"
                    else at
                )
                updated = min(updated, now - dt.timedelta(minutes=1))
                values = {
                    "id": first_id + n,
                    "code": f"PA-{commune.code}-{year % 100:02d}-{seq:05d}",
                    "token": secrets.token_urlsafe(18),
                    "unit_id": commune.pk,
                    "unit_path": commune.path,
                    "village_id": village_id,
                    "category_id": category.pk,
                    "channel": "open311" if n % 3 == 0 else "portal",
                    "status": status,
                    "description": text,
                    "search_text": keys[key],
                    "attributes": answers[category.pk],
                    "lat": f"{lat:.6f}",
                    "long": f"{long:.6f}",
                    "public_lat": f"{grid.lat:.6f}",
                    "public_long": f"{grid.long:.6f}",
                    "address": address,
                    "reporter_name": "",
                    "reporter_phone": f"09{rng.randrange(10**8):08d}" if n % 5 else "",
                    "reporter_email": "",
                    "device_id": "",
                    "account_id": "",
                    "api_key_id": None,
                    "media_url": "",
                    "assigned_to_id": None,
                    "duplicate_of_id": None,
                    "petition_code": "",
                    "hidden": n % 200 == 0,
                    "due": (local + dt.timedelta(days=7)).date(),
                    "received_at": at,
                    "updated_at": updated,
                    "closed_at": updated if closed else None,
                    "entered_by_id": None,
                }
                rows.append(tuple(values[c] for c in columns))
                if at >= window:
                    report_id = first_id + n
                    updates.append((report_id, "new", "", "", None, None, "", at))
                    if closed:
                        updates.append((report_id, status, status, CLOSING_NOTE, None, None, "", updated))
            _insert(FieldReport, columns, rows)
            _insert(Update, update_columns, updates)
            made += len(rows)
            bar.update(len(rows))
        for (unit_id, year), last in used.items():
            ReportCounter.objects.update_or_create(unit_id=unit_id, year=year, defaults={"last": last})
        _sequences_reset(FieldReport)  # the ids were given: PostgreSQL's sequence moves on past them
    return made


def _sequences_reset(model) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def _seed(scale: float, progress: Progress) -> None:
    from django.db import connection

    database = str(connection.settings_dict["NAME"])
    if database in _seeded:
        return
    _seeded.add(database)
    seed_reports(count=scaled(FULL_REPORTS, scale), progress=progress)


# --- measures -------------------------------------------------------------------------------------------------


def _report_count() -> int:
    from gandan.fieldreports.models import FieldReport

    return FieldReport.objects.count()


def _list(ctx: Context, path: str, label: str) -> Measurement:
    status, _headers, body = ctx.fetch(path)
    if status != 200:
        raise ScenarioError(f"GET {path} answered {status}: {body[:160]!r}")
    answered = json.loads(body)
    if len(answered) != LIST_SIZE:
        raise ScenarioError(f"GET {path} returned {len(answered):,} requests, not {LIST_SIZE:,}")
    spec = replace(LoadSpec.get(path), connections=PAGE_CONNECTIONS)
    return latency(ctx, spec, percentile=95, label=label, size=_report_count(), size_unit="reports")


def _get_requests(ctx: Context) -> Measurement:
    return _list(ctx, REQUESTS_PATH, "open311.get_requests")


def _get_requests_commune(ctx: Context) -> Measurement:
    return _list(
        ctx, f"{REQUESTS_PATH}?{urlencode({'jurisdiction_id': POST_COMMUNE})}", "open311.get_requests_commune"
    )


def _post_bodies(count: int) -> list[bytes]:
    """Distinct reports of xã Sông Lô's villages, as an app sends them (form-encoded, the required answer given)."""
    from gandan.core.sample_names import sample_name
    from gandan.demo import DEMO_API_KEY
    from gandan.fieldreports.demo_story import ASKS, DESCRIPTIONS
    from gandan.units.models import Unit

    rng = random.Random(SEED + 1)
    commune = Unit.objects.get(code=POST_COMMUNE, valid_to__isnull=True)
    villages = _places([commune])[commune.pk]
    bodies = []
    for n in range(count):
        _village_id, village, lat, long = villages[n % len(villages)]
        family, _sep, given = sample_name(rng).partition(" ")
        text = rng.choice(DESCRIPTIONS[POST_CATEGORY]).format(village=village.replace("Thôn ", "thôn "))
        form = {
            "api_key": DEMO_API_KEY,
            "jurisdiction_id": POST_COMMUNE,
            "service_code": POST_CATEGORY,
            "attribute[muc_do]": rng.choice(["nho", "vua", "lon"]),
            "lat": f"{lat + rng.uniform(-0.001, 0.001):.6f}",
            "long": f"{long + rng.uniform(-0.001, 0.001):.6f}",
            "description": f"{text}{rng.choice(ASKS)} (Ứng dụng, lần {n + 1})",
            "first_name": given,
            "last_name": family,
            "phone": f"09{rng.randrange(10**8):08d}",
            "device_id": f"bench-app-{n % 37}",
        }
        bodies.append(urlencode(form).encode())
    return bodies


def _post_request(ctx: Context) -> Measurement:
    from django.db.models import Max

    from gandan.fieldreports.models import FieldReport

    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    spec = LoadSpec.post(REQUESTS_PATH, bodies=_post_bodies(POST_BODIES), headers=headers)
    last_before = FieldReport.objects.aggregate(last=Max("pk"))["last"] or 0
    measurement = throughput(
        ctx, spec, label="open311.post_request", size=_report_count(), size_unit="reports"
    )
    load = measurement.load
    created = FieldReport.objects.filter(pk__gt=last_before, channel=FieldReport.Channel.OPEN311)
    rows = created.count()
    print(f"    {rows:,} reports filed (check + warm-up + run)", flush=True)
    if load is not None and (load.failed or load.errors):
        raise ScenarioError(
            f"{load.failed + load.errors:,} of {load.requests + load.errors:,} Open311 requests failed "
            f"({measurement.value:,.0f} req/s): see the server log"
        )
    if load is not None and rows < load.requests:
        raise ScenarioError(f"{load.requests:,} requests answered but only {rows:,} reports were filed")
    return measurement


SCENARIOS = [
    Scenario(
        name="open311.get_requests",
        description="GET /open311/v2/requests.json: the last 90 days' first 1,000 requests, 1,000,000 stored (p95)",
        measure=_get_requests,
        target=ms_at_most(300),
        seed=_seed,
    ),
    Scenario(
        name="open311.get_requests_commune",
        description="GET /open311/v2/requests.json?jurisdiction_id=08848: the same, one commune's (p95)",
        measure=_get_requests_commune,
        target=ms_at_most(300),
        seed=_seed,
    ),
    Scenario(
        name="open311.post_request",
        description="POST /open311/v2/requests.json: an app files a pothole in xã Sông Lô with the demo key",
        measure=_post_request,
        target=per_second_at_least(150),
        seed=_seed,
    ),
]
