"""The demo's people's supervision: in each demo commune, the people's inspection board elected from the villages
(one member per village, at least five; a head and a deputy), and a community investment supervision board for a
road project with five members and findings in every state — one waiting for the answer, one overdue, one being
dealt with, one answered, one cancelled — plus one of the inspection board still waiting.

Recorded through the services as the commune's mass-mobilisation officer (the eligibility check included: a drawn
name that is a commune officer's or a village head's is drawn again). Reproducible (a fixed seed per commune) and
idempotent: a commune that has any board is left alone."""

import datetime as dt
from random import Random

from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.core.sample_names import sample_name
from gandan.democracy.models import Board, BoardMember
from gandan.democracy.selectors.supervision import commune_villages
from gandan.democracy.services.supervision import (
    board_create,
    member_add,
)
from gandan.democracy.services.supervision_findings import (
    finding_answer,
    finding_create,
    finding_move,
)
from gandan.errors import DomainError
from gandan.units.models import Unit

SEED = 2026
DEMO_COMMUNES = ("08848", "08824", "08782", "08773")  # gandan.demo.COMMUNE_SLUGS
TERM_START = dt.date(2025, 7, 1)  # the new communes' first term, from their founding


def _officer(commune: Unit) -> User | None:
    return (
        User.objects.filter(unit=commune, is_active=True, roles__role=Role.MOBILIZATION_OFFICER)
        .order_by("pk")
        .first()
    )


def _add(board: Board, rng: Random, officer: User, **fields) -> BoardMember:
    """A member with a drawn name; a name the eligibility check refuses (an officer's, a village head's) or already
    on the board is drawn again."""
    for _attempt in range(30):
        try:
            return member_add(board=board, full_name=sample_name(rng), by=officer, **fields)
        except DomainError as error:
            if set(error.errors) != {"full_name"}:
                raise
    raise RuntimeError("no eligible name drawn in 30 attempts")


def _inspection(commune: Unit, villages: list[Unit], rng: Random, officer: User, today: dt.date) -> int:
    start = min(TERM_START, today)
    board = board_create(commune=commune, kind="inspection", term_start=start, by=officer)
    seats = villages + villages[: max(0, 5 - len(villages))]  # one per village, at least five
    for i, village in enumerate(seats):
        post = "head" if i == 0 else "deputy" if i == 1 else "member"
        _add(
            board,
            rng,
            officer,
            village=village,
            post=post,
            represents=f"Nhân dân {village.name.lower()}",
            elected_on=start,
        )
    finding_create(
        board=board,
        title=f"Chậm trả lời kiến nghị của cử tri {villages[0].name.lower()}",
        finding=(
            f"Kiến nghị sửa cầu tràn của cử tri {villages[0].name.lower()} gửi từ kỳ tiếp xúc cử tri trước "
            "đến nay chưa được trả lời bằng văn bản."
        ),
        recommendation="Đề nghị UBND xã trả lời bằng văn bản và công khai tại nhà văn hóa thôn.",
        addressed_to="Chủ tịch UBND xã",
        found_on=today - dt.timedelta(days=12),
        answer_due=today + dt.timedelta(days=18),
        by=officer,
    )
    return board.members.count()


# (title, what was found, days ago, answer due in days, what became of it, the answer or the reason)
FINDINGS = [
    (
        "Chưa niêm yết dự toán công trình tại nhà văn hóa thôn",
        "Dự toán và mức đóng góp của các hộ chưa được niêm yết tại nhà văn hóa thôn như cam kết khi họp dân.",
        10,
        20,
        "open",
        "",
    ),
    (
        "Mặt đường bê tông mỏng hơn thiết kế",
        "Kiểm tra ngẫu nhiên 3 điểm, mặt đường dày 14–15 cm, thiết kế 18 cm.",
        45,
        -15,
        "open",
        "",
    ),
    (
        "Rãnh thoát nước dọc tuyến chưa thi công",
        "Đoạn qua khu dân cư chưa làm rãnh thoát nước, nước mưa tràn vào nhà dân.",
        30,
        5,
        "in_progress",
        "",
    ),
    (
        "Vật liệu tập kết thiếu hồ sơ nguồn gốc",
        "Cát, đá tập kết tại công trường không có hóa đơn, chứng chỉ chất lượng.",
        90,
        -60,
        "done",
        "Nhà thầu đã bổ sung hóa đơn và chứng chỉ chất lượng vật liệu; Ban quản lý dự án đã kiểm tra, lập biên bản.",
    ),
    (
        "Đề nghị điều chỉnh hướng tuyến qua vườn nhà dân",
        "Một số hộ đề nghị nắn tuyến để tránh chặt cây ăn quả.",
        70,
        -40,
        "cancelled",
        "Các hộ đã tự nguyện hiến đất, Ban rút kiến nghị.",
    ),
]


def _investment(commune: Unit, villages: list[Unit], rng: Random, officer: User, today: dt.date) -> int:
    first, second = villages[0], villages[1 % len(villages)]
    board = board_create(
        commune=commune,
        kind="investment",
        project=f"Bê tông hóa đường liên thôn {first.name.removeprefix('Thôn ')} – {second.name.removeprefix('Thôn ')}",
        term_start=today - dt.timedelta(days=150),
        term_end=today + dt.timedelta(days=200),
        by=officer,
    )
    _add(board, rng, officer, post="head", represents="Ban Thanh tra nhân dân xã")
    _add(board, rng, officer, represents="Ủy ban MTTQ Việt Nam xã")
    for village in (first, second, first):
        _add(board, rng, officer, village=village, represents=f"Nhân dân {village.name.lower()}")
    for title, found, ago, due_in, state, text in FINDINGS:
        record = finding_create(
            board=board,
            title=title,
            finding=found,
            recommendation="Đề nghị chủ đầu tư kiểm tra, yêu cầu nhà thầu khắc phục và trả lời Ban bằng văn bản.",
            addressed_to="UBND xã (chủ đầu tư)",
            found_on=today - dt.timedelta(days=ago),
            answer_due=today + dt.timedelta(days=due_in),
            by=officer,
        )
        if state == "in_progress":
            finding_move(finding=record, to="in_progress", by=officer)
        elif state == "done":
            finding_answer(finding=record, answer=text, answered_on=today - dt.timedelta(days=65), by=officer)
        elif state == "cancelled":
            finding_move(finding=record, to="cancelled", reason=text, by=officer)
    return board.members.count()


def seed_supervision(*, communes: list[Unit] | None = None, today: dt.date | None = None) -> int:
    """The demo boards of `communes` (the four demo communes by default); returns how many members were seated."""
    today = today or timezone.localdate()
    if communes is None:
        communes = list(Unit.objects.filter(code__in=DEMO_COMMUNES, valid_to__isnull=True))
    seated = 0
    for commune in sorted(communes, key=lambda c: c.code):
        if Board.objects.filter(unit=commune).exists():
            continue
        officer = _officer(commune)
        villages = list(commune_villages(commune))
        if officer is None or not villages:
            continue
        rng = Random(f"{SEED}-supervision-{commune.code}")
        seated += _inspection(commune, villages, rng, officer, today)
        seated += _investment(commune, villages, rng, officer, today)
    return seated
