"""The life of the records that move (gandan.core.democracy.covenants, .commitments, .supervision): a village
covenant reaches force only through the commune's recognition and its two 5-working-day clocks jump Tết; a
commitment (a dialogue's promise or a board's recommendation) moves open → in progress → done or cancelled and is
overdue only while unfinished past its date; the people's inspection board admits no commune or village staff and
has one member per village, at least five."""

from collections import deque
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.commitments import (
    COMMITMENT_MOVES,
    CommitmentState,
    commitment_can_move,
    is_overdue,
)
from gandan.core.democracy.covenants import TRANSITIONS, CovenantState, can_move, recognise_by, send_by
from gandan.core.democracy.supervision import (
    INSPECTION_BOARD_MIN,
    INVESTMENT_BOARD_MIN,
    BoardKind,
    Ineligible,
    board_shortfall,
    board_size_needed,
    ineligible_reasons,
    inspection_board_size_needed,
)
from gandan.core.tests.test_democracy_disclosure import CAL

C = CovenantState


def _reachable(start: CovenantState, *, avoiding: CovenantState | None = None) -> set[CovenantState]:
    seen = {start}
    todo = deque([start])
    while todo:
        for nxt in TRANSITIONS[todo.popleft()]:
            if nxt != avoiding and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# --- village covenants ------------------------------------------------------------------------------------------------


def test_every_state_has_its_moves():
    assert set(TRANSITIONS) == set(CovenantState)


@pytest.mark.parametrize("state", [C.DRAFT, C.CONSULTATION, C.VOTING, C.ADOPTED, C.REFUSED])
def test_no_path_reaches_force_without_the_commune_recognising_it(state):
    assert C.IN_FORCE in _reachable(state)
    assert C.IN_FORCE not in _reachable(state, avoiding=C.SUBMITTED)
    # and, short of an adopted text, none reaches the recognition dossier without an adoption vote
    if state is not C.ADOPTED:
        assert C.SUBMITTED not in _reachable(state, avoiding=C.ADOPTED)


def test_only_a_submitted_or_suspended_covenant_comes_into_force():
    assert {s for s in C if can_move(s, C.IN_FORCE)} == {C.SUBMITTED, C.SUSPENDED}
    assert {s for s in C if can_move(s, C.ADOPTED)} == {C.VOTING}
    assert {s for s in C if can_move(s, C.SUBMITTED)} == {C.ADOPTED}


@pytest.mark.parametrize("state", [C.SUPERSEDED, C.ABOLISHED])
def test_superseded_and_abolished_are_the_end(state):
    assert TRANSITIONS[state] == frozenset()
    assert not any(can_move(state, target) for target in C)


def test_every_covenant_can_still_end():
    ends = {C.SUPERSEDED, C.ABOLISHED}
    for state in set(C) - ends:
        assert _reachable(state) & ends, state


@pytest.mark.parametrize(
    "current, target, allowed",
    [
        (C.DRAFT, C.CONSULTATION, True),
        (C.DRAFT, C.VOTING, True),
        (C.DRAFT, C.IN_FORCE, False),
        (C.DRAFT, C.ADOPTED, False),
        (C.VOTING, C.DRAFT, True),  # a failed vote goes back to drafting
        (C.VOTING, C.IN_FORCE, False),
        (C.ADOPTED, C.IN_FORCE, False),
        (C.SUBMITTED, C.REFUSED, True),
        (C.REFUSED, C.DRAFT, True),
        (C.REFUSED, C.IN_FORCE, False),
        (C.IN_FORCE, C.SUSPENDED, True),
        (C.SUSPENDED, C.IN_FORCE, True),
        (C.IN_FORCE, C.DRAFT, False),
        ("in_force", "abolished", True),  # stored codes work as the members
    ],
)
def test_covenant_moves(current, target, allowed):
    assert can_move(current, target) is allowed


def test_an_unknown_covenant_state_is_refused():
    with pytest.raises(ValueError):
        can_move("draft", "approved")


@pytest.mark.parametrize(
    "adopted, send, recognise",
    [
        # adopted on the last working day before Tết 2026: 23–27/02; then 02–06/03
        (date(2026, 2, 13), date(2026, 2, 27), date(2026, 3, 6)),
        # adopted on a Sunday during Tết 2027: 11, 12, 15, 16, 17/02; then 18, 19, 22, 23, 24/02
        (date(2027, 2, 7), date(2027, 2, 17), date(2027, 2, 24)),
        # an ordinary week
        (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)),
    ],
)
def test_the_covenant_clocks_jump_tet(adopted, send, recognise):
    assert send_by(adopted, calendar=CAL) == send
    assert recognise_by(send, calendar=CAL) == recognise


