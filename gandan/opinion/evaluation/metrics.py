"""Scoring an engine's issues against the corpus labels (pure: no Django, no engine).

Inputs: the labels of `corpus.py` ({"signals": {id: group}, "groups": {group: {"should_alert", "onset", …}}}) and
the parsed output of `gandan opinion issues --json` (a list of issues with `signals`, `alert_level` and
`alert_raised_at`). Signals the labels do not know (the demo's own, another import's) are ignored; labelled signals
in no issue count as singletons.

- Grouping: pairwise precision, recall and F1 over the labelled signals: a pair is predicted when both signals are
  in the same issue, true when both are in the same labelled group.
- Burst precision: of the alerted issues (alert_level not "none"), the share whose majority labelled group should
  alert. Several alerted issues of one such group count once (they are neither rewarded twice nor penalised).
  An alerted issue made mostly of groups that should not alert is a false alarm. Nothing alerted: 0 (1 when nothing
  should alert either).
- Burst recall: of the groups that should alert, the share detected: the issue holding most of the group's signals,
  or any issue holding at least half of them, alerted.
- Alert delay: per detected group, the earliest raised time among those issues minus the group's onset, in days
  (an alert before the onset counts 0); the median is reported, and per profile.
"""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

NO_ALERT = ("", "none", None)


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def _ratio(num: float, den: float, *, empty: float) -> float:
    return num / den if den else empty


def _when(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"a time without its offset: {value!r}")
    return moment


def assignment(labels: Mapping[str, Any], issues: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Each labelled signal's issue (its index in `issues`); absent signals are left out. A signal listed by two
    issues (which the engine should never do) stays with the first."""
    known = labels["signals"]
    where: dict[str, int] = {}
    for index, issue in enumerate(issues):
        for sid in issue.get("signals") or []:
            if sid in known and sid not in where:
                where[sid] = index
    return where


def grouping(labels: Mapping[str, Any], issues: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    group_of: Mapping[str, str] = labels["signals"]
    where = assignment(labels, issues)
    true_sizes = Counter(group_of.values())
    predicted_sizes = Counter(where.values())
    both = Counter((where[sid], group_of[sid]) for sid in where)
    true_pairs, predicted_pairs, common = (
        _pairs(true_sizes.values()),
        _pairs(predicted_sizes.values()),
        _pairs(both.values()),
    )
    precision = _ratio(common, predicted_pairs, empty=1.0 if not true_pairs else 0.0)
    recall = _ratio(common, true_pairs, empty=1.0)
    f1 = _ratio(2 * precision * recall, precision + recall, empty=0.0)
    return {
        "grouping_precision": precision,
        "grouping_recall": recall,
        "grouping_f1": f1,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
    }


def _majority(counts: Counter[str], should: Mapping[str, bool]) -> str:
    # Ties go to a group that should alert, then to the name: the engine gets the benefit of the doubt.
    return max(counts, key=lambda g: (counts[g], should[g], g))


def alerts(labels: Mapping[str, Any], issues: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    group_of: Mapping[str, str] = labels["signals"]
    groups: Mapping[str, Mapping[str, Any]] = labels["groups"]
    should = {g: bool(spec.get("should_alert")) for g, spec in groups.items()}
    where = assignment(labels, issues)
    members: dict[int, Counter[str]] = defaultdict(Counter)
    for sid, index in where.items():
        members[index][group_of[sid]] += 1

    alerted = {i for i in members if issues[i].get("alert_level") not in NO_ALERT}
    true_groups: set[str] = set()
    false_alarms: list[int] = []
    for index in sorted(alerted):
        group = _majority(members[index], should)
        if should[group]:
            true_groups.add(group)
        else:
            false_alarms.append(index)
    positives = [g for g, s in should.items() if s]
    flagged = len(true_groups) + len(false_alarms)
    precision = _ratio(len(true_groups), flagged, empty=0.0 if positives else 1.0)

    group_sizes = Counter(group_of.values())
    by_group: dict[str, Counter[int]] = defaultdict(Counter)
    for sid, index in where.items():
        by_group[group_of[sid]][index] += 1
    detected: dict[str, float] = {}
    for group in positives:
        held = by_group.get(group, Counter())
        if not held:
            continue
        top = held.most_common(1)[0][0]
        candidates = {top} | {i for i, n in held.items() if 2 * n >= group_sizes[group]}
        raised = [
            _when(issues[i]["alert_raised_at"])
            for i in candidates
            if i in alerted and issues[i].get("alert_raised_at")
        ]
        if not any(i in alerted for i in candidates):
            continue
        onset = groups[group].get("onset")
        if raised and onset:
            detected[group] = max(0.0, (min(raised) - _when(onset)).total_seconds() / 86400)
        else:
            detected[group] = float("nan")  # alerted without saying when: detected, delay unknown
    recall = _ratio(len(detected), len(positives), empty=1.0)
    delays = [d for d in detected.values() if d == d]
    per_profile: dict[str, float | None] = {}
    for profile in sorted({groups[g].get("profile", "") for g in positives}):
        values = [d for g, d in detected.items() if groups[g].get("profile") == profile and d == d]
        per_profile[profile] = statistics.median(values) if values else None
    return {
        "burst_precision": precision,
        "burst_recall": recall,
        "alert_delay_days": statistics.median(delays) if delays else None,
        "alert_delay_by_profile": per_profile,
        "alerted_issues": len(alerted),
        "false_alarms": len(false_alarms),
        "false_alarm_groups": sorted({_majority(members[i], should) for i in false_alarms}),
        "missed_groups": sorted(set(positives) - set(detected)),
        "delays": {g: round(d, 3) for g, d in sorted(detected.items()) if d == d},
    }


def evaluate(labels: Mapping[str, Any], issues: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every figure at once: the four of the bench (grouping_f1, burst_precision, burst_recall,
    alert_delay_days) and the details behind them."""
    result: dict[str, Any] = {}
    result.update(grouping(labels, issues))
    result.update(alerts(labels, issues))
    where = assignment(labels, issues)
    result["labelled_signals"] = len(labels["signals"])
    result["signals_in_issues"] = len(where)
    result["issues"] = len(set(where.values()))
    return result
