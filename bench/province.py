"""`gandan bench --province` (PostgreSQL only): a province's three years, 10,000,000 dossiers and 10,000,000 petitions
(× BENCH_SCALE) over every commune of Phú Thọ, then the scenarios that read them (PROVINCE_AREAS).

Three years of history cannot go through Python objects at this size (20 µs a row: hours), so the seed writes the
history older than the recent window in PostgreSQL itself, one month per statement, `INSERT … SELECT … FROM
generate_series(…)`: codes numbered per commune and day (dossiers) or year (petitions) by `row_number()`,
appointments on the real working calendar (the TEMP table bench_workday, computed with gandan.core.workdays), the
closed statuses three-year-old records have (a desk that keeps up; 2 % of the dossiers stale), their search entries
and the petitions' duplicate keys. The recent window (the last 60 days of dossiers, 90 of petitions: the open
cases, their clocks, timelines and real fingerprints) goes through the project's own seeders
(gandan/dossiers/seeding.py, gandan/petitions/seeding.py) with the same rules as every other run. The loaded
tables' plain indexes (the search GIN index, the duplicate keys' B-tree, the worklist and period indexes) are
dropped during the load and built again from their own definitions after it, as pg_restore does: one sorted
build each instead of tens of millions of insertions (at 1 % under a busy machine the SQL load ran at ~1,800 rows/s
with them in place); their foreign keys likewise, added again after the load, which checks every row at once
rather than one query per row. Primary keys and unique constraints stay, so a wrong code still fails the load.
ANALYZE runs at the end."""

import datetime as dt
import random
import time

from bench.framework import Progress, ScenarioError, scaled

PROVINCE_AREAS = ("dashboard", "dossiers", "petitions", "mobilization")
SUPERVISOR = "giamsat.phutho"  # the demo's province supervisor: the province is the unit of that account
FULL_DOSSIERS = 10_000_000
FULL_PETITIONS = 10_000_000
MONTHS = 36
DOSSIER_RECENT_DAYS = 60  # as bench/scenarios/dossiers.py: recent dossiers through the project's seeder
PETITION_RECENT_DAYS = 90  # as bench/scenarios/petitions.py
FULL_SAMPLE_WITH_STEPS = 50_000  # recent dossiers seeded with their timeline (the lookups pick among them)
FULL_REAL_KEYS = 50_000  # recent petitions with real fingerprints (the duplicate check compares them)
STALE_SHARE = 0.02  # open dossiers older than the window that the desk forgot (bench/scenarios/dossiers.py)
SEED = 2030
# Measured at 1 % (docs/scaling.md §4): 866 MB, search documents and duplicate keys most of it; plus room for the
# WAL and the sorts of the index builds.
BYTES_AT_FULL_SCALE = 86_600_000_000
HEADROOM = 1.15


def province_communes() -> list:
    """The communes in force under the province supervisor's unit."""
    from gandan.accounts.models import User
    from gandan.units.models import COMMUNE_KINDS, Unit

    user = User.objects.select_related("unit").filter(username=SUPERVISOR).first()
    if user is None or user.unit is None:
        raise ScenarioError(f"the demo's province supervisor {SUPERVISOR} is missing: is the demo loaded?")
    communes = list(
        Unit.objects.current().subtree(user.unit.path).filter(kind__in=COMMUNE_KINDS).order_by("path")
    )
    if not communes:
        raise ScenarioError(f"no commune in force under {user.unit.path}")
    return communes