# --- commitments and board recommendations ---------------------------------------------------------------------------

S = CommitmentState


@pytest.mark.parametrize(
    "current, target, allowed",
    [
        (S.OPEN, S.IN_PROGRESS, True),
        (S.OPEN, S.DONE, True),
        (S.OPEN, S.CANCELLED, True),
        (S.OPEN, S.OPEN, False),
        (S.IN_PROGRESS, S.DONE, True),
        (S.IN_PROGRESS, S.CANCELLED, True),
        (S.IN_PROGRESS, S.OPEN, False),
        (S.DONE, S.IN_PROGRESS, True),  # reopened when the evidence does not hold
        (S.DONE, S.OPEN, False),
        (S.DONE, S.CANCELLED, False),
        (S.CANCELLED, S.OPEN, False),
        (S.CANCELLED, S.IN_PROGRESS, False),
        (S.CANCELLED, S.DONE, False),
        ("open", "done", True),
    ],
)
def test_commitment_moves(current, target, allowed):
    assert commitment_can_move(current, target) is allowed


def test_cancelled_is_the_only_end_and_nothing_stays_put():
    assert [s for s in S if not COMMITMENT_MOVES[s]] == [S.CANCELLED]
    assert all(s not in COMMITMENT_MOVES[s] for s in S)


def test_an_unknown_commitment_state_is_refused():
    with pytest.raises(ValueError):
        commitment_can_move("open", "late")


@given(st.sampled_from(list(S)), st.dates(), st.integers(-400, 400))
def test_overdue_means_unfinished_and_past_its_day(state, due, offset):
    try:
        today = due + timedelta(days=offset)
    except OverflowError:
        return
    unfinished = state in (S.OPEN, S.IN_PROGRESS)
    assert is_overdue(state=state, due=due, today=today) == (unfinished and offset > 0)


@pytest.mark.parametrize(
    "state, today, overdue",
    [
        (S.OPEN, date(2026, 3, 31), False),  # the due day itself is still in time
        (S.OPEN, date(2026, 4, 1), True),
        (S.IN_PROGRESS, date(2026, 4, 1), True),
        (S.DONE, date(2027, 1, 1), False),
        (S.CANCELLED, date(2027, 1, 1), False),
    ],
)
def test_overdue_worked_by_hand(state, today, overdue):
    assert is_overdue(state=state, due=date(2026, 3, 31), today=today) is overdue


# --- people's supervision boards ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "commune_staff, village_staff, resident, reasons",
    [
        (False, False, True, []),
        (True, False, True, [Ineligible.COMMUNE_STAFF]),
        (False, True, True, [Ineligible.VILLAGE_STAFF]),
        (False, False, False, [Ineligible.NOT_RESIDENT]),
        (True, True, False, [Ineligible.COMMUNE_STAFF, Ineligible.VILLAGE_STAFF, Ineligible.NOT_RESIDENT]),
    ],
)
def test_who_may_not_sit_on_the_inspection_board(commune_staff, village_staff, resident, reasons):
    assert (
        ineligible_reasons(commune_staff=commune_staff, village_staff=village_staff, resident=resident)
        == reasons
    )


@given(st.integers(min_value=0, max_value=500))
def test_one_member_per_village_and_at_least_five(villages):
    size = inspection_board_size_needed(villages)
    assert size >= INSPECTION_BOARD_MIN == 5
    assert size >= villages
    assert size == max(5, villages)


def test_an_investment_board_has_at_least_five_members():
    assert INVESTMENT_BOARD_MIN == 5


def test_a_negative_village_count_is_refused():
    with pytest.raises(ValueError):
        inspection_board_size_needed(-1)


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_a_board_lacks_what_separates_it_from_its_minimum(villages, members):
    inspection = board_shortfall("inspection", villages=villages, members=members)
    investment = board_shortfall(BoardKind.INVESTMENT, villages=villages, members=members)
    assert inspection == max(0, max(5, villages) - members)
    assert investment == max(0, 5 - members)  # the villages do not matter for a project's board
    assert board_size_needed("investment", villages=villages) == INVESTMENT_BOARD_MIN


@pytest.mark.parametrize(
    "kind, villages, members, lacks",
    [("inspection", 7, 5, 2), ("inspection", 3, 4, 1), ("inspection", 7, 7, 0), ("investment", 12, 4, 1)],
)
def test_board_shortfall_worked_by_hand(kind, villages, members, lacks):
    assert board_shortfall(kind, villages=villages, members=members) == lacks


def test_an_unknown_board_kind_or_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        board_size_needed("audit", villages=3)
    with pytest.raises(ValueError):
        board_shortfall("inspection", villages=3, members=-1)
