"""Hearing public opinion early (gandan.opinion): the engine's quality on its labelled corpus and its cost at scale.

Everything goes through the CLI contract (`opinion ingest`, `opinion issues --json`), each measurement in a process
of its own (gandan/opinion/evaluation/load.py) on its own copy of the benchmark database as the demo left it (a
file copy on SQLite, a database made from a template on PostgreSQL), so
the million signals of one row do not weigh on another and peak memory is the measured process's alone.

- quality (not scaled): grouping pairwise F1, burst precision and recall, median alert delay on the committed
  corpus (gandan/opinion/evaluation/data: 2,000 signals, eight weeks, the four demo communes).
- `opinion.process_100k`: 100,000 × BENCH_SCALE signals ingested and processed in one file, seconds.
- `opinion.daily_5k`: 5,000 signals of one day on top of 1,000,000 × BENCH_SCALE stored (ingested in chunks of
  50,000 first; that set-up is printed separately), seconds.
- `opinion.peak_memory_1m`: peak resident memory of that process, which stored and processed them, MB
  (with its text workers' and its engine process's: see load.py).
- `opinion.board_1m`: then, over those signals and their issues, the slowest of the board's pages (the board and its
  list by village, as a commune's chairman and as the province supervisor): the server's time for one request at a
  time, 95th percentile of 20, ms (load.py `pages`: rendered in that process, without the web server).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.framework import Context, Measurement, Scenario, ScenarioError, Target

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
FULL_PROCESS = 100_000
FULL_STORED = 1_000_000
DAILY = 5_000

_results: dict[str, dict[str, Any]] = {}


def _postgres() -> tuple[str, str] | None:
    """(DATABASE_URL, database name) of the run when it is on PostgreSQL (bench/postgres.py), else None."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return None
    from django.db import connection

    return url, str(connection.settings_dict["NAME"])


def _bench_database() -> Path:
    path = os.environ.get("SQLITE_PATH")
    if not path:
        raise ScenarioError("the opinion rows need the benchmark's SQLite database (SQLITE_PATH)")
    return Path(path)


def _base() -> Path:
    """The benchmark database as the demo left it, copied once: the opinion rows' starting point. Taken when the
    opinion scenarios are seeded, before the others seed theirs (they come first in the list), so the million
    petitions seeded for petitions.* — a quarter of a million a commune, tens of thousands of them protected
    denunciations whose names every signal is masked against — are not in it: a commune has a few hundred."""
    source = _bench_database()
    base = source.parent / "opinion-base.sqlite3"
    if not base.exists():
        with sqlite3.connect(source) as src, sqlite3.connect(base) as dst:
            src.backup(dst)
    return base


def _postgres_base(url: str, database: str) -> str:
    """On PostgreSQL the base is a database made from the run's as a template (nobody connected meanwhile)."""
    from django.db import connections

    from bench import postgres

    base = postgres.derived_name(database, "opinion_base")
    if base not in _postgres_bases:
        connections.close_all()
        postgres.create(url, base, template=database)
        _postgres_bases.add(base)
    return base


_postgres_bases: set[str] = set()


def _snapshot(_scale: float, _progress: Any) -> None:
    found = _postgres()
    if found:
        _postgres_base(*found)
    else:
        _base()


def _fresh_copy(name: str) -> Path:
    """A copy of the opinion rows' base (see `_base`)."""
    source = _bench_database()
    base = _base()
    target = source.parent / f"opinion-{name}.sqlite3"
    shutil.copyfile(base, target)
    return target


def _worker(name: str, *args: str) -> dict[str, Any]:
    """`python -m gandan.opinion.evaluation.load NAME ARGS… WORKDIR` on a fresh copy; its JSON result (cached)."""
    if name in _results:
        return _results[name]
    found = _postgres()
    if found:
        completed = _run_on_postgres(name, args, *found)
    else:
        database = _fresh_copy(name)
        workdir = database.parent / f"opinion-{name}"
        env = dict(os.environ, SQLITE_PATH=str(database))
        try:
            completed = _run_worker(name, args, env, workdir)
        finally:
            for leftover in database.parent.glob(f"{database.name}*"):
                leftover.unlink(missing_ok=True)
            shutil.rmtree(workdir, ignore_errors=True)
    if completed.returncode != 0:
        raise ScenarioError(
            f"opinion {name} failed ({completed.returncode}): {completed.stderr.strip()[-600:]}"
        )
    try:
        result = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError) as exc:
        raise ScenarioError(f"opinion {name} printed no result: {completed.stdout[-300:]!r}") from exc
    _results[name] = result
    return result