def seed_province(scale: float, progress: Progress) -> None:
    from django.db import connection
    from django.utils import timezone

    from bench.province_dossiers import insert_dossiers, max_procedure_days
    from bench.province_petitions import insert_petitions, prepare_petitions
    from bench.province_sql import (
        add_foreign_keys,
        build_indexes,
        create_helpers,
        drop_foreign_keys,
        drop_plain_indexes,
        months,
        shares,
        working_days,
    )
    from bench.scenarios import dossiers as dossier_scenarios
    from bench.scenarios import petitions as petition_scenarios

    if connection.vendor != "postgresql":
        raise ScenarioError("the province seed writes PostgreSQL SQL: set DATABASE_URL=postgres://…")
    _check_disk(scale)
    started = time.perf_counter()
    rng = random.Random(SEED)
    communes = province_communes()
    procedures = dossier_scenarios._procedures()
    today = timezone.localdate()
    start = dossier_scenarios._months_before(today, MONTHS)
    total_d, total_p = scaled(FULL_DOSSIERS, scale), scaled(FULL_PETITIONS, scale)
    span = (today - start).days
    recent_d = round(total_d * DOSSIER_RECENT_DAYS / span)
    recent_p = round(total_p * PETITION_RECENT_DAYS / span)
    print(
        f"    {len(communes)} communes, {total_d:,} dossiers and {total_p:,} petitions over {MONTHS} months "
        f"({recent_d:,} and {recent_p:,} of them recent, through the project's seeders)",
        flush=True,
    )
    create_helpers(communes, start, today, max_procedure_days(procedures) + 3, rng)
    dropped, foreign_keys = drop_plain_indexes(), drop_foreign_keys()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [0.2030])

    def bulk(kind: str, total: int, until: dt.date, insert) -> None:  # type: ignore[no-untyped-def]
        cuts = months(start, until)
        days = [working_days(low, high) for low, high in cuts]
        counts = shares(total, [len(d) for d in days])
        t0 = time.perf_counter()
        with progress(total=total, desc=f"{kind} (SQL)", unit="row") as bar:
            for day_list, count in zip(days, counts, strict=True):
                if count and day_list:
                    insert(day_list, count)
                bar.update(count)
        print(f"    {total:,} {kind} in SQL in {time.perf_counter() - t0:,.0f} s", flush=True)

    bulk(
        "Dossiers",
        total_d - recent_d,
        today - dt.timedelta(days=DOSSIER_RECENT_DAYS),
        lambda days, count: insert_dossiers(days, count, procedures, len(communes), today),
    )
    prepare_petitions(rng, scale)
    bulk(
        "Petitions",
        total_p - recent_p,
        today - dt.timedelta(days=PETITION_RECENT_DAYS),
        lambda days, count: insert_petitions(days, count, len(communes), today),
    )
    t0 = time.perf_counter()
    _recent(communes, procedures, today, recent_d, recent_p, scale, progress)
    print(f"    recent window through the seeders in {time.perf_counter() - t0:,.0f} s", flush=True)
    # The scenarios of the dossiers and petitions read this seed instead of seeding their four communes.
    database = str(connection.settings_dict["NAME"])
    dossier_scenarios._seeded.add(database)
    petition_scenarios._seeded.add(database)
    t0 = time.perf_counter()
    build_indexes(dropped, progress)
    add_foreign_keys(foreign_keys, progress)
    print(
        f"    {len(dropped)} indexes and {len(foreign_keys)} foreign keys added again in "
        f"{time.perf_counter() - t0:,.0f} s",
        flush=True,
    )
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(
        f"    ANALYZE in {time.perf_counter() - t0:,.0f} s; province seed done in "
        f"{time.perf_counter() - started:,.0f} s, database {size}",
        flush=True,
    )


def _recent(
    communes: list,
    procedures: list,
    today: dt.date,
    recent_d: int,
    recent_p: int,
    scale: float,
    progress: Progress,
) -> None:
    from gandan.dossiers.seeding import seed_dossiers
    from gandan.petitions.seeding import seed_petitions

    with_steps = min(recent_d, scaled(FULL_SAMPLE_WITH_STEPS, scale))
    common = {"units": communes, "procedures": procedures, "end": today}
    start = today - dt.timedelta(days=DOSSIER_RECENT_DAYS)
    with progress(total=recent_d, desc="Recent dossiers", unit="row") as bar:
        if recent_d > with_steps:
            seed_dossiers(
                count=recent_d - with_steps, start=start, seed=SEED, with_steps=False, progress=bar.update,
                **common,
            )  # fmt: skip
        seed_dossiers(
            count=with_steps, start=start, seed=SEED + 1, with_steps=True, progress=bar.update, **common
        )
    real = min(recent_p, scaled(FULL_REAL_KEYS, scale))
    start = today - dt.timedelta(days=PETITION_RECENT_DAYS)
    with progress(total=recent_p, desc="Recent petitions", unit="row") as bar:
        if recent_p > real:
            seed_petitions(
                count=recent_p - real, units=communes, start=start, end=today, seed=SEED, real_keys=False,
                progress=bar.update,
            )  # fmt: skip
        seed_petitions(
            count=real, units=communes, start=start, end=today, seed=SEED + 1, real_keys=True,
            progress=bar.update,
        )  # fmt: skip


def _check_disk(scale: float) -> None:
    """Refuse a seed that would fill the database server's disk (other databases live there), when the server's
    data directory is on this machine and readable; otherwise say what it needs and go on."""
    import shutil
    from pathlib import Path

    from django.db import connection

    need = BYTES_AT_FULL_SCALE * scale * HEADROOM
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            directory = Path(cursor.fetchone()[0])
        free = shutil.disk_usage(directory).free
    except Exception:  # not a superuser, or the server is another machine: nothing to check here
        print(f"    the seed needs about {need / 1e9:,.0f} GB free on the database server", flush=True)
        return
    if free < need:
        raise ScenarioError(
            f"the province seed at scale {scale:g} needs about {need / 1e9:,.0f} GB free on the database server, "
            f"and {directory} has {free / 1e9:,.0f} GB: free some, or run with a smaller BENCH_SCALE"
        )
    print(f"    disk: about {need / 1e9:,.0f} GB needed, {free / 1e9:,.0f} GB free", flush=True)
