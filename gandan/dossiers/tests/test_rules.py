"""The desk's pure rules: transitions, codes and the Decision 766 on-time formula on hand-computed cases."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.workdays import WorkCalendar
from gandan.dossiers.rules import (
    TERMINAL,
    TRANSITIONS,
    Action,
    OnTimeInput,
    Pause,
    Status,
    TransitionError,
    allowed_actions,
    days_late,
    dossier_code,
    is_on_time,
    is_overdue,
    may_apologize,
    next_status,
    on_time_rate,
    overdue_before,
    statistic_due,
    step_result,
)

CAL = WorkCalendar(
    days_off=frozenset(
        {dt.date(2026, 2, d) for d in range(16, 21)} | {dt.date(2026, 4, 30), dt.date(2026, 5, 1)}
    ),
    working_days=frozenset({dt.date(2026, 1, 10)}),
)


def t(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm)


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (Status.NEW, Action.ACCEPT, Status.ACCEPTED),
        (Status.NEW, Action.REFUSE, Status.REFUSED),
        (Status.NEW, Action.REQUEST_SUPPLEMENT, Status.SUPPLEMENT),
        (Status.ACCEPTED, Action.TRANSFER, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Action.TRANSFER, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Action.COMPLETE, Status.PROCESSED),
        (Status.IN_PROGRESS, Action.STOP, Status.STOPPED),
        (Status.PAYMENT, Action.RECORD_PAYMENT, Status.IN_PROGRESS),
        (Status.PROCESSED, Action.RETURN_RESULT, Status.RETURNED),
    ],
)
def test_allowed_transitions(status, action, after):
    assert next_status(status, action) == after


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.NEW, Action.COMPLETE),
        (Status.NEW, Action.RETURN_RESULT),
        (Status.RETURNED, Action.TRANSFER),
        (Status.REFUSED, Action.ACCEPT),
        (Status.PROCESSED, Action.REQUEST_SUPPLEMENT),
        (Status.WITHDRAWN, Action.RECEIVE_SUPPLEMENT),
        (Status.ACCEPTED, Action.RETURN_RESULT),
    ],
)
def test_refused_transitions(status, action):
    with pytest.raises(TransitionError):
        next_status(status, action)


def test_terminal_states_allow_nothing_and_every_status_is_in_the_table():
    assert set(TRANSITIONS) == set(Status)
    for status in TERMINAL:
        assert allowed_actions(status) == []


@given(st.sampled_from(list(Status)), st.sampled_from(list(Action)))
def test_the_table_is_closed_over_statuses(status, action):
    try:
        assert next_status(status, action) in Status
    except TransitionError:
        assert action not in TRANSITIONS[status]


def test_dossier_code_format():
    assert dossier_code("08848", dt.date(2026, 1, 9), 1) == "08848-260109-0001"
    assert dossier_code("08848", dt.date(2026, 12, 31), 1234) == "08848-261231-1234"
    with pytest.raises(ValueError):
        dossier_code("08848", dt.date(2026, 1, 9), 0)


# Hand-computed 766 cases. Appointment Thursday 05/03/2026 unless said otherwise; period = March 2026.
END_OF_MARCH = t(2026, 3, 31, 23, 59)


@pytest.mark.parametrize(
    ("case", "on_time"),
    [
        # finished the day before the appointment
        (OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 4, 16)), True),
        # finished on the appointment day, late afternoon: still on time
        (OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 5, 17)), True),
        # finished the next working day: late
        (OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 6, 8)), False),
        # paused Tue 03/03 → Thu 05/03 (2 working days): due moves to Mon 09/03; finished 09/03 → on time
        (OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 9, 10), [Pause(t(2026, 3, 3), t(2026, 3, 5))]), True),
        # same pause, finished Tue 10/03 → late
        (OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 10, 10), [Pause(t(2026, 3, 3), t(2026, 3, 5))]), False),
        # two supplement requests: late whatever the dates
        (
            OnTimeInput(
                dt.date(2026, 3, 20),
                t(2026, 3, 4),
                [Pause(t(2026, 3, 2), t(2026, 3, 2, 11)), Pause(t(2026, 3, 3), t(2026, 3, 3, 11))],
            ),
            False,
        ),
        # still open at the end of March, appointment in April: on time so far
        (OnTimeInput(dt.date(2026, 4, 2), None), True),
        # still open at the end of March, appointment 20/03 passed: late
        (OnTimeInput(dt.date(2026, 3, 20), None), False),
        # waiting for papers since 04/03 (before the appointment 05/03): measured at the request → on time
        (OnTimeInput(dt.date(2026, 3, 5), None, [Pause(t(2026, 3, 4))]), True),
        # finished in April (after the period), appointment in March: late at the end of March
        (OnTimeInput(dt.date(2026, 3, 30), t(2026, 4, 2)), False),
    ],
)
def test_766_on_time_formula(case, on_time):
    assert is_on_time(case, period_end=END_OF_MARCH, calendar=CAL) is on_time


def test_766_rate_on_a_small_book():
    cases = [
        OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 4)),
        OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 6)),
        OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 5)),
        OnTimeInput(dt.date(2026, 3, 5), t(2026, 3, 12)),
    ]
    assert on_time_rate(cases, period_end=END_OF_MARCH, calendar=CAL) == 50.0
    assert on_time_rate([], period_end=END_OF_MARCH, calendar=CAL) is None


def test_a_pause_across_tet_moves_the_due_date_past_the_holiday():
    case = OnTimeInput(dt.date(2026, 2, 13), None, [Pause(t(2026, 2, 12), t(2026, 2, 23))])
    # 12/02 → 23/02 spans 2 working days (13/02 and 23/02); 13/02 + 2 working days = 24/02.
    assert statistic_due(case, calendar=CAL) == dt.date(2026, 2, 24)


@given(st.integers(0, 20), st.integers(0, 20))
def test_finishing_later_is_never_more_on_time(early, extra):
    appointment = dt.date(2026, 3, 16)
    first = OnTimeInput(appointment, t(2026, 3, 2) + dt.timedelta(days=early))
    later = OnTimeInput(appointment, t(2026, 3, 2) + dt.timedelta(days=early + extra))
    end = t(2026, 6, 30, 23, 59)
    assert is_on_time(later, period_end=end, calendar=CAL) <= is_on_time(first, period_end=end, calendar=CAL)


def test_step_result():
    due = t(2026, 3, 5, 23, 59)
    assert step_result(handed_at=t(2026, 3, 4), step_due_end=due) == "early"
    assert step_result(handed_at=t(2026, 3, 5, 16), step_due_end=due) == "on_time"
    assert step_result(handed_at=t(2026, 3, 6), step_due_end=due) == "late"


# --- Lateness and the apology (Form 04) ------------------------------------------------------------------------
RUNNING_STATUSES = [Status.ACCEPTED, Status.IN_PROGRESS, Status.PAYMENT]
STOPPED_CLOCK = [s for s in Status if s not in RUNNING_STATUSES]
THU, FRI, SAT, SUN, MON = (dt.date(2026, 3, d) for d in (5, 6, 7, 8, 9))


@pytest.mark.parametrize(
    ("appointment", "today", "late"),
    [
        (FRI, FRI, 0),  # the appointment day itself is still on time
        (FRI, SAT, 0),  # the desk is closed: no working day has passed
        (FRI, SUN, 0),
        (FRI, MON, 1),  # Monday is the first working day late
        (THU, dt.date(2026, 3, 10), 3),  # Friday, Monday, Tuesday
        (MON, FRI, 0),  # not yet due
        (dt.date(2026, 2, 13), dt.date(2026, 2, 23), 1),  # Tết (16–20/2) and two weekends count nothing
        (dt.date(2026, 1, 9), dt.date(2026, 1, 10), 1),  # a make-up Saturday is a working day
    ],
)
def test_days_late_counts_the_working_days_after_the_appointment(appointment, today, late):
    for status in RUNNING_STATUSES:
        assert days_late(status=status, appointment=appointment, today=today, calendar=CAL) == late
        assert is_overdue(status=status, appointment=appointment, today=today, calendar=CAL) is (late > 0)


@pytest.mark.parametrize("status", STOPPED_CLOCK)
def test_a_dossier_not_being_processed_is_never_late(status):
    """Returned on time and looked at weeks later; refused, stopped, withdrawn; waiting for papers; processed."""
    assert days_late(status=status, appointment=THU, today=dt.date(2026, 4, 20), calendar=CAL) == 0
    assert not may_apologize(status=status, appointment=THU, today=dt.date(2026, 4, 20), calendar=CAL)


def test_no_appointment_means_not_late():
    assert days_late(status=Status.ACCEPTED, appointment=None, today=MON, calendar=CAL) == 0
    assert not may_apologize(
        status=Status.ACCEPTED, appointment=None, today=MON, calendar=CAL, warning_days=5
    )


@pytest.mark.parametrize(
    ("warning_days", "today", "allowed"),
    [
        (0, THU, False),  # default: only once late
        (0, FRI, False),
        (0, MON, True),
        (1, dt.date(2026, 3, 4), False),
        (1, THU, True),  # Thursday is one working day before the Friday appointment
        (1, FRI, True),
        (1, SAT, True),  # and it stays open until it is late
        (2, dt.date(2026, 3, 4), True),
        (2, dt.date(2026, 3, 3), False),
    ],
)
def test_the_apology_may_come_a_configured_number_of_working_days_early(warning_days, today, allowed):
    got = may_apologize(
        status=Status.IN_PROGRESS, appointment=FRI, today=today, calendar=CAL, warning_days=warning_days
    )
    assert got is allowed


days = st.dates(min_value=dt.date(2025, 12, 1), max_value=dt.date(2026, 6, 30))


@given(st.sampled_from(list(Status)), days, days)
def test_overdue_is_exactly_an_appointment_before_the_last_working_day(status, appointment, today):
    """The database filter of the overdue worklist (overdue_before) and the page's rule never disagree."""
    expected = status in RUNNING_STATUSES and appointment < overdue_before(today, calendar=CAL)
    assert is_overdue(status=status, appointment=appointment, today=today, calendar=CAL) is expected


@given(st.sampled_from(RUNNING_STATUSES), days, days, st.integers(min_value=0, max_value=10))
def test_lateness_only_grows_with_time(status, appointment, today, step):
    later = today + dt.timedelta(days=step)
    now = days_late(status=status, appointment=appointment, today=today, calendar=CAL)
    assert 0 <= now <= days_late(status=status, appointment=appointment, today=later, calendar=CAL)
    assert now <= max((today - appointment).days, 0)  # never more working days than calendar days


@given(st.sampled_from(list(Status)), days, days, st.integers(min_value=0, max_value=10))
def test_a_longer_warning_only_opens_the_apology_earlier(status, appointment, today, warning):
    def may(w: int) -> bool:
        return may_apologize(
            status=status, appointment=appointment, today=today, calendar=CAL, warning_days=w
        )

    assert may(0) is is_overdue(status=status, appointment=appointment, today=today, calendar=CAL)
    assert not may(warning) or may(warning + 1)
    assert not may(0) or may(warning)
