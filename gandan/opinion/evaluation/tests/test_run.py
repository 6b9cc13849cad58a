"""The evaluation's plumbing with a stand-in for the CLI: what it ingests, what it reads back, how it scores it."""

import json
from collections import defaultdict

import pytest

from gandan.opinion.evaluation import run


def fake_cli(issues_for):
    calls = []

    def cli(*args):
        calls.append(args)
        if args[0] == "ingest":
            return "2000 signals ingested\n"
        assert args == ("issues", "--json")
        return json.dumps(issues_for())

    return cli, calls


def perfect_issues(labels):
    members = defaultdict(list)
    for sid, group in labels["signals"].items():
        members[group].append(sid)
    issues = []
    for n, (group, sids) in enumerate(sorted(members.items()), start=1):
        spec = labels["groups"][group]
        alert = spec["should_alert"]
        issues.append(
            {
                "id": n,
                "title": group,
                "topic": spec["topic"],
                "signals": sids,
                "places": spec["villages"],
                "first_seen": "2026-09-01T00:00:00+07:00",
                "last_seen": "2026-10-26T00:00:00+07:00",
                "alert_level": "high" if alert else "none",
                "alert_raised_at": spec["onset"] if alert else None,
            }
        )
    return issues


def test_a_perfect_engine_scores_one_on_the_committed_corpus(tmp_path, monkeypatch):
    labels = json.loads((run.DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    cli, calls = fake_cli(lambda: perfect_issues(labels))
    monkeypatch.setattr(run, "cli", cli)
    result = run.evaluate(tmp_path)
    assert calls == [("ingest", str(tmp_path / "signals.jsonl")), ("issues", "--json")]
    assert (tmp_path / "signals.jsonl").read_bytes() == (run.DATA_DIR / "signals.jsonl").read_bytes()
    assert result["grouping_f1"] == 1.0
    assert result["burst_precision"] == 1.0 and result["burst_recall"] == 1.0
    assert result["alert_delay_days"] == 0.0
    assert result["signals_in_issues"] == result["labelled_signals"] >= 1500


def test_an_engine_that_groups_nothing_and_never_alerts_scores_zero(tmp_path, monkeypatch):
    cli, _calls = fake_cli(lambda: [])
    monkeypatch.setattr(run, "cli", cli)
    result = run.evaluate(tmp_path, generate=True)
    assert result["grouping_f1"] == 0.0
    assert result["burst_precision"] == 0.0 and result["burst_recall"] == 0.0
    assert result["alert_delay_days"] is None


def test_an_alert_on_every_issue_is_mostly_false_alarms(tmp_path, monkeypatch):
    labels = json.loads((run.DATA_DIR / "labels.json").read_text(encoding="utf-8"))

    def everything_alerts():
        issues = perfect_issues(labels)
        for issue in issues:
            issue["alert_level"], issue["alert_raised_at"] = "high", "2026-09-01T08:00:00+07:00"
        return issues

    cli, _calls = fake_cli(everything_alerts)
    monkeypatch.setattr(run, "cli", cli)
    result = run.evaluate(tmp_path)
    assert result["burst_recall"] == 1.0
    assert result["burst_precision"] < 0.05


def test_output_that_is_not_the_contract_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "cli", lambda *args: "" if args[0] == "ingest" else "Issues: 12")
    with pytest.raises(run.EvaluationError, match="did not print JSON"):
        run.evaluate(tmp_path)
    monkeypatch.setattr(run, "cli", lambda *args: "" if args[0] == "ingest" else '[{"id": 1}]')
    with pytest.raises(run.EvaluationError, match="each with its `signals`"):
        run.evaluate(tmp_path)
