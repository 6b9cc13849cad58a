"""The demo's people's supervision: every demo commune gets its inspection board (one member per village, at least
five, none of them a commune officer or a village head) and a road project's board whose findings are in every
state, one of them overdue; seeding twice adds nothing."""

import pytest

from gandan.core.vntext import fold
from gandan.democracy.models import Board, Finding
from gandan.democracy.seeding_supervision import seed_supervision
from gandan.democracy.selectors.supervision import (
    board_gaps,
    board_members,
    commune_staff_named,
    overdue_count,
    village_heads_named,
)
from gandan.democracy.tests.supervision_support import no_boards, today, user  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_boards")]


def test_each_demo_commune_gets_its_boards_and_findings_in_every_state():
    seated = seed_supervision()
    assert seated > 0
    inspection = Board.objects.filter(kind="inspection")
    assert inspection.count() == 4 and Board.objects.filter(kind="investment").count() == 4
    for board in Board.objects.select_related("unit"):
        current, _former = board_members(board, today=today())
        assert not board_gaps(board, current).any, board.name
        if board.kind == "inspection":
            for member in current:
                key = fold(member.full_name)
                assert not commune_staff_named(board.unit, key)
                assert not village_heads_named(board.unit, key, today=today())
    states = set(Finding.objects.values_list("state", flat=True))
    assert states == {"open", "in_progress", "done", "cancelled"}
    assert overdue_count(user("chutich.songlo")) == 1
    assert seed_supervision() == 0
    assert Board.objects.count() == 8
