"""Statutory clocks: the rule type and its units, looking a version up, choosing a clock (see __init__)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_ONE_DAY = timedelta(days=1)

# Law 136/2025/QH15 and Decrees 154, 155 and 156/2026 take effect together on this day.
LAW_136_IN_FORCE = date(2026, 7, 1)
_BEFORE_LAW_136 = LAW_136_IN_FORCE - _ONE_DAY

# Decree 31/2019 Art. 3 (and Decree 155/2026 new Art. 3a for complaints) lists seven complexity criteria:
# one issue verified at >=2 places; >=2 issues; many people; a foreign element; several responsible agencies;
# agencies disagree; conflicting evidence.
COMPLEXITY_CRITERIA = 7


class DayUnit(StrEnum):
    """How a time limit is counted.

    ``WORKING``: "ngày làm việc", only days the office is open count.
    ``CALENDAR``: plain "ngày" of the Laws, every day counts and a last day that is not a working day rolls
    to the next working day (Civil Code Art. 147-148).
    """

    WORKING = "working"
    CALENDAR = "calendar"


class SuspensionMode(StrEnum):
    """What a suspension does to a running time limit.

    ``PAUSE``: the suspended time is not counted; after resumption the remaining time runs on.
    ``RESTART``: the time limit restarts in full from the resume decision (Law 136/2025; Decree 155/2026,
    from 01/07/2026).
    """

    PAUSE = "pause"
    RESTART = "restart"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockRule:
    """One version of one statutory clock, as data.

    Attributes:
        key: Stable identifier shared by all versions of the clock, e.g. ``"complaint.first"``.
        days: Length of the time limit.
        unit: Working or calendar days.
        legal_basis: The article(s) the number comes from, in Vietnamese, as printed on notices.
        valid_from: First day the version applies (inclusive).
        valid_to: Last day the version applies (inclusive); ``None`` while it is still in force.
        suspension: What a suspension does to this clock.
        label: Short Vietnamese name shown to officials and citizens.
        note: Confidence and caveats, e.g. ``"[U] chưa đối chiếu văn bản gốc"``.
    """

    key: str
    days: int
    unit: DayUnit
    legal_basis: str
    valid_from: date
    valid_to: date | None
    suspension: SuspensionMode = SuspensionMode.PAUSE
    label: str
    note: str = ""

    def __post_init__(self) -> None:
        # A rule without a key, label or legal basis cannot be shown on a notice or corrected later, so it is
        # rejected at construction rather than discovered when a citizen asks "on what basis?".
        for name in ("key", "label", "legal_basis"):
            if not getattr(self, name).strip():
                raise ValueError(f"clock rule {name} must not be empty")
        if self.days < 0:
            raise ValueError(f"clock rule {self.key!r}: days must be >= 0, got {self.days}")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                f"clock rule {self.key!r}: valid_to {self.valid_to.isoformat()} is before "
                f"valid_from {self.valid_from.isoformat()}"
            )
        object.__setattr__(self, "unit", DayUnit(self.unit))
        object.__setattr__(self, "suspension", SuspensionMode(self.suspension))

    def covers(self, day: date) -> bool:
        """Tell whether this version is in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# --- looking rules up --------------------------------------------------------------------------------------------


def rule_keys(rules: Iterable[ClockRule]) -> tuple[str, ...]:
    """Return the distinct clock keys of ``rules``, sorted."""
    return tuple(sorted({rule.key for rule in rules}))


def rule_in_force(rules: Iterable[ClockRule], key: str, on: date) -> ClockRule:
    """Return the version of clock ``key`` whose validity contains ``on``.

    ``on`` is normally the day the case was received: a case keeps the rule version that applied then, even if
    the law changes while it runs (DOMAIN.md, Design implication 1).

    Raises:
        LookupError: if no rule has ``key``, or no version of it is in force on ``on``.
        ValueError: if two versions are in force on ``on``; the table is inconsistent and guessing which one
            an official meant would silently put a wrong date on a notice.
    """
    versions = [rule for rule in rules if rule.key == key]
    if not versions:
        raise LookupError(f"no clock rule with key {key!r}")
    in_force = [rule for rule in versions if rule.covers(on)]
    if not in_force:
        spans = ", ".join(_span(rule) for rule in sorted(versions, key=lambda r: r.valid_from))
        raise LookupError(
            f"no version of clock rule {key!r} is in force on {on.isoformat()} (versions: {spans})"
        )
    if len(in_force) > 1:
        spans = ", ".join(_span(rule) for rule in in_force)
        raise ValueError(
            f"{len(in_force)} versions of clock rule {key!r} overlap on {on.isoformat()}: {spans}"
        )
    return in_force[0]


