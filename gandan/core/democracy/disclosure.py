"""Public disclosure (công khai) of the 14 items of Law 10/2022 Art. 11, with the periods of Art. 12–13.

Each item's rule is data with its legal basis and validity dates (like `core.petition_clocks`): a disclosure keeps
the rule in force on the day of its decision. Periods are counted in consecutive calendar days, the first day
being the day the posting starts; the deadline to disclose is in working days after the decision (Art. 13(1)).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gandan.core.workdays import WorkCalendar, add_working_days

LAW_10_IN_FORCE = date(2023, 7, 1)
_BASIS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"


@dataclass(frozen=True, slots=True, kw_only=True)
class DisclosureRule:
    """One version of the rule for one Art. 11 item.

    Attributes:
        item: 1–14, the clause of Art. 11.
        label: The item as the law names it, in Vietnamese.
        posting_days: Minimum consecutive days on the notice boards; ``None`` when the item stays posted
            permanently (items 4 and 13, updated when they change).
        loudspeaker_days: Minimum consecutive days on the commune loudspeakers; ``None`` when not required.
        disclose_within: Working days after the decision by which the disclosure must start.
        legal_basis: The articles, as printed on the notice.
        valid_from, valid_to: When this version applies (inclusive; ``valid_to`` None while in force).
    """

    item: int
    label: str
    posting_days: int | None
    loudspeaker_days: int | None
    disclose_within: int
    legal_basis: str
    valid_from: date
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.item <= 14:
            raise ValueError(f"disclosure item must be 1–14, got {self.item}")
        if self.posting_days is not None and self.posting_days < 1:
            raise ValueError(f"item {self.item}: posting_days must be >= 1")
        if self.loudspeaker_days is not None and self.loudspeaker_days < 1:
            raise ValueError(f"item {self.item}: loudspeaker_days must be >= 1")
        if self.disclose_within < 0:
            raise ValueError(f"item {self.item}: disclose_within must be >= 0")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"item {self.item}: valid_to before valid_from")

    @property
    def permanent(self) -> bool:
        return self.posting_days is None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_LABELS = {
    1: "Kế hoạch phát triển kinh tế - xã hội hằng năm và kết quả thực hiện",
    2: "Dự toán, tình hình thực hiện, quyết toán ngân sách; kết luận kiểm toán",
    3: "Dự án đầu tư, tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; quỹ đất; quy hoạch xây dựng",
    4: "Quy chế dân chủ; nhiệm vụ của cán bộ xã, thôn; quy tắc ứng xử",
    5: "Quỹ, khoản đóng góp, tài trợ huy động từ Nhân dân",
    6: "Mua sắm, quản lý, sử dụng, thanh lý tài sản công",
    7: "Chính sách hỗ trợ: đối tượng, tiêu chí, quy trình bình xét và kết quả",
    8: "Hỗ trợ thiên tai, dịch bệnh, bệnh hiểm nghèo: phạm vi, tiêu chí, mức hỗ trợ, sử dụng tiền ủng hộ",
    9: "Danh sách gọi nhập ngũ, thực hiện nghĩa vụ công an; tạm hoãn, miễn",
    10: "Kết quả thanh tra, vụ việc tham nhũng của cán bộ xã; kết quả lấy phiếu tín nhiệm",
    11: "Kế hoạch lấy ý kiến Nhân dân, nội dung, tổng hợp ý kiến, giải trình và tiếp thu",
    12: "Phí, lệ phí do xã thu",
    13: "Thủ tục hành chính do xã giải quyết",
    14: "Nội dung khác theo quy định của pháp luật",
}


def _rule(item: int) -> DisclosureRule:
    permanent = item in (4, 13)
    loud = 3 if 7 <= item <= 12 else None
    basis = f"Điều 11 khoản {item}; Điều 12, 13 {_BASIS}"
    return DisclosureRule(
        item=item,
        label=_LABELS[item],
        posting_days=None if permanent else 30,
        loudspeaker_days=loud,
        disclose_within=5,
        legal_basis=basis,
        valid_from=LAW_10_IN_FORCE,
    )


RULES: tuple[DisclosureRule, ...] = tuple(_rule(i) for i in range(1, 15))
ITEMS = tuple(range(1, 15))


def rule_for(item: int, on: date, rules: Iterable[DisclosureRule] = RULES) -> DisclosureRule:
    """The version of item ``item``'s rule in force on ``on`` (normally the day of the decision).

    Raises:
        LookupError: no version covers ``on`` (e.g. a decision before the Law took effect).
        ValueError: two versions overlap (the table is inconsistent).
    """
    found = [r for r in rules if r.item == item and r.covers(on)]
    if not found:
        raise LookupError(f"no disclosure rule for item {item} on {on.isoformat()}")
    if len(found) > 1:
        raise ValueError(f"{len(found)} disclosure rules for item {item} overlap on {on.isoformat()}")
    return found[0]


def disclose_by(decided: date, rule: DisclosureRule, *, calendar: WorkCalendar) -> date:
    """The last day the disclosure may start: ``disclose_within`` working days after the decision (Art. 13(1))."""
    return add_working_days(decided, rule.disclose_within, calendar=calendar)


def last_required_day(start: date, days: int) -> date:
    """The last day of ``days`` consecutive days starting on ``start`` (the start counts as day 1)."""
    if days < 1:
        raise ValueError("days must be >= 1")
    return start + timedelta(days=days - 1)


def default_end(start: date, rule: DisclosureRule) -> date | None:
    """The earliest lawful last day on the notice boards, or ``None`` for a permanent item."""
    return None if rule.posting_days is None else last_required_day(start, rule.posting_days)


def loudspeaker_until(start: date, rule: DisclosureRule) -> date | None:
    """The last of the required loudspeaker days, or ``None`` when the item needs none."""
    return None if rule.loudspeaker_days is None else last_required_day(start, rule.loudspeaker_days)


class PeriodProblem(StrEnum):
    END_BEFORE_START = "end_before_start"
    TOO_SHORT = "too_short"
    END_ON_PERMANENT = "end_on_permanent"
    LOUDSPEAKER_TOO_SHORT = "loudspeaker_too_short"
    START_BEFORE_DECISION = "start_before_decision"


def period_problems(
    rule: DisclosureRule,
    *,
    decided: date,
    start: date,
    end: date | None,
    loudspeaker_days: int | None = None,
) -> list[PeriodProblem]:
    """What is wrong with a planned posting, in the order an official would fix it (empty when lawful).

    ``end`` None means "until further notice" (allowed for any item: the law sets minimums); a permanent item
    may not be given an end. ``loudspeaker_days`` is the number of days planned on the loudspeakers, checked
    only when the item requires them.
    """
    problems: list[PeriodProblem] = []
    if start < decided:
        problems.append(PeriodProblem.START_BEFORE_DECISION)
    if end is not None:
        if rule.permanent:
            problems.append(PeriodProblem.END_ON_PERMANENT)
        elif end < start:
            problems.append(PeriodProblem.END_BEFORE_START)
        elif rule.posting_days is not None and end < last_required_day(start, rule.posting_days):
            problems.append(PeriodProblem.TOO_SHORT)
    required = rule.loudspeaker_days
    if required is not None and loudspeaker_days is not None and loudspeaker_days < required:
        problems.append(PeriodProblem.LOUDSPEAKER_TOO_SHORT)
    return problems


class DisclosureState(StrEnum):
    """Where a disclosure stands on ``today`` (the compliance view's columns)."""

    DUE = "due"  # decided, not yet posted, still within the deadline
    LATE = "late"  # not posted and the deadline has passed
    RUNNING = "running"  # on the boards today
    ENDED = "ended"  # its period is over
    WITHDRAWN = "withdrawn"  # taken down by an official (kept with its reason)


def state_on(
    today: date,
    *,
    deadline: date,
    start: date | None,
    end: date | None,
    withdrawn: bool = False,
) -> DisclosureState:
    """The state of a disclosure on ``today``: a posting starting in the future counts as not yet posted."""
    if withdrawn:
        return DisclosureState.WITHDRAWN
    if start is None or start > today:
        return DisclosureState.LATE if today > deadline else DisclosureState.DUE
    if end is not None and today > end:
        return DisclosureState.ENDED
    return DisclosureState.RUNNING


def started_late(*, deadline: date, start: date | None) -> bool:
    """The posting started (or is planned to start) after the legal deadline."""
    return start is not None and start > deadline


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (1–4)."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1–4")
    first = date(year, 3 * (quarter - 1) + 1, 1)
    nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, nxt - timedelta(days=1)
