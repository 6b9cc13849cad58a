"""The village covenant's life (gandan.core.democracy.covenants): which step follows which, the two 5-working-day
clocks on the calendar (across Tết), late marks, and the adoption count against all households of the village."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.covenants import (
    TRANSITIONS,
    CovenantState,
    adoption,
    can_move,
    late,
    recognise_by,
    send_by,
)
from gandan.core.workdays import WorkCalendar

S = CovenantState
TET_2026 = WorkCalendar(days_off=frozenset(date(2026, 2, 16) + timedelta(days=i) for i in range(5)))


def test_the_road_from_draft_to_in_force():
    road = [S.DRAFT, S.CONSULTATION, S.VOTING, S.ADOPTED, S.SUBMITTED, S.IN_FORCE]
    assert all(can_move(a, b) for a, b in zip(road, road[1:], strict=False))


@pytest.mark.parametrize(
    "current, target",
    [
        (S.DRAFT, S.IN_FORCE),  # never without the vote and the recognition
        (S.DRAFT, S.ADOPTED),
        (S.ADOPTED, S.IN_FORCE),  # the dossier is sent first
        (S.VOTING, S.SUBMITTED),
        (S.SUPERSEDED, S.IN_FORCE),  # an ended covenant stays ended
        (S.ABOLISHED, S.IN_FORCE),
        (S.REFUSED, S.IN_FORCE),
    ],
)
def test_steps_cannot_be_skipped(current, target):
    assert not can_move(current, target)


def test_only_a_covenant_in_force_is_replaced_and_ended_ones_go_nowhere():
    assert [s for s in S if can_move(s, S.SUPERSEDED)] == [S.IN_FORCE]
    assert TRANSITIONS[S.SUPERSEDED] == TRANSITIONS[S.ABOLISHED] == frozenset()


@pytest.mark.parametrize(
    "adopted, due",
    [
        (date(2026, 3, 2), date(2026, 3, 9)),  # Monday → next Monday
        (
            date(2026, 2, 12),
            date(2026, 2, 26),
        ),  # Thursday before Tết: Friday, then the week after the holiday
    ],
)
def test_the_dossier_is_due_five_working_days_after_adoption(adopted, due):
    assert send_by(adopted, calendar=TET_2026) == due
    assert recognise_by(adopted, calendar=TET_2026) == due  # the chairman's clock is the same length


def test_late_when_done_after_the_deadline_or_still_waiting_past_it():
    deadline = date(2026, 3, 9)
    assert not late(deadline, done_on=deadline, today=date(2026, 4, 1))
    assert late(deadline, done_on=date(2026, 3, 10), today=date(2026, 4, 1))
    assert late(deadline, done_on=None, today=date(2026, 3, 10))
    assert not late(deadline, done_on=None, today=deadline)
    assert not late(None, done_on=None, today=date(2030, 1, 1))


def test_a_covenant_needs_half_the_village_present_and_half_the_village_agreeing():
    passed = adoption(households=120, present=70, yes=61, on=date(2026, 3, 1))
    assert passed.passed and passed.quorum and passed.needed == 61
    short = adoption(households=120, present=70, yes=60, on=date(2026, 3, 1))
    assert not short.passed  # 60 of 70 present agreed, but not more than half of the 120 households
    no_quorum = adoption(households=120, present=60, yes=60, on=date(2026, 3, 1))
    assert not no_quorum.quorum and not no_quorum.passed


def test_an_impossible_count_is_refused():
    with pytest.raises(ValueError):
        adoption(households=10, present=11, yes=5, on=date(2026, 3, 1))


@given(households=st.integers(1, 5000), data=st.data())
def test_adoption_is_exactly_more_than_half_of_all_households_with_a_quorum(households, data):
    present = data.draw(st.integers(0, households))
    yes = data.draw(st.integers(0, present))
    result = adoption(households=households, present=present, yes=yes, on=date(2026, 3, 1))
    assert result.passed == (2 * present > households and 2 * yes > households)