def _span(rule: ClockRule) -> str:
    end = rule.valid_to.isoformat() if rule.valid_to else "…"
    return f"{rule.valid_from.isoformat()}–{end}"


class RuleIssueKind(StrEnum):
    """A defect in the versions of one clock."""

    OVERLAP = "overlap"
    GAP = "gap"


@dataclass(frozen=True, slots=True)
class RuleIssue:
    """A period in which a clock has two versions in force (overlap) or none (gap).

    ``last_day`` is ``None`` for an overlap of two open-ended versions.
    """

    key: str
    kind: RuleIssueKind
    first_day: date
    last_day: date | None

    def __str__(self) -> str:
        end = self.last_day.isoformat() if self.last_day else "…"
        return f"{self.key}: {self.kind} {self.first_day.isoformat()}–{end}"


def validate_rules(rules: Iterable[ClockRule]) -> list[RuleIssue]:
    """Report overlaps and gaps between the versions of each clock.

    Meant to run before an official's corrected version is saved: an overlap makes ``rule_in_force`` refuse to
    answer, and a gap leaves cases received in it without a deadline. Only the time after a key's first
    ``valid_from`` is checked, and a last version that ends is not a gap (the clock may have been repealed).
    """
    by_key: dict[str, list[ClockRule]] = {}
    for rule in rules:
        by_key.setdefault(rule.key, []).append(rule)
    issues: list[RuleIssue] = []
    for key in sorted(by_key):
        versions = sorted(by_key[key], key=lambda r: (r.valid_from, r.valid_to or date.max))
        for i, earlier in enumerate(versions):
            for later in versions[i + 1 :]:
                overlap_end = _min_end(earlier.valid_to, later.valid_to)
                if overlap_end is None or later.valid_from <= overlap_end:
                    issues.append(RuleIssue(key, RuleIssueKind.OVERLAP, later.valid_from, overlap_end))
        covered_to: date | None = versions[0].valid_to
        for rule in versions[1:]:
            if covered_to is None:
                break
            if rule.valid_from > covered_to + _ONE_DAY:
                issues.append(
                    RuleIssue(key, RuleIssueKind.GAP, covered_to + _ONE_DAY, rule.valid_from - _ONE_DAY)
                )
            covered_to = None if rule.valid_to is None else max(covered_to, rule.valid_to)
    return issues


def _min_end(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


# --- choosing a clock ----------------------------------------------------------------------------------------------


def complaint_resolution_key(instance: int, *, complex: bool, remote: bool) -> str:
    """Return the key of the resolution limit of a complaint (Law on Complaints Art. 28 and 37).

    ``complex`` must rest on a written finding kept in the file (Decree 155/2026 new Art. 3a); ``remote`` is
    the "vùng sâu, vùng xa" flag of the area.

    Raises:
        ValueError: if ``instance`` is not 1 or 2; there is no third instance, only a lawsuit.
    """
    if instance not in (1, 2):
        raise ValueError(f"a complaint is resolved at instance 1 or 2, got {instance}")
    base = "complaint.first" if instance == 1 else "complaint.second"
    if complex and remote:
        return f"{base}.remote_complex"
    if complex:
        return f"{base}.complex"
    if remote:
        return f"{base}.remote"
    return base


def complaint_second_window_key(*, remote: bool) -> str:
    """Return the key of the period for lodging a second complaint (Art. 33): 30 days, 45 in remote areas."""
    return "complaint.second_window.remote" if remote else "complaint.second_window"


def denunciation_extensions_allowed(criteria_count: int) -> int:
    """Return how many 30-day extensions a denunciation may get (Law on Denunciation Art. 30(1)).

    Decree 31/2019 Art. 3: a case meeting one complexity criterion is complex (one extension), meeting two or
    more is especially complex (two extensions); a plain case gets none.

    Raises:
        ValueError: if ``criteria_count`` is negative or above the seven criteria the decree lists.
    """
    if not 0 <= criteria_count <= COMPLEXITY_CRITERIA:
        raise ValueError(f"criteria_count must be between 0 and {COMPLEXITY_CRITERIA}, got {criteria_count}")
    return min(criteria_count, 2)
