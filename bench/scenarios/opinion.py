"""Hearing public opinion early (gandan.opinion): the engine's quality on its labelled corpus and its cost at scale.

Everything goes through the CLI contract (`opinion ingest`, `opinion issues --json`), each measurement in a process
of its own (gandan/opinion/evaluation/load.py) on its own copy of the benchmark database as the demo left it, so
the million signals of one row do not weigh on another and peak memory is the measured process's alone.

- quality (not scaled): grouping pairwise F1, burst precision and recall, median alert delay on the committed
  corpus (gandan/opinion/evaluation/data: 2,000 signals, eight weeks, the four demo communes).
- `opinion.process_100k`: 100,000 × BENCH_SCALE signals ingested and processed in one file, seconds.
- `opinion.daily_5k`: 5,000 signals of one day on top of 1,000,000 × BENCH_SCALE stored (ingested in chunks of
  50,000 first; that set-up is printed separately), seconds.
- `opinion.peak_memory_1m`: peak resident memory (ru_maxrss) of that process, which stored and processed them, MB.
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


def _snapshot(_scale: float, _progress: Any) -> None:
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
    database = _fresh_copy(name)
    workdir = database.parent / f"opinion-{name}"
    env = dict(os.environ, SQLITE_PATH=str(database))
    command = [sys.executable, "-m", "gandan.opinion.evaluation.load", name, *args, str(workdir)]
    try:
        completed = subprocess.run(
            command, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=False
        )
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
]
