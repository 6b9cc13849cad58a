"""Statutory clocks of petitions: complaints, denunciations, recommendations, reflections and reception.

Every time limit is kept as a versioned rule (``ClockRule``) with its legal basis and the dates it is in force,
because the law changes under running cases: Law 136/2025/QH15 and Decrees 154/155/156/2026 change several
clocks from 01/07/2026 (DOMAIN.md, Design implication 1). A case keeps the version that applied when it was
received, and an official can correct an unconfirmed ("[U]") value by adding a new version instead of waiting
for a code change. ``DEFAULT_RULES`` is only the seed of that table.

Counting conventions, shared by every clock in this module:

* The clock starts the day after its trigger (receipt, acceptance, decision), for both units, as in Civil Code
  Art. 147 and in the one-stop-shop practice of ``workdays.add_working_days``.
* Working-day limits count only days the office is open (``WorkCalendar``).
* Calendar-day limits (the Laws say plain "ngày") end on ``trigger + N``; if that day is a weekend or holiday
  the period runs to the end of the next working day (Civil Code Art. 148), so nobody loses a right, and no
  official is blamed, because the office was closed.
* A deadline therefore always falls on a working day.

Suspensions (tạm đình chỉ) follow one of two regimes, stored per rule version:

* ``PAUSE``: the suspended time is not counted; when the case resumes, only the time that was left runs on.
* ``RESTART``: from 01/07/2026 a resumed complaint gets its full time limit again, counted from the resume
  decision (Law 136/2025 new Art. 11a; Decree 155/2026 Art. 28a-28b, Form 14b).

Like the rest of ``gandan.core`` this module is pure: no Django, no clock, no database. "Today" and the
calendar are always arguments.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gandan.core.workdays import (
    WorkCalendar,
    add_working_days,
    due_after_calendar_days,
    working_days_between,
)

__all__ = [
    "COMPLEXITY_CRITERIA",
    "DEFAULT_RULES",
    "LAW_136_IN_FORCE",
    "ClockRule",
    "DayUnit",
    "RuleIssue",
    "RuleIssueKind",
    "Suspension",
    "SuspensionMode",
    "complaint_resolution_key",
    "complaint_second_window_key",
    "deadline",
    "denunciation_deadline",
    "denunciation_extensions_allowed",
    "extend",
    "rule_deadline",
    "rule_in_force",
    "rule_keys",
    "validate_rules",
]

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


# --- the seed table ----------------------------------------------------------------------------------------------

_COMPLAINT_LAW = date(2012, 7, 1)  # Law on Complaints 02/2011/QH13
_DENUNCIATION_LAW = date(2019, 1, 1)  # Law on Denunciation 25/2018/QH14
_RECEPTION_LAW = date(2014, 7, 1)  # Law on Citizen Reception 42/2013/QH13

_KN = "Luật Khiếu nại 02/2011/QH13"
_TC = "Luật Tố cáo 25/2018/QH14"
_TCD = "Luật Tiếp công dân 42/2013/QH13"
_CALENDAR_READING = (
    "[U] tính theo ngày lịch, ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp"
)
_DVCQG = "[U] quy trình PAKN trên Cổng Dịch vụ công quốc gia; chưa xác định văn bản gốc và ngày hiệu lực"


def _complaint_resolution_rules() -> tuple[ClockRule, ...]:
    """The eight resolution limits of Art. 28 and 37, each in its pre- and post-01/07/2026 version.

    The number of days does not change on 01/07/2026; what changes is the effect of a suspension. Before,
    the Law had no suspension article and the common reading is that suspended time is simply not counted
    (unconfirmed); from 01/07/2026 the limit restarts from the resume decision.
    """
    table = (
        ("complaint.first", 30, "Điều 28", "lần đầu"),
        ("complaint.first.complex", 45, "Điều 28", "lần đầu, vụ việc phức tạp"),
        ("complaint.first.remote", 45, "Điều 28", "lần đầu, vùng sâu, vùng xa"),
        ("complaint.first.remote_complex", 60, "Điều 28", "lần đầu, vùng sâu, vùng xa, vụ việc phức tạp"),
        ("complaint.second", 45, "Điều 37", "lần hai"),
        ("complaint.second.complex", 60, "Điều 37", "lần hai, vụ việc phức tạp"),
        ("complaint.second.remote", 60, "Điều 37", "lần hai, vùng sâu, vùng xa"),
        ("complaint.second.remote_complex", 70, "Điều 37", "lần hai, vùng sâu, vùng xa, vụ việc phức tạp"),
    )
    rules: list[ClockRule] = []
    for key, days, article, qualifier in table:
        label = f"Thời hạn giải quyết khiếu nại {qualifier}"
        rules.append(
            ClockRule(
                key=key,
                days=days,
                unit=DayUnit.CALENDAR,
                legal_basis=f"{_KN}, {article}",
                valid_from=_COMPLAINT_LAW,
                valid_to=_BEFORE_LAW_136,
                suspension=SuspensionMode.PAUSE,
                label=label,
                note=f"{_CALENDAR_READING}; [U] thời gian tạm dừng không tính vào thời hạn, chưa đối chiếu văn bản gốc",
            )
        )
        rules.append(
            ClockRule(
                key=key,
                days=days,
                unit=DayUnit.CALENDAR,
                legal_basis=(
                    f"{_KN}, {article} (sửa đổi bởi Luật 136/2025/QH15, Điều 11a); "
                    "Nghị định 155/2026/NĐ-CP, Điều 28a–28b"
                ),
                valid_from=LAW_136_IN_FORCE,
                valid_to=None,
                suspension=SuspensionMode.RESTART,
                label=label,
                note=f"{_CALENDAR_READING}; [S] thời hạn tính lại từ quyết định tiếp tục giải quyết (Mẫu 14b)",
            )
        )
    return tuple(rules)


DEFAULT_RULES: tuple[ClockRule, ...] = (
    # --- complaints (DOMAIN.md §2) ---
    ClockRule(
        key="complaint.limitation",
        days=90,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 9",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        # Time lost to illness, disaster, travel far away or another objective obstacle is not counted.
        suspension=SuspensionMode.PAUSE,
        label="Thời hiệu khiếu nại",
        note="Thời gian có trở ngại khách quan không tính vào thời hiệu",
    ),
    ClockRule(
        key="complaint.accept",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_KN}, Điều 27; Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1",
        valid_from=_COMPLAINT_LAW,
        valid_to=_BEFORE_LAW_136,
        label="Thời hạn thụ lý khiếu nại",
        note="[U] trước 10/12/2020 căn cứ là Thông tư 07/2013/TT-TTCP, Điều 5 (cũng 10 ngày làm việc)",
    ),
    ClockRule(
        key="complaint.accept",
        days=7,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        valid_from=LAW_136_IN_FORCE,
        valid_to=None,
        label="Thời hạn thụ lý khiếu nại",
        note="[S] văn bản đọc qua bản sao thứ cấp",
    ),
    *_complaint_resolution_rules(),
    ClockRule(
        key="complaint.second_window",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 33",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn khiếu nại lần hai",
        note="Tính từ khi hết thời hạn giải quyết lần đầu mà không được giải quyết, hoặc từ ngày nhận quyết định",
    ),
    ClockRule(
        key="complaint.second_window.remote",
        days=45,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 33",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn khiếu nại lần hai (vùng sâu, vùng xa)",
    ),
    ClockRule(
        key="complaint.send_decision",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 124/2020/NĐ-CP; Thông tư 07/2013/TT-TTCP",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn gửi quyết định giải quyết khiếu nại",
        note="[U] chưa đối chiếu điều khoản cụ thể và ngày hiệu lực",
    ),
    ClockRule(
        key="complaint.dialogue_notice",
        days=5,
        unit=DayUnit.CALENDAR,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 28 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời gian thông báo trước buổi đối thoại (tối thiểu)",
        note=(
            "Ngày tính được là ngày sớm nhất được tổ chức đối thoại; "
            "[U] mức 5 ngày trước 01/07/2026 chưa đối chiếu văn bản gốc"
        ),
    ),
    # --- denunciations (DOMAIN.md §3) ---
    ClockRule(
        key="denunciation.classify",
        days=7,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn xử lý ban đầu thông tin tố cáo",
    ),
    ClockRule(
        key="denunciation.classify.extended",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn xử lý ban đầu thông tin tố cáo (kéo dài)",
        note="Tổng thời hạn tính từ ngày nhận đơn, khi phải xác minh ở nhiều địa điểm hoặc ủy quyền xác minh",
    ),
    ClockRule(
        key="denunciation.forward",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 2",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn chuyển đơn tố cáo không thuộc thẩm quyền",
    ),
    ClockRule(
        key="denunciation.notify_acceptance",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 29",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn thông báo việc thụ lý tố cáo",
    ),
    ClockRule(
        key="denunciation.resolve",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_TC}, Điều 30 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        suspension=SuspensionMode.PAUSE,
        label="Thời hạn giải quyết tố cáo",
        note=f"{_CALENDAR_READING}; [U] tạm đình chỉ theo Nghị định 156/2026/NĐ-CP chưa đối chiếu",
    ),
    ClockRule(
        key="denunciation.extension",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_TC}, Điều 30 khoản 1; Nghị định 31/2019/NĐ-CP, Mẫu 01",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn gia hạn giải quyết tố cáo (mỗi lần)",
        note="Vụ việc phức tạp gia hạn 1 lần, đặc biệt phức tạp gia hạn 2 lần; [U] tính từ hạn hiện tại",
    ),
    # --- petitions and reflections (DOMAIN.md §4) ---
    ClockRule(
        key="petition.reply",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 28",
        valid_from=_RECEPTION_LAW,
        valid_to=None,
        label="Thời hạn trả lời người kiến nghị, phản ánh",
    ),
    ClockRule(
        key="reflection.forward",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 20/2008/NĐ-CP, Điều 9",
        valid_from=date(2008, 3, 15),
        valid_to=None,
        label="Thời hạn chuyển phản ánh, kiến nghị về quy định hành chính không thuộc thẩm quyền",
        note="[U] ngày hiệu lực của Nghị định 20/2008/NĐ-CP chưa đối chiếu",
    ),
    ClockRule(
        key="online.reject",
        days=2,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn từ chối tiếp nhận phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.supplement",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn đề nghị bổ sung phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.answer",
        days=15,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn trả lời phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.publish",
        days=2,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn công khai kết quả trả lời phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    # --- citizen reception (DOMAIN.md §5) ---
    ClockRule(
        key="reception.refusal_notice",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 9; Thông tư 06/2014/TT-TTCP",
        valid_from=_RECEPTION_LAW,
        valid_to=_BEFORE_LAW_136,
        label="Thời hạn gửi thông báo từ chối tiếp công dân",
        note="[U] thời hạn 3 ngày làm việc trước 01/07/2026 chưa đối chiếu văn bản gốc",
    ),
    ClockRule(
        key="reception.refusal_notice",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 9 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 154/2026/NĐ-CP, Điều 4",
        valid_from=LAW_136_IN_FORCE,
        valid_to=None,
        label="Thời hạn gửi thông báo từ chối tiếp công dân (Mẫu 01/TCD)",
        note="[S] văn bản đọc qua bản sao thứ cấp",
    ),
    ClockRule(
        key="party.reply",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis="Quy định 11-QĐi/TW ngày 18/02/2019 (sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025)",
        valid_from=date(2019, 2, 18),
        valid_to=None,
        label="Thời hạn thông báo bằng văn bản của người đứng đầu cấp ủy sau khi tiếp dân",
        note="[S]",
    ),
)


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


# --- deadline arithmetic ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suspension:
    """A period in which a clock is stopped.

    Attributes:
        start: Day of the suspension decision (Form 14a), or the first day of an objective obstacle.
        end: Day of the resume decision (Form 14b); ``None`` while the case is still suspended.
    """

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"a suspension cannot end ({self.end.isoformat()}) before it starts ({self.start.isoformat()})"
            )

    @property
    def is_open(self) -> bool:
        return self.end is None


def deadline(
    start: date,
    days: int,
    unit: DayUnit,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
    mode: SuspensionMode = SuspensionMode.PAUSE,
) -> date | None:
    """Return the last day of a time limit of ``days`` ``unit`` triggered on ``start``.

    Without suspensions the clock starts the day after ``start``: working units end on the ``days``-th
    working day after it; calendar units end on ``start + days``, rolled to the next working day if that is a
    day off. A result of zero days is ``start`` itself, or the next working day if ``start`` is a day off, so
    the deadline is always a day the office is open.

    Suspensions are applied in date order. For each one that starts on or before the deadline as it stands:

    * ``PAUSE``: the time used up to the suspension day is kept: calendar days ``suspension.start - anchor``,
      working days ``working_days_between(anchor, suspension.start)``, where the anchor is ``start`` or the
      previous resume day. The suspension day itself therefore counts as used, the resume day does not, and
      the rest runs from the day after the resume day. For calendar units this moves the deadline later by
      exactly ``end - start`` days of each suspension (before the roll-forward).
    * ``RESTART``: the whole ``days`` run again from the day after the resume day.

    A suspension that starts after the deadline as it stands has passed changes nothing: the limit had
    already run out (the case was late), and a later decision cannot cure that. The same holds for every
    later suspension.

    Returns:
        The deadline, or ``None`` while a suspension that stopped the clock is still open: there is no date
        to promise until the case resumes.

    Raises:
        ValueError: if ``days`` is negative, a suspension starts before ``start``, suspensions overlap, or an
            open suspension is followed by another one.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    ordered = _checked_suspensions(start, suspensions)
    anchor, remaining = start, days
    due = _run(anchor, remaining, unit, calendar)
    for suspension in ordered:
        if suspension.start > due:
            break
        if suspension.end is None:
            return None
        if mode is SuspensionMode.PAUSE:
            # Clamped at zero: a suspension on a day the deadline was rolled onto (the nominal last day was a
            # day off) has used all the time; the case is then due on the resume day.
            remaining = max(0, remaining - _elapsed(anchor, suspension.start, unit, calendar))
        else:
            remaining = days
        anchor = suspension.end
        due = _run(anchor, remaining, unit, calendar)
    return due


