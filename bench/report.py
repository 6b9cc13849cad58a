"""Judging measurements against their targets, and the two outputs: results.json and a Markdown table."""

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.framework import MAX_ERROR_RATE, THROUGHPUT_UNIT, Measurement, Scenario, ScenarioError

MISSING = "—"
# Quality figures are fractions: one decimal would print 0.87 and 0.85 alike.
DECIMALS = {"F1": 3, "share": 3, "days": 2}


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    measurement: Measurement | None  # None when the scenario could not be measured
    ratio: float | None  # throughput ÷ ceiling; None for figures that are not throughputs
    ok: bool
    problem: str = ""  # why it is not ok beyond the target: the error, or the share of failed requests


def evaluate(scenario: Scenario, measurement: Measurement, ceiling_rps: float) -> Outcome:
    target = scenario.target
    if target is not None and target.metric == "value" and target.unit != measurement.unit:
        raise ScenarioError(f"target is in {target.unit!r} but the scenario measured {measurement.unit!r}")
    ratio = None
    if measurement.unit == THROUGHPUT_UNIT and ceiling_rps > 0:
        ratio = measurement.value / ceiling_rps
    if target is not None and target.metric == "ratio_to_ceiling" and ratio is None:
        raise ScenarioError(
            f"a ratio target needs a throughput in {THROUGHPUT_UNIT}, not {measurement.unit!r}"
        )
    load = measurement.load
    if load is not None and load.error_rate > MAX_ERROR_RATE:
        problem = f"{load.failed + load.errors:,} of {load.requests + load.errors:,} requests failed"
        return Outcome(scenario, measurement, ratio, ok=False, problem=problem)
    ok = target is None or target.met(value=measurement.value, ratio=ratio)
    return Outcome(scenario, measurement, ratio, ok=ok)


def failed(scenario: Scenario, error: str) -> Outcome:
    return Outcome(scenario, None, None, ok=False, problem=error)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def outcome_json(outcome: Outcome) -> dict[str, object]:
    scenario, measurement = outcome.scenario, outcome.measurement
    entry: dict[str, object] = {
        "name": scenario.name,
        "description": scenario.description,
        "size": measurement.size if measurement else None,
        "size_unit": measurement.size_unit if measurement else "",
        "value": _round(measurement.value, 2) if measurement else None,
        "unit": measurement.unit if measurement else "",
        "target": scenario.target.as_json() if scenario.target else None,
        "ratio_to_ceiling": _round(outcome.ratio, 3),
        "ok": outcome.ok,
    }
    load = measurement.load if measurement else None
    if load is not None:
        entry.update({f"p{p}_ms": _round(ms, 2) for p, ms in load.percentiles_ms.items()})
        entry.update(
            requests=load.requests, failed_requests=load.failed, errors=load.errors, seconds=load.seconds
        )
    if outcome.problem:
        entry["problem"] = outcome.problem
    return entry


def results_json(
    outcomes: Sequence[Outcome], *, ceiling_rps: float, meta: dict[str, object]
) -> dict[str, object]:
    return {
        "ceiling_rps": _round(ceiling_rps, 1),
        "scenarios": [outcome_json(o) for o in outcomes],
        "meta": meta,
    }


def formatted(value: float, unit: str) -> str:
    """A measured value as the table prints it."""
    if math.isnan(value):
        return MISSING
    # Throughputs in whole requests; latencies keep a decimal because single-digit milliseconds are common.
    if unit in DECIMALS:
        return f"{value:.{DECIMALS[unit]}f} {unit}"
    return f"{value:,.0f} {unit}" if unit == THROUGHPUT_UNIT else f"{value:,.1f} {unit}"


def markdown_table(outcomes: Sequence[Outcome]) -> str:
    lines = [
        "| scenario | size | measured | p99 | target | ratio to ceiling | ok |",
        "|---|---:|---:|---:|---|---:|:---:|",
    ]
    for outcome in outcomes:
        scenario, measurement = outcome.scenario, outcome.measurement
        size = MISSING
        if measurement and measurement.size is not None:
            size = f"{measurement.size:,} {measurement.size_unit}".strip()
        measured = formatted(measurement.value, measurement.unit) if measurement else "error"
        p99 = MISSING
        if measurement and measurement.load:
            p99 = formatted(measurement.load.percentile(99), "ms")
        target = scenario.target.text() if scenario.target else "reference"
        ratio = f"{outcome.ratio:.2f}" if outcome.ratio is not None else MISSING
        ok = "yes" if outcome.ok else "**NO**"
        lines.append(f"| {scenario.name} | {size} | {measured} | {p99} | {target} | {ratio} | {ok} |")
    return "\n".join(lines)


def misses(outcomes: Sequence[Outcome]) -> list[str]:
    """One line per scenario that is not ok: ERROR when it could not be measured, MISSED when it was measured
    and fell short, saying what was measured against what was wanted."""
    lines = []
    for outcome in outcomes:
        if outcome.ok:
            continue
        scenario, measurement = outcome.scenario, outcome.measurement
        if measurement is None:
            lines.append(f"ERROR {scenario.name}: could not be measured: {outcome.problem}")
        elif outcome.problem:
            lines.append(f"MISSED {scenario.name}: {outcome.problem}")
        else:
            target = scenario.target
            observed = (
                f"{outcome.ratio:.2f} × ceiling" if target and target.metric == "ratio_to_ceiling" else None
            )
            observed = observed or formatted(measurement.value, measurement.unit)
            lines.append(f"MISSED {scenario.name}: {observed}, target {target.text() if target else MISSING}")
    return lines


def write_atomically(path: Path, text: str) -> None:
    # A run interrupted while writing leaves the previous results intact rather than half a file.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_results(directory: Path, data: dict[str, object], markdown: str, *, stem: str = "results") -> None:
    write_atomically(directory / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write_atomically(directory / f"{stem}.md", markdown)
