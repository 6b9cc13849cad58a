"""How a household vote is run (gandan.core.democracy.vote_procedure): the forms a village may use (online only for
"other matters" once more than half of the households opted in; a household ballot on a covenant only after a meeting
without quorum), the two days' notice, the counting board of 3 to 5, the voting window, and the community decision's
two clocks of 5 working days — across Tết."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.vote_procedure import (
    BoardProblem,
    DeadlineState,
    FormProblem,
    WindowProblem,
    answer_by,
    board_names,
    board_problem,
    deadline_state,
    form_problem,
    forms_allowed,
    latest_notice,
    meeting_without_quorum,
    notice_in_time,
    optin_needed,
    send_by,
    window_problem,
)
from gandan.core.democracy.votes import LAW_10_IN_FORCE, Form, rule_for
from gandan.core.workdays import WorkCalendar

DAY = date(2026, 3, 2)
TET_2026 = WorkCalendar(days_off=frozenset(date(2026, 2, 16) + timedelta(days=i) for i in range(5)))


def rule(matter: int):
    return rule_for(matter, DAY)


@pytest.mark.parametrize("matter", [1, 2, 3, 4, 5])
def test_online_is_never_allowed_for_matters_1_to_5(matter):
    assert form_problem(rule(matter), Form.ONLINE, households=100, opted_in=100) is FormProblem.NOT_FOR_MATTER
    assert Form.ONLINE not in forms_allowed(rule(matter), households=100, opted_in=100)


@pytest.mark.parametrize(
    "households, opted_in, allowed",
    [(120, 60, False), (120, 61, True), (1, 1, True), (1, 0, False), (121, 61, True), (121, 60, False)],
)
def test_online_for_other_matters_needs_more_than_half_opted_in(households, opted_in, allowed):
    problem = form_problem(rule(6), Form.ONLINE, households=households, opted_in=opted_in)
    assert (problem is None) is allowed
    assert (Form.ONLINE in forms_allowed(rule(6), households=households, opted_in=opted_in)) is allowed
    if not allowed:
        assert problem is FormProblem.OPTIN_SHORT


@given(st.integers(min_value=1, max_value=50_000))
def test_optin_needed_is_the_first_count_that_allows_online(households):
    need = optin_needed(households)
    assert form_problem(rule(6), Form.ONLINE, households=households, opted_in=need) is None
    assert (
        form_problem(rule(6), Form.ONLINE, households=households, opted_in=need - 1)
        is FormProblem.OPTIN_SHORT
    )


@pytest.mark.parametrize("matter", [3, 4, 5])
def test_a_covenant_or_an_election_goes_to_a_meeting_first(matter):
    assert form_problem(rule(matter), Form.BALLOT, households=80, opted_in=0) is FormProblem.MEETING_FIRST
    assert forms_allowed(rule(matter), households=80, opted_in=0) == (Form.MEETING,)
    after = forms_allowed(rule(matter), households=80, opted_in=0, meeting_lacked_quorum=True)
    assert after == (Form.MEETING, Form.BALLOT)


@pytest.mark.parametrize("matter", [1, 2, 6])
def test_contributions_and_other_matters_may_go_straight_to_a_ballot(matter):
    assert form_problem(rule(matter), Form.BALLOT, households=80, opted_in=0) is None


@pytest.mark.parametrize("households, present, lacked", [(120, 60, True), (120, 61, False), (5, 2, True)])
def test_a_meeting_lacks_quorum_at_half_or_fewer(households, present, lacked):
    assert meeting_without_quorum(households=households, present=present) is lacked


@pytest.mark.parametrize(
    "notice, opens, ok",
    [(date(2026, 7, 1), date(2026, 7, 3), True), (date(2026, 7, 2), date(2026, 7, 3), False)],
)
def test_the_notice_reaches_households_two_days_before(notice, opens, ok):
    assert notice_in_time(notice, opens) is ok
    assert latest_notice(opens) == date(2026, 7, 1)


def test_a_counting_board_has_three_to_five_different_people():
    assert board_names(" Nguyễn Văn An \n\nTrần Thị Bình; Lê  Văn Cường\n") == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ]
    assert board_problem(["A", "B"]) is BoardProblem.TOO_FEW
    assert board_problem(["A", "B", "C"]) is None
    assert board_problem(["A", "B", "C", "D", "E", "F"]) is BoardProblem.TOO_MANY
    assert board_problem(["An", "Bình", "an"]) is BoardProblem.TWICE


def test_the_window_includes_both_ends():
    opens, closes = datetime(2026, 7, 3, 7, 0), datetime(2026, 7, 3, 17, 0)
    assert (
        window_problem(opens - timedelta(seconds=1), opens_at=opens, closes_at=closes)
        is WindowProblem.NOT_YET
    )
    assert window_problem(opens, opens_at=opens, closes_at=closes) is None
    assert window_problem(closes, opens_at=opens, closes_at=closes) is None
    assert (
        window_problem(closes + timedelta(seconds=1), opens_at=opens, closes_at=closes)
        is WindowProblem.CLOSED
    )


@pytest.mark.parametrize(
    "counted, sent_by, answered_by",
    [
        # A vote counted on the Friday before Tết: the five working days resume after the holiday.
        (date(2026, 2, 13), date(2026, 2, 27), date(2026, 3, 6)),
        # An ordinary Wednesday: the next Wednesday.
        (date(2026, 3, 4), date(2026, 3, 11), date(2026, 3, 18)),
    ],
)
def test_the_decision_is_sent_and_answered_within_five_working_days_across_tet(counted, sent_by, answered_by):
    assert send_by(counted, calendar=TET_2026) == sent_by
    assert answer_by(sent_by, calendar=TET_2026) == answered_by


def test_a_deadline_is_on_time_late_due_today_or_overdue():
    due = date(2026, 3, 11)
    assert deadline_state(due, done_on=due, today=date(2026, 4, 1)) is DeadlineState.ON_TIME
    assert deadline_state(due, done_on=due + timedelta(days=1), today=date(2026, 4, 1)) is DeadlineState.LATE
    assert deadline_state(due, done_on=None, today=due - timedelta(days=1)) is DeadlineState.WAITING
    assert deadline_state(due, done_on=None, today=due) is DeadlineState.DUE_TODAY
    assert deadline_state(due, done_on=None, today=due + timedelta(days=1)) is DeadlineState.OVERDUE


def test_the_rules_hold_from_the_law_in_force():
    assert rule_for(1, LAW_10_IN_FORCE).matter == 1