def _run_worker(
    name: str, args: tuple[str, ...], env: dict[str, str], workdir: Path
) -> "subprocess.CompletedProcess[str]":
    command = [sys.executable, "-m", "gandan.opinion.evaluation.load", name, *args, str(workdir)]
    return subprocess.run(command, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)


def _run_on_postgres(
    name: str, args: tuple[str, ...], url: str, database: str
) -> "subprocess.CompletedProcess[str]":
    from bench import postgres

    base = _postgres_base(url, database)
    copy = postgres.derived_name(database, f"opinion_{name}")
    postgres.create(url, copy, template=base)
    workdir = Path(os.environ["GANDAN_DATA_DIR"]) / f"opinion-{name}"  # the run's temporary folder
    env = dict(os.environ, DATABASE_URL=postgres.with_database(url, copy))
    try:
        return _run_worker(name, args, env, workdir)
    finally:
        postgres.drop(url, copy)
        shutil.rmtree(workdir, ignore_errors=True)


def _quality(key: str, unit: str) -> Any:
    def measure(ctx: Context) -> Measurement:
        result = _worker("quality")
        if key == "grouping_f1":
            print(
                f"    corpus: {result['labelled_signals']:,} signals in {result['issues']:,} issues; pairwise precision"
                f" {result['grouping_precision']:.3f}, recall {result['grouping_recall']:.3f}",
                flush=True,
            )
        if key == "burst_precision":
            print(
                f"    {result['alerted_issues']} issues alerted, {result['false_alarms']} false alarms"
                f" {result['false_alarm_groups'][:8]}; missed {result['missed_groups']}",
                flush=True,
            )
        if key == "alert_delay_days":
            print(f"    median by profile: {result['alert_delay_by_profile']}", flush=True)
        value = result[key]
        return Measurement(
            float("nan") if value is None else float(value), unit, result["labelled_signals"], "signals"
        )

    return measure


def _process(ctx: Context) -> Measurement:
    count = ctx.scaled(FULL_PROCESS)
    result = _worker("process", str(count))
    return Measurement(result["seconds"], "s", result["signals"], "signals")


def _daily(ctx: Context) -> dict[str, Any]:
    stored = ctx.scaled(FULL_STORED)
    result = _worker("daily", str(stored), str(DAILY))
    if "printed" not in result:
        print(
            f"    set-up: {result['stored']:,} signals stored in {result['setup_seconds']:,.0f} s", flush=True
        )
        result["printed"] = True
    return result


def _daily_5k(ctx: Context) -> Measurement:
    result = _daily(ctx)
    return Measurement(result["seconds"], "s", result["stored"], "signals stored")


def _peak_memory(ctx: Context) -> Measurement:
    result = _daily(ctx)
    return Measurement(result["peak_mb"], "MB", result["stored"], "signals stored")


def _board(ctx: Context) -> Measurement:
    result = _daily(ctx)
    for page, ms in result["pages"].items():
        print(f"    {page}: {ms:,.1f} ms", flush=True)
    return Measurement(max(result["pages"].values()), "ms", result["stored"], "signals stored")


def _at_least(value: float, unit: str) -> Target:
    return Target("value", ">=", value, unit)


def _at_most(value: float, unit: str) -> Target:
    return Target("value", "<=", value, unit)


SCENARIOS = [
    Scenario(
        "opinion.grouping_f1",
        "pairwise F1 of the issues against the labelled corpus's matters",
        _quality("grouping_f1", "F1"),
        _at_least(0.85, "F1"),
        seed=_snapshot,
    ),
    Scenario(
        "opinion.burst_precision",
        "share of alerted issues that are a planted burst or slow rise",
        _quality("burst_precision", "share"),
        _at_least(0.9, "share"),
    ),
    Scenario(
        "opinion.burst_recall",
        "share of planted bursts and slow rises whose issue alerted",
        _quality("burst_recall", "share"),
        _at_least(0.9, "share"),
    ),
    Scenario(
        "opinion.alert_delay_days",
        "median days from a rise's onset to its alert",
        _quality("alert_delay_days", "days"),
        _at_most(1.0, "days"),
    ),
    Scenario(
        "opinion.process_100k",
        "100,000 signals ingested and processed (opinion ingest), seconds",
        _process,
        _at_most(60, "s"),
    ),
    Scenario(
        "opinion.daily_5k",
        "a day's 5,000 new signals on top of 1,000,000 stored, seconds",
        _daily_5k,
        _at_most(10, "s"),
    ),
    Scenario(
        "opinion.peak_memory_1m",
        "peak memory of the process that stored and processed 1,000,000 signals",
        _peak_memory,
        _at_most(1024, "MB"),
    ),
    Scenario(
        "opinion.board_1m",
        "the slowest board page over 1,000,000 signals stored, one request at a time, p95",
        _board,
        _at_most(300, "ms"),
    ),
]
