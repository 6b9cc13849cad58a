"""What the people's supervision tests share: a commune with no board yet (the demo may have given it some), its
officers, and boards and findings made through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.models import User
from gandan.democracy.models import Board, BoardMember, Finding
from gandan.democracy.selectors.supervision import commune_villages
from gandan.democracy.services.supervision import board_create, member_add
from gandan.democracy.services.supervision_findings import finding_create

MEMBER_NAMES = [
    "Hà Văn Khải",
    "Nông Thị Xuân",
    "Quách Văn Lợi",
    "Mai Thị Duyên",
    "Lâm Văn Tới",
    "Chu Thị Nhàn",
    "Âu Văn Trọng",
]


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


@pytest.fixture
def no_boards(db):
    """The test starts where a commune starts: no supervision board anywhere (rolled back after the test)."""
    Finding.objects.all().delete()
    BoardMember.objects.all().delete()
    Board.objects.all().delete()


def today() -> dt.date:
    return timezone.localdate()


def inspection_board(commune, by, *, members: int = 0) -> Board:
    board = board_create(
        commune=commune, kind="inspection", term_start=today() - dt.timedelta(days=200), by=by
    )
    for name, village in zip(MEMBER_NAMES[:members], commune_villages(commune), strict=False):
        member_add(board=board, full_name=name, village=village, by=by)
    return board


def road_board(commune, by) -> Board:
    return board_create(
        commune=commune,
        kind="investment",
        project="Bê tông hóa đường liên thôn Bến Đò – Bãi Sậy",
        term_start=today() - dt.timedelta(days=120),
        term_end=today() + dt.timedelta(days=200),
        by=by,
    )


def finding(
    board: Board, by, *, title: str = "Mặt đường mỏng hơn thiết kế", due_in: int = 10, ago: int = 20
) -> Finding:
    return finding_create(
        board=board,
        title=title,
        finding="Đoạn qua thôn Bến Đò chỉ dày 14 cm, thiết kế 18 cm.",
        recommendation="Đề nghị chủ đầu tư kiểm tra, yêu cầu nhà thầu làm lại đoạn không đạt.",
        addressed_to="UBND xã Sông Lô",
        found_on=today() - dt.timedelta(days=ago),
        answer_due=today() + dt.timedelta(days=due_in),
        by=by,
    )
