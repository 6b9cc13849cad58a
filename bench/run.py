"""`make bench`: seed a fresh database, serve it with gunicorn as in production, put every scenario under load
from a second process, and print (and write) one table against the ceiling measured in the same run.

    BENCH_SCALE=0.05 python bench/run.py     # smaller data and shorter runs
    python bench/run.py --quick              # BENCH_SCALE=0.01, 3 s runs after a 1 s warm-up
    python bench/run.py --only calendar.due  # one scenario (the ceiling always runs)
    python bench/run.py --loadgen python     # the fallback load generator even when wrk is installed
    DATABASE_URL=postgres://… python bench/run.py             # on PostgreSQL, in a throwaway database
    DATABASE_URL=postgres://… python bench/run.py --province  # 10 M dossiers + 10 M petitions (× BENCH_SCALE)

Exit status: 0 when every scenario was measured, even if some missed their target (the misses are listed);
1 when the harness could not measure (setup, server, load generator, or a scenario that errored);
2 for a wrong command line."""

import argparse
import datetime as dt
import math
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

# Run as a script, Python puts bench/ itself on sys.path; the harness is the `bench` package of the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.framework import Context, Measurement, Scenario, ScenarioError, no_seed, tqdm_progress
from bench.loadgen import LoadError, LoadGenerator, PythonLoad, Wrk
from bench.machine import busy_share
from bench.postgres import BenchDatabase, DatabaseError, is_postgres, throwaway
from bench.province import PROVINCE_AREAS, seed_province
from bench.report import (
    Outcome,
    evaluate,
    failed,
    formatted,
    markdown_table,
    misses,
    results_json,
    write_results,
)
from bench.scenarios import all_scenarios
from bench.server import WORKERS, HarnessError, bench_environment, gunicorn, prepare_database

BENCH_DIR = Path(__file__).resolve().parent
QUICK_SCALE = 0.01
FULL_DURATION_S = 10  # TECH-NOTES §8 measured with -d10s; the same length keeps the figures comparable
MIN_DURATION_S = 3  # shorter, and the warm-up and the noise of this machine dominate
WARMUP_S = 2
# Two ceiling runs that differ more than this mean the machine was busy with something else meanwhile.
NOISE_WARNING = 0.25
# Share of all CPUs other processes may use while the harness is idle before the figures are flagged.
BUSY_WARNING = 0.15


class UsageError(Exception):
    """A wrong command line or BENCH_SCALE: exit status 2, like argparse's own errors."""


@dataclass(frozen=True)
class RunData:
    outcomes: list[Outcome]
    ceiling_runs: list[float]  # req/s of the ceiling at the start and at the end
    busy: list[float | None]  # share of the CPUs others used, just before and just after the measurements


