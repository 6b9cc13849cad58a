"""The rules of the officials' corrections and of the board, in plain Python (no Django): what a merge, a split and
a topic's keywords must satisfy, what a topic learns from a correction, and how an issue's trend reads.

Each check returns problem codes; the services turn them into Vietnamese messages."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KEYWORD_MAX = 80
TITLE_MAX = 200
LEARN_TOP = 20
# The topic that catches what no other topic claims: it can never be put out of use.
OTHER_TOPIC = "other"


@dataclass(frozen=True)
class IssueRef:
    """What the rules need of an issue."""

    pk: int
    unit_path: str
    status: str


def merge_problems(source: IssueRef, target: IssueRef | None) -> list[str]:
    """Why `source` cannot be merged into `target` (empty: it can)."""
    if target is None:
        return ["merge_target_missing"]
    if source.status == "merged":
        return ["merge_source_merged"]
    if target.pk == source.pk:
        return ["merge_into_itself"]
    if target.unit_path != source.unit_path:
        return ["merge_other_commune"]
    if target.status != "open":
        return ["merge_target_closed"]
    return []


def split_problems(issue_signals: Iterable[int], chosen: Iterable[int], status: str = "open") -> list[str]:
    """Why the `chosen` signals cannot become a new issue taken from an issue holding `issue_signals`."""
    held, picked = set(issue_signals), set(chosen)
    if status == "merged":
        return ["split_merged"]
    if not picked:
        return ["split_none"]
    if picked - held:
        return ["split_foreign"]
    if picked == held:
        return ["split_all"]
    return []


def keyword_problems(text: str, fold) -> tuple[list[str], list[tuple[str, str]]]:
    """The keywords of `text` (one per line, blank lines dropped, spaces trimmed) and the problems found, as
    (code, the line): a line too long, a line that repeats an earlier one once folded (`fold`: without diacritics
    and case)."""
    keywords: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(line) > KEYWORD_MAX:
            problems.append(("keyword_too_long", line))
            continue
        key = fold(line)
        if key in seen:
            problems.append(("keyword_duplicate", line))
            continue
        seen.add(key)
        keywords.append(line)
    return keywords, problems


def learned_counts(term_lists: Iterable[Iterable[str]]) -> Counter[str]:
    """What a topic learns from the signals an official put in it: +1 for each term, once per signal."""
    counts: Counter[str] = Counter()
    for found in term_lists:
        counts.update(set(found))
    return counts


def trend(recent: int, previous: int) -> str:
    """ "up", "down" or "flat": the last 7 days against the 7 before."""
    if recent > previous:
        return "up"
    if recent < previous:
        return "down"
    return "flat"


def bar_widths(values: Sequence[int], full: int = 100) -> list[int]:
    """Each value as a share of the largest, 0..`full` (a value above 0 shows at least 1)."""
    top = max(values, default=0)
    if top <= 0:
        return [0 for _ in values]
    return [max(1, round(v * full / top)) if v > 0 else 0 for v in values]


def sparkline(values: Sequence[int], *, width: int = 120, height: int = 24) -> str:
    """The `points` of an SVG polyline drawing `values` left to right, the largest at the top."""
    if not values:
        return ""
    top = max(max(values), 1)
    step = width / max(len(values) - 1, 1)
    return " ".join(
        f"{round(i * step, 1)},{round(height - v * (height - 2) / top - 1, 1)}" for i, v in enumerate(values)
    )
