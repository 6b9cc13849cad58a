"""The evaluation's arithmetic on tiny hand-made outputs (pure: no database, no engine)."""

import math

import pytest

from gandan.opinion.evaluation.metrics import alerts, evaluate, grouping

# Groups: A (burst, 4 signals, onset day 0 noon), B (slow rise, 2), S (steady, 3), one (a singleton).
LABELS = {
    "signals": {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "b2": "B", "s1": "S", "s2": "S", "s3": "S",
                "o1": "one"},
    "groups": {
        "A": {"profile": "burst", "should_alert": True, "onset": "2026-09-10T12:00:00+07:00"},
        "B": {"profile": "slow_rise", "should_alert": True, "onset": "2026-09-20T08:00:00+07:00"},
        "S": {"profile": "steady", "should_alert": False, "onset": None},
        "one": {"profile": "one_off", "should_alert": False, "onset": None},
    },
}  # fmt: skip


def issue(signals, level="none", raised=None):
    return {"id": 1, "title": "t", "signals": signals, "alert_level": level, "alert_raised_at": raised}


def perfect():
    return [
        issue(["a1", "a2", "a3", "a4"], "high", "2026-09-11T00:00:00+07:00"),
        issue(["b1", "b2"], "watch", "2026-09-22T08:00:00+07:00"),
        issue(["s1", "s2", "s3"]),
        issue(["o1"]),
    ]


def test_a_perfect_output_scores_one_with_its_delays():
    result = evaluate(LABELS, perfect())
    assert result["grouping_f1"] == 1.0
    assert result["burst_precision"] == 1.0 and result["burst_recall"] == 1.0
    assert result["delays"] == {"A": 0.5, "B": 2.0}
    assert result["alert_delay_days"] == 1.25
    assert result["alert_delay_by_profile"] == {"burst": 0.5, "slow_rise": 2.0}


def test_empty_output_finds_nothing():
    result = evaluate(LABELS, [])
    assert result["grouping_f1"] == 0.0 and result["grouping_recall"] == 0.0
    assert result["burst_precision"] == 0.0 and result["burst_recall"] == 0.0
    assert result["alert_delay_days"] is None
    assert result["missed_groups"] == ["A", "B"]


def test_all_singletons_is_precise_grouping_with_no_recall():
    result = grouping(LABELS, [issue([sid]) for sid in LABELS["signals"]])
    assert result["predicted_pairs"] == 0
    assert result["grouping_recall"] == 0.0 and result["grouping_f1"] == 0.0


def test_all_in_one_issue_has_full_recall_and_poor_precision():
    result = grouping(LABELS, [issue(list(LABELS["signals"]))])
    assert result["grouping_recall"] == 1.0
    # 6 + 1 + 3 true pairs among C(10, 2) = 45 predicted.
    assert result["grouping_precision"] == pytest.approx(10 / 45)
    assert result["grouping_f1"] == pytest.approx(2 * (10 / 45) / (1 + 10 / 45))


def test_one_alerted_issue_holding_everything_is_a_single_detection():
    result = alerts(LABELS, [issue(list(LABELS["signals"]), "high", "2026-09-09T00:00:00+07:00")])
    # Its majority is A: one true alert; B's signals are in it but it is not B's issue, and B has < half elsewhere…
    assert result["burst_precision"] == 1.0
    # …yet the issue holds all of B (≥ 50 %), so B counts as detected too; the alert before A's onset is 0 days.
    assert result["burst_recall"] == 1.0
    assert result["delays"]["A"] == 0.0


def test_unknown_signals_are_ignored_and_missing_ones_are_singletons():
    issues = [issue(["a1", "a2", "demo:17", "petition:3"]), issue(["a3", "a4"])]
    result = grouping(LABELS, issues)
    assert result["predicted_pairs"] == 2
    assert result["grouping_precision"] == 1.0
    assert result["grouping_recall"] == pytest.approx(2 / 10)


def test_an_alert_on_a_steady_theme_is_a_false_alarm():
    issues = perfect()
    issues[2] = issue(["s1", "s2", "s3"], "watch", "2026-09-15T00:00:00+07:00")
    result = alerts(LABELS, issues)
    assert result["burst_precision"] == pytest.approx(2 / 3)
    assert result["false_alarms"] == 1 and result["false_alarm_groups"] == ["S"]


def test_a_burst_split_in_two_alerted_issues_counts_once_and_is_not_penalised():
    issues = [
        issue(["a1", "a2"], "high", "2026-09-12T12:00:00+07:00"),
        issue(["a3", "a4"], "high", "2026-09-11T12:00:00+07:00"),
        issue(["b1", "b2"]),
    ]
    result = alerts(LABELS, issues)
    assert result["burst_precision"] == 1.0
    assert result["burst_recall"] == 0.5  # A detected (each half holds 50 %), B not
    assert result["delays"] == {"A": 1.0}  # the earlier of the two alerts
    assert result["missed_groups"] == ["B"]


def test_a_minority_share_in_an_alerted_issue_is_not_a_detection():
    issues = [
        issue(["s1", "s2", "s3", "a1"], "high", "2026-09-11T00:00:00+07:00"),
        issue(["a2", "a3", "a4"]),
    ]
    result = alerts(LABELS, issues)
    assert result["burst_recall"] == 0.0
    assert result["burst_precision"] == 0.0 and result["false_alarm_groups"] == ["S"]


def test_an_alert_without_its_time_is_detected_with_an_unknown_delay():
    issues = perfect()
    issues[0]["alert_raised_at"] = None
    result = alerts(LABELS, issues)
    assert result["burst_recall"] == 1.0
    assert "A" not in result["delays"] and result["alert_delay_days"] == 2.0


def test_times_in_other_offsets_and_utc_compare_as_instants():
    issues = perfect()
    issues[0]["alert_raised_at"] = "2026-09-10T05:00:00Z"  # = 12:00 at +07:00: the onset itself
    result = alerts(LABELS, issues)
    assert result["delays"]["A"] == 0.0
    assert not math.isnan(result["alert_delay_days"])
