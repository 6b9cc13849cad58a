"""What the people discuss and decide (Law 10/2022 Art. 15–21; Decree 59/2023 Art. 3–5) and how a vote is counted.

The household is the voting unit, and the pass threshold is a share of **all** households of the village (Art. 21),
never of those who came: a meeting where 78 of 85 present say yes in a village of 120 households fails the 2/3 rule
(80 needed). Tallies are integers only, so a threshold is exact (no float rounding at 2/3).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum

LAW_10_IN_FORCE = date(2023, 7, 1)
_BASIS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"


class Matter(IntEnum):
    """The six items of Art. 15."""

    CONTRIBUTION = 1  # policy and contribution levels for infrastructure and public works
    FUNDS = 2  # collection, spending and management of community contributions and funds
    COVENANT = 3  # village covenant (hương ước, quy ước)
    VILLAGE_HEAD = 4  # electing or dismissing the village head / group leader
    BOARDS = 5  # electing or dismissing members of the inspection and investment supervision boards
    OTHER = 6  # other self-governing matters


class Form(StrEnum):
    """How the households decide (Art. 17)."""

    MEETING = "meeting"  # a meeting of household representatives (Art. 18)
    BALLOT = "ballot"  # a slip per household (Art. 19)
    ONLINE = "online"  # an online vote (Decree 59 Art. 5), only for item 6 after a majority opted in


class Threshold(StrEnum):
    TWO_THIRDS = "two_thirds"  # at least 2/3 of all households
    MAJORITY = "majority"  # more than half of all households


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteRule:
    """One version of the rule for one Art. 15 matter.

    ``meeting_first``: the matter must go to a meeting; a household ballot is allowed only when the meeting did not
    gather enough households (items 3–5). ``effective`` says when the decision takes effect, as printed.
    """

    matter: Matter
    label: str
    threshold: Threshold
    forms: tuple[Form, ...]
    meeting_first: bool
    effective: str
    legal_basis: str
    valid_from: date
    valid_to: date | None = None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_MEETING_BALLOT = (Form.MEETING, Form.BALLOT)
RULES: tuple[VoteRule, ...] = (
    VoteRule(
        matter=Matter.CONTRIBUTION,
        label="Chủ trương và mức đóng góp xây dựng công trình công cộng, hạ tầng",
        threshold=Threshold.TWO_THIRDS,
        forms=_MEETING_BALLOT,
        meeting_first=False,
        effective="Từ khi biểu quyết",
        legal_basis=f"Điều 15 khoản 1; Điều 17, 21 {_BASIS}",
        valid_from=LAW_10_IN_FORCE,
    ),
    VoteRule(
        matter=Matter.FUNDS,
        label="Thu, chi, quản lý các khoản đóng góp, quỹ của cộng đồng",
        threshold=Threshold.TWO_THIRDS,
        forms=_MEETING_BALLOT,
        meeting_first=False,
        effective="Từ khi biểu quyết",
        legal_basis=f"Điều 15 khoản 2; Điều 17, 21 {_BASIS}",
        valid_from=LAW_10_IN_FORCE,
    ),
    VoteRule(
        matter=Matter.COVENANT,
        label="Hương ước, quy ước của thôn, tổ dân phố",
        threshold=Threshold.MAJORITY,
        forms=_MEETING_BALLOT,
        meeting_first=True,
        effective="Từ ngày Chủ tịch UBND xã công nhận",
        legal_basis=f"Điều 15 khoản 3; Điều 17, 21 {_BASIS}; Nghị định 61/2023/NĐ-CP",
        valid_from=LAW_10_IN_FORCE,
    ),
    VoteRule(
        matter=Matter.VILLAGE_HEAD,
        label="Bầu, miễn nhiệm, bãi nhiệm trưởng thôn, tổ trưởng tổ dân phố",
        threshold=Threshold.MAJORITY,
        forms=_MEETING_BALLOT,
        meeting_first=True,
        effective="Từ ngày Chủ tịch UBND xã công nhận",
        legal_basis=f"Điều 15 khoản 4; Điều 17, 21 {_BASIS}",
        valid_from=LAW_10_IN_FORCE,
    ),
    VoteRule(
        matter=Matter.BOARDS,
        label="Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        threshold=Threshold.MAJORITY,
        forms=_MEETING_BALLOT,
        meeting_first=True,
        effective="Từ ngày Ban Thường trực Ủy ban MTTQ xã công nhận",
        legal_basis=f"Điều 15 khoản 5; Điều 17, 21 {_BASIS}",
        valid_from=LAW_10_IN_FORCE,
    ),
    VoteRule(
        matter=Matter.OTHER,
        label="Công việc tự quản khác trong nội bộ cộng đồng dân cư",
        threshold=Threshold.MAJORITY,
        forms=(Form.MEETING, Form.BALLOT, Form.ONLINE),
        meeting_first=False,
        effective="Từ khi biểu quyết",
        legal_basis=f"Điều 15 khoản 6; Điều 17, 21 {_BASIS}; Điều 5 Nghị định 59/2023/NĐ-CP",
        valid_from=LAW_10_IN_FORCE,
    ),
)


def rule_for(matter: int, on: date, rules: Iterable[VoteRule] = RULES) -> VoteRule:
    """The version of the matter's rule in force on ``on``.

    Raises:
        ValueError: ``matter`` is not 1–6, or two versions overlap.
        LookupError: no version covers ``on``.
    """
    wanted = Matter(matter)
    found = [r for r in rules if r.matter == wanted and r.covers(on)]
    if not found:
        raise LookupError(f"no vote rule for matter {matter} on {on.isoformat()}")
    if len(found) > 1:
        raise ValueError(f"{len(found)} vote rules for matter {matter} overlap on {on.isoformat()}")
    return found[0]


def needed(households: int, threshold: Threshold | str) -> int:
    """The fewest yes votes that pass, out of ``households`` (all households of the village).

    Two thirds: the smallest y with 3y >= 2H. More than half: the smallest y with 2y > H. ``threshold`` may be the
    member or its stored code ("two_thirds"): a code is never silently read as "more than half".

    Raises:
        ValueError: no households, or an unknown threshold code.
    """
    if households < 1:
        raise ValueError("a vote needs at least one household")
    if Threshold(threshold) is Threshold.TWO_THIRDS:
        return -(-2 * households // 3)
    return households // 2 + 1


def online_allowed(rule: VoteRule, *, households: int, opted_in: int) -> bool:
    """An online vote is lawful only for item 6 and only after more than half of all households opted in.

    An impossible count (no households, more opt-ins than households, a negative one) never allows it: the register
    or the count is wrong and must be put right first."""
    if Form.ONLINE not in rule.forms:
        return False
    if households < 1 or not 0 <= opted_in <= households:
        return False
    return 2 * opted_in > households


def quorum_reached(*, households: int, present: int) -> bool:
    """More than half of all households attend (Decree 61/2023 for covenants; the bar a meeting-first matter must
    clear before a household ballot may replace the meeting)."""
    return 2 * present > households


class TallyProblem(StrEnum):
    NO_HOUSEHOLDS = "no_households"
    NEGATIVE = "negative"
    PRESENT_OVER_TOTAL = "present_over_total"
    VOTES_OVER_PRESENT = "votes_over_present"


def tally_problems(*, households: int, present: int, yes: int, no: int, blank: int) -> list[TallyProblem]:
    """What makes a count impossible (empty when it can be tallied)."""
    problems: list[TallyProblem] = []
    if households < 1:
        problems.append(TallyProblem.NO_HOUSEHOLDS)
    if min(present, yes, no, blank) < 0:
        problems.append(TallyProblem.NEGATIVE)
    if present > households:
        problems.append(TallyProblem.PRESENT_OVER_TOTAL)
    if yes + no + blank > present:
        problems.append(TallyProblem.VOTES_OVER_PRESENT)
    return problems


@dataclass(frozen=True, slots=True)
class Tally:
    """The result of a vote, with what the community decision document must state (Art. 20)."""

    households: int
    present: int
    absent: int
    yes: int
    no: int
    blank: int
    needed: int
    threshold: Threshold
    passed: bool
    majority_of_present: bool  # more than half of those who took part said yes (shown to explain a failure)
    short_by: int  # yes votes missing to pass (0 when passed)


def tally(rule: VoteRule, *, households: int, present: int, yes: int, no: int = 0, blank: int = 0) -> Tally:
    """Count a vote against all ``households`` of the village.

    ``present`` is the number of households that took part (came to the meeting, returned a slip, voted online).

    Raises:
        ValueError: the count is impossible (see ``tally_problems``); its message names the problems.
    """
    problems = tally_problems(households=households, present=present, yes=yes, no=no, blank=blank)
    if problems:
        raise ValueError(", ".join(problems))
    need = needed(households, rule.threshold)
    return Tally(
        households=households,
        present=present,
        absent=households - present,
        yes=yes,
        no=no,
        blank=blank,
        needed=need,
        threshold=rule.threshold,
        passed=yes >= need,
        majority_of_present=present > 0 and 2 * yes > present,
        short_by=max(0, need - yes),
    )


def tally_choices(choices: Iterable[str], *, rule: VoteRule, households: int) -> Tally:
    """Tally one ballot per household given as ``"yes"``, ``"no"`` or ``"blank"`` (online votes, counted slips).

    Raises:
        ValueError: a choice is unknown, or there are more ballots than households.
    """
    counts = {"yes": 0, "no": 0, "blank": 0}
    for choice in choices:
        if choice not in counts:
            raise ValueError(f"unknown choice {choice!r}")
        counts[choice] += 1
    present = counts["yes"] + counts["no"] + counts["blank"]
    return tally(rule, households=households, present=present, **counts)
