"""The burst model: is an issue (or a topic in a commune) rising above its own normal level, right now?

Recent volume against the issue's own baseline
    The signals of the last `window_days` are compared with what the issue's own past predicts: its daily rate
    over the `baseline_days` before the window, shrunk towards a prior for a young issue ((count + a) /
    (exposure + b): a new matter is presumed quiet, a theme that has run for weeks at three a week is presumed to
    go on so). The surprise is the Poisson tail P(X ≥ observed | expected): the smaller, the stronger the burst.
    A steady theme therefore never alerts on its usual volume, however large; a quiet matter alerts on a handful.
A slow rise
    Weekly counts rising `rise_weeks` weeks in a row in an issue at least that old, the last week at least
    `rise_min` signals, and the last two weeks improbable (Poisson tail ≤ `rise_p`) at the rate of the weeks before.
Signs (DOMAIN.md, design implication 26)
    A crowd petition (≥ 5 signers), several villages on the one matter, repeated complaints, words of urgency and
    anger. A crowd petition alone raises a warning; the other signs raise the level of a burst or a rise by one
    each (at most urgent).
"""

import datetime as dt
import math
from dataclasses import dataclass

from gandan.opinion.engine.state import IssueState, Params


def poisson_tail(observed: int, expected: float) -> float:
    """P(X ≥ observed) for X ~ Poisson(expected)."""
    if observed <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    term = math.exp(-expected)
    below = term
    for k in range(1, observed):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


@dataclass(frozen=True)
class Assessment:
    level: int  # 0 none, 1 watch, 2 warning, 3 urgent
    reasons: tuple[dict, ...]


_DAY = dt.timedelta(days=1)


def count_between(daily, first: dt.date, last: dt.date) -> int:
    """Signals on days first..last inclusive (daily: {date: count})."""
    span = (last - first).days + 1
    if span <= 0:
        return 0
    if span < len(daily):  # a few days out of many: looked up day by day
        return sum(daily.get(first + k * _DAY, 0) for k in range(span))
    return sum(count for day, count in daily.items() if first <= day <= last)


def by_age(daily, today: dt.date, spans: tuple[int, ...]) -> list[int]:
    """Signals in consecutive spans of days going back from `today` (the first `spans[0]` days ending on `today`,
    then the `spans[1]` days before them, …), in one pass over `daily`."""
    ends = []
    end = 0
    for span in spans:
        end += span
        ends.append(end)
    counts = [0] * len(spans)
    last = ends[-1]
    now = today.toordinal()
    for day, count in daily.items():
        age = now - day.toordinal()
        if 0 <= age < last:
            i = 0
            while age >= ends[i]:
                i += 1
            counts[i] += count
    return counts


def burst(
    daily, today: dt.date, first_day: dt.date, params: Params, *, level_p=None, min_recent=None
) -> tuple[int, dict | None]:
    """The burst level (0–3) of a daily series on `today`, and its reason: the last `window_days` against the
    series' own rate over the `baseline_days` before, shrunk towards the prior for a young series."""
    level_p = level_p or params.level_p
    min_recent = min_recent or params.min_recent
    window = int(params.window_days)
    # The window's few days looked up first: most series are quiet, and their whole past need not be read.
    if sum(daily.get(today - k * _DAY, 0) for k in range(window)) < min_recent:
        return 0, None
    recent, before = by_age(daily, today, (window, int(params.baseline_days)))
    base_last = today - dt.timedelta(days=window)
    exposure = max(0, min((base_last - first_day).days + 1, int(params.baseline_days)))
    rate = (before + params.prior_signals) / (exposure + params.prior_days)
    expected = rate * params.window_days
    p = poisson_tail(recent, expected)
    level = sum(1 for threshold in level_p if p <= threshold)
    if not level:
        return 0, None
    return level, {"code": "burst", "observed": recent, "expected": round(expected, 2), "days": window}


def assess_theme(
    daily, today: dt.date, first_day: dt.date, dominant_share: float, params: Params
) -> Assessment:
    """A topic rising in a commune with no one matter behind it (`dominant_share`: the largest share of the recent
    signals one issue holds; when one issue holds most, that issue's own alert tells it)."""
    if dominant_share >= params.theme_dominance:
        return Assessment(0, ())
    level, reason = burst(
        daily, today, first_day, params, level_p=params.theme_level_p, min_recent=params.theme_min_recent
    )
    return Assessment(level, (reason,) if reason else ())


def assess(issue: IssueState, today: dt.date, params: Params) -> Assessment:
    """How much the issue is rising on `today` (the day of its latest signal)."""
    reasons: list[dict] = []
    level, reason = burst(issue.daily, today, issue.first_seen.date(), params)
    if reason:
        reasons.append(reason)
    # Rising against the issue's own past: a matter that started at its usual level a week ago has no past.
    if not level and issue.first_seen.date() <= today - dt.timedelta(days=7 * params.rise_weeks):
        weeks = by_age(issue.daily, today, (7,) * (params.rise_weeks + 3))  # weeks[0] = the last 7 days
        rising = all(weeks[i] > weeks[i + 1] for i in range(params.rise_weeks - 1))
        earlier = weeks[params.rise_weeks :]
        mean_before = sum(earlier) / len(earlier)
        # The last two weeks against what the weeks before predict (at least `rise_floor` a week): a steady theme
        # whose weeks happen to run 2, 3, 4 is not surprising; 1, 1, 2, 3, 5 is.
        expected = 2 * max(mean_before, params.rise_floor)
        if (
            rising
            and weeks[0] >= params.rise_min
            and poisson_tail(weeks[0] + weeks[1], expected) <= params.rise_p
        ):
            level = 1
            reasons.append({"code": "rise", "weeks": list(reversed(weeks[: params.rise_weeks]))})
    signs = 0
    since = today - dt.timedelta(days=7)
    villages = sum(1 for last in issue.recent_places.values() if last >= since)
    if villages >= params.villages_min:
        signs += 1
        reasons.append({"code": "villages", "count": villages})
    for cue in ("urgency", "repeat"):
        days = [d for d in issue.cue_days.get(cue, ()) if d >= since]
        if len(days) >= 2:
            signs += 1
            reasons.append({"code": cue, "count": len(days)})
    crowd = max((people for day, people in issue.crowd.items() if day >= since), default=0)
    if crowd >= params.crowd_people:
        reasons.append({"code": "crowd", "people": crowd})
        level = max(level, 2)
    if level:
        level = min(3, level + signs)
    return Assessment(level=level, reasons=tuple(reasons) if level else ())