@dataclass(frozen=True)
class RunSettings:
    scale: float
    duration_s: int
    warmup_s: int
    quick: bool
    province: bool = False


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"BENCH_SCALE={QUICK_SCALE} and the shortest runs"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this scenario or area, e.g. opinion (repeatable)",
    )
    parser.add_argument(
        "--loadgen", choices=["auto", "wrk", "python"], default="auto", help="default: wrk if on PATH"
    )
    parser.add_argument(
        "--duration", type=int, metavar="S", help="seconds of each measurement (overrides scale)"
    )
    parser.add_argument("--warmup", type=int, metavar="S", help="seconds of warm-up before each measurement")
    parser.add_argument(
        "--province",
        action="store_true",
        help="PostgreSQL only: 10,000,000 dossiers and 10,000,000 petitions (x BENCH_SCALE) over the province's"
        " communes, then the scenarios that read them (bench/province.py)",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    return parser.parse_args(argv)


def _settings(args: argparse.Namespace) -> RunSettings:
    raw = os.environ.get("BENCH_SCALE", "1.0")
    try:
        scale = QUICK_SCALE if args.quick else float(raw)
    except ValueError:
        raise UsageError(f"BENCH_SCALE must be a number, not {raw!r}") from None
    if not (scale > 0 and math.isfinite(scale)):
        raise UsageError(f"BENCH_SCALE must be positive, not {raw!r}")
    duration = (
        MIN_DURATION_S
        if args.quick
        else round(min(FULL_DURATION_S, max(MIN_DURATION_S, FULL_DURATION_S * scale)))
    )
    warmup = 1 if args.quick else WARMUP_S
    duration = args.duration if args.duration is not None else duration
    warmup = args.warmup if args.warmup is not None else warmup
    if duration < 1 or warmup < 0:
        raise UsageError("--duration must be at least 1 and --warmup at least 0")
    return RunSettings(
        scale=scale, duration_s=duration, warmup_s=warmup, quick=args.quick, province=args.province
    )


def _select(scenarios: list[Scenario], only: list[str] | None) -> list[Scenario]:
    if not only:
        return scenarios
    # A name, or an area: `--only opinion` selects every `opinion.*` scenario.
    known = {s.name for s in scenarios} | {s.name.split(".")[0] for s in scenarios}
    unknown = [name for name in only if name not in known]
    if unknown:
        raise UsageError(f"unknown scenario {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [s for s in scenarios if s.reference or s.name in only or s.name.split(".")[0] in only]


def _generator(choice: str) -> LoadGenerator:
    wrk = shutil.which("wrk")
    if choice == "wrk" and wrk is None:
        raise HarnessError("--loadgen wrk: wrk is not on PATH")
    if choice in ("auto", "wrk") and wrk is not None:
        return Wrk(wrk)
    return PythonLoad()


def _setup_django(env: dict[str, str]) -> None:
    """Django in the harness process, on the benchmark database: seed hooks and measure hooks use the ORM."""
    for name in set(os.environ) - set(env):
        del os.environ[name]
    os.environ.update(env)
    import django

    django.setup()


def _close_database() -> None:
    from django.db import connections

    connections.close_all()


def _measure(scenario: Scenario, ctx: Context) -> Measurement:
    measurement = scenario.measure(ctx)
    load = measurement.load
    detail = ""
    if load is not None:
        detail = f", p99 {load.percentile(99):,.1f} ms ({load.requests:,} requests"
        detail += f", {load.failed + load.errors:,} failed)" if load.failed or load.errors else ")"
    print(f"    {formatted(measurement.value, measurement.unit)}{detail}", flush=True)
    return measurement


def _run(
    selected: list[Scenario],
    settings: RunSettings,
    generator: LoadGenerator,
    workdir: Path,
    database: BenchDatabase | None,
) -> RunData:
    env = bench_environment(workdir, database.url if database else None)
    started = time.monotonic()
    where = f"PostgreSQL database {database.name}" if database else str(workdir)
    print(f"▸ Demo data into a fresh database ({where})", flush=True)
    prepare_database(env)
    _setup_django(env)
    if settings.province:
        try:
            seed_province(settings.scale, tqdm_progress)
        except ScenarioError as exc:
            raise HarnessError(f"the province seed: {exc}") from exc
    for scenario in selected:
        if scenario.seed is not no_seed:
            print(f"▸ Seeding {scenario.name} (scale {settings.scale:g})", flush=True)
            scenario.seed(settings.scale, tqdm_progress)
    # The server's workers open their own connections; the harness keeps none open while they run.
    _close_database()
    print(f"▸ Setup done in {time.monotonic() - started:.0f} s", flush=True)
    busy_before = _report_busy()

    print(f"▸ Starting gunicorn ({WORKERS} sync workers)", flush=True)
    with gunicorn(env, log_path=workdir / "gunicorn.log") as base_url:
        ctx = Context(
            base_url=base_url,
            scale=settings.scale,
            duration_s=settings.duration_s,
            warmup_s=settings.warmup_s,
            generator=generator,
            progress=tqdm_progress,
        )
        reference = next(s for s in selected if s.reference)
        others = [s for s in selected if not s.reference]
        total = len(others) + 2
        measured: list[tuple[Scenario, Measurement | str]] = []

        def reference_run(step: int, when: str) -> Measurement:
            print(f"[{step}/{total}] {reference.name} ({when}): {reference.description}", flush=True)
            try:
                return _measure(reference, ctx)
            except ScenarioError as exc:
                raise HarnessError(f"the ceiling could not be measured, so nothing compares: {exc}") from exc

        # The ceiling runs first and again last: the machine is shared, and two runs that disagree say the
        # ratios in between are not to be trusted (see _noise_notes).
        first = reference_run(1, "start")
        for step, scenario in enumerate(others, start=2):
            print(f"[{step}/{total}] {scenario.name}: {scenario.description}", flush=True)
            try:
                measured.append((scenario, _measure(scenario, ctx)))
            except LoadError:
                raise  # the load generator is broken for every scenario: a harness failure
            except ScenarioError as exc:
                print(f"    error: {exc}", flush=True)
                measured.append((scenario, str(exc)))
            except Exception as exc:  # one broken scenario must not lose the figures of the others
                traceback.print_exc()
                measured.append((scenario, f"{type(exc).__name__}: {exc}"))
            finally:
                _close_database()
        last = reference_run(total, "end")
    busy_after = _report_busy()

    # The better run is the closer one to what the machine can do; ratios against it are the conservative ones.
    ceiling = max(first, last, key=lambda m: m.value)
    outcomes = [evaluate(reference, ceiling, ceiling.value)]
    for scenario, result in measured:
        if isinstance(result, str):
            outcomes.append(failed(scenario, result))
            continue
        try:
            outcomes.append(evaluate(scenario, result, ceiling.value))
        except ScenarioError as exc:
            outcomes.append(failed(scenario, str(exc)))
    return RunData(outcomes, [first.value, last.value], [busy_before, busy_after])


def _report_busy() -> float | None:
    share = busy_share()
    if share is not None:
        print(f"▸ Other processes keep {share:.0%} of the CPUs busy", flush=True)
    return share


def _noise_notes(data: RunData) -> list[str]:
    notes = []
    start, end = data.ceiling_runs
    spread = abs(start - end) / max(start, end)
    if spread > NOISE_WARNING:
        notes.append(
            f"NOISY: the two ceiling runs differ by {spread:.0%} ({start:,.0f} req/s at the start, {end:,.0f} at"
            " the end); the ratios of this run are unreliable, run again on a quieter machine."
        )
    busiest = max((b for b in data.busy if b is not None), default=None)
    if busiest is not None and busiest > BUSY_WARNING:
        notes.append(
            f"BUSY: other processes kept up to {busiest:.0%} of the CPUs busy around the measurements, so every"
            " figure is lower than this machine can do."
        )
    return notes


def _meta(
    settings: RunSettings,
    generator: LoadGenerator,
    selected: list[Scenario],
    data: RunData,
    database_label: str,
) -> dict[str, object]:
    import django
    import gunicorn as gunicorn_package

    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scale": settings.scale,
        "quick": settings.quick,
        "province": settings.province,
        "database": database_label,
        "duration_s": settings.duration_s,
        "warmup_s": settings.warmup_s,
        "load_generator": generator.describe(),
        "server": f"gunicorn {gunicorn_package.__version__}, {WORKERS} sync workers, DEBUG=0, {database_label}",
        "django": django.get_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "ceiling_runs_rps": [round(r, 1) for r in data.ceiling_runs],
        "cpu_busy_other_processes": [None if b is None else round(b, 2) for b in data.busy],
        "scenarios_selected": [s.name for s in selected],
    }


def _markdown(outcomes: list[Outcome], meta: dict[str, object], notes: list[str]) -> str:
    header = (
        f"Benchmarks of {meta['date']}: scale {meta['scale']:g}"
        f"{' of the province seed (10,000,000 dossiers and petitions × scale)' if meta.get('province') else ''}, "
        f"{meta['duration_s']} s per scenario after a "
        f"{meta['warmup_s']} s warm-up, load from {meta['load_generator']} on the same machine "
        f"({meta['cpus']} CPUs); server {meta['server']}, Django {meta['django']}, Python {meta['python']}."
    )
    body = [header, "", markdown_table(outcomes)]
    if notes:
        body += ["", *[f"- {note}" for note in notes]]
    return "\n".join(body) + "\n"


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Turned into KeyboardInterrupt so the same `finally` blocks stop gunicorn and remove the temp directory.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        scenarios = all_scenarios()
    except ValueError as exc:
        print(f"bench: the scenario registry is wrong: {exc}", file=sys.stderr)
        return 1
    if args.list:
        for scenario in scenarios:
            target = scenario.target.text() if scenario.target else "reference"
            print(f"{scenario.name:<24} {target:<20} {scenario.description}")
        return 0
    database_url = os.environ.get("DATABASE_URL", "").strip()
    try:
        if database_url and not is_postgres(database_url):
            raise UsageError("DATABASE_URL must be a postgres:// URL (or unset for SQLite)")
        if args.province and not database_url:
            raise UsageError("--province runs on PostgreSQL only: set DATABASE_URL=postgres://…")
        only = args.only or (list(PROVINCE_AREAS) if args.province else None)
        selected = _select(scenarios, only)
        settings = _settings(args)
    except UsageError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _on_sigterm)
    workdir = Path(tempfile.mkdtemp(prefix="gandan-bench-"))
    database_label = "SQLite (WAL)"
    try:
        generator = _generator(args.loadgen)
        with ExitStack() as stack:
            database = stack.enter_context(throwaway(database_url)) if database_url else None
            database_label = database.label if database else database_label
            print(
                f"Gần Dân benchmarks on {database_label}: scale {settings.scale:g}"
                f"{' (province)' if settings.province else ''}, {settings.duration_s} s per scenario "
                f"(+{settings.warmup_s} s warm-up), load from {generator.describe()}",
                flush=True,
            )
            data = _run(selected, settings, generator, workdir, database)
    except (HarnessError, LoadError, DatabaseError) as exc:
        print(f"\nbench: failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    notes = misses(data.outcomes) + _noise_notes(data)
    if isinstance(generator, PythonLoad):
        notes.append(
            "PYTHON LOAD: at high rates (the ceiling) the fallback load generator takes more of the CPUs than"
            " wrk would, so the ceiling is lower and ratios closer to 1; install wrk for figures comparable with"
            " TECH-NOTES §8."
        )
    meta = _meta(settings, generator, selected, data, database_label)
    markdown = _markdown(data.outcomes, meta, notes)
    # SQLite's figures stay in results.*; a PostgreSQL run writes its own files beside them.
    stem = "results-province" if settings.province else "results-postgres" if database_url else "results"
    write_results(
        BENCH_DIR,
        results_json(data.outcomes, ceiling_rps=max(data.ceiling_runs), meta=meta),
        markdown,
        stem=stem,
    )
    print("\n" + markdown)
    print(f"Written: {BENCH_DIR / f'{stem}.json'}, {BENCH_DIR / f'{stem}.md'}")
    # Missed targets are results; a scenario that could not be measured is a failure of the harness.
    unmeasured = [o for o in data.outcomes if o.measurement is None]
    return 1 if unmeasured else 0


if __name__ == "__main__":
    sys.exit(main())