def extend(
    current: date,
    days: int,
    unit: DayUnit,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
    mode: SuspensionMode = SuspensionMode.PAUSE,
) -> date | None:
    """Return the deadline after an extension of ``days`` counted from the current deadline ``current``.

    Used for the 30-day extensions of a denunciation (Law on Denunciation Art. 30(1)). Counting starts the day
    after ``current`` as it stands, i.e. after any roll-forward [U: the alternative reading counts from the
    nominal last day; confirm with the inspectorate]. Suspensions that started on or before ``current`` were
    already accounted for in it and are ignored; later ones apply to the extension as in ``deadline``.
    """
    later = [suspension for suspension in suspensions if suspension.start > current]
    return deadline(current, days, unit, calendar=calendar, suspensions=later, mode=mode)


def rule_deadline(
    rule: ClockRule,
    start: date,
    *,
    calendar: WorkCalendar,
    suspensions: Sequence[Suspension] = (),
) -> date | None:
    """Return the deadline of ``rule`` triggered on ``start``, with the suspension regime of that version."""
    return deadline(
        start, rule.days, rule.unit, calendar=calendar, suspensions=suspensions, mode=rule.suspension
    )


def denunciation_deadline(
    accepted_on: date,
    *,
    extensions: int,
    criteria_count: int,
    calendar: WorkCalendar,
    rules: Iterable[ClockRule] = DEFAULT_RULES,
    suspensions: Sequence[Suspension] = (),
) -> date | None:
    """Return the resolution deadline of a denunciation accepted on ``accepted_on`` after ``extensions``.

    The rule versions in force on the acceptance day apply. Each extension counts from the deadline before
    it, so the limits are 30, then about 60 and about 90 days (Law on Denunciation Art. 30(1)).

    Raises:
        ValueError: if more extensions are asked than the complexity of the case allows
            (``denunciation_extensions_allowed``), or ``extensions`` is negative.
    """
    allowed = denunciation_extensions_allowed(criteria_count)
    if not 0 <= extensions <= allowed:
        raise ValueError(
            f"a denunciation meeting {criteria_count} complexity criteria may be extended at most "
            f"{allowed} time(s), got {extensions}"
        )
    rules = tuple(rules)
    resolve = rule_in_force(rules, "denunciation.resolve", accepted_on)
    due = rule_deadline(resolve, accepted_on, calendar=calendar, suspensions=suspensions)
    if extensions:
        extension = rule_in_force(rules, "denunciation.extension", accepted_on)
        for _ in range(extensions):
            if due is None:
                break
            due = extend(
                due,
                extension.days,
                extension.unit,
                calendar=calendar,
                suspensions=suspensions,
                mode=extension.suspension,
            )
    return due


