"""The engine on its labelled corpus, through the CLI contract only (`opinion ingest`, `opinion issues --json`):
the guard of issue #12's "Done means", a little below what the engine measures (07/12/2026: F1 0.762, burst
precision 0.96, recall 0.96, median delay 0.91 day). The issue's targets are F1 0.85, precision and recall 0.9,
1 day: the alerts meet theirs, grouping does not yet (see the note on issue #12 and docs/opinion.md §6) — the
guard stops it from getting worse and is raised as it improves.

Run it alone: `pytest -m evaluation` (about the time of ingesting 2,000 signals). The corpus and its labels are
gandan/opinion/evaluation/data (regenerate with `python -m gandan.opinion.evaluation.corpus DIR`)."""

import json

import pytest

from gandan.opinion.evaluation.run import EvaluationError, evaluate

pytestmark = pytest.mark.evaluation

GROUPING_F1 = 0.74
BURST_PRECISION = 0.9
BURST_RECALL = 0.9
ALERT_DELAY_DAYS = 1.0


def test_the_engine_groups_and_alerts_as_the_corpus_was_labelled(tmp_path):
    try:
        result = evaluate(tmp_path)
    except EvaluationError as exc:
        pytest.fail(f"the evaluation could not run through the CLI: {exc}")
    summary = json.dumps(
        {k: v for k, v in result.items() if k != "delays"}, ensure_ascii=False, indent=1, default=str
    )
    assert result["grouping_f1"] >= GROUPING_F1, summary
    assert result["burst_precision"] >= BURST_PRECISION, summary
    assert result["burst_recall"] >= BURST_RECALL, summary
    assert result["alert_delay_days"] is not None and result["alert_delay_days"] <= ALERT_DELAY_DAYS, summary