def _run(anchor: date, days: int, unit: DayUnit, calendar: WorkCalendar) -> date:
    if unit is DayUnit.CALENDAR:
        return due_after_calendar_days(anchor, days, calendar=calendar)
    if days == 0:
        return calendar.next_working_day(anchor, include_self=True)
    return add_working_days(anchor, days, calendar=calendar)


def _elapsed(anchor: date, until: date, unit: DayUnit, calendar: WorkCalendar) -> int:
    if unit is DayUnit.CALENDAR:
        return (until - anchor).days
    return working_days_between(anchor, until, calendar=calendar)


def _checked_suspensions(start: date, suspensions: Sequence[Suspension]) -> list[Suspension]:
    ordered = sorted(suspensions, key=lambda s: (s.start, s.end or date.max))
    previous: Suspension | None = None
    for suspension in ordered:
        if suspension.start < start:
            raise ValueError(
                f"suspension starting {suspension.start.isoformat()} is before the clock started "
                f"({start.isoformat()})"
            )
        if previous is not None:
            if previous.end is None:
                raise ValueError(
                    f"suspension starting {suspension.start.isoformat()} follows one that never ended "
                    f"(started {previous.start.isoformat()})"
                )
            if suspension.start < previous.end:
                raise ValueError(
                    f"suspensions overlap: {previous.start.isoformat()}–{previous.end.isoformat()} and one "
                    f"starting {suspension.start.isoformat()}"
                )
        previous = suspension
    return ordered
