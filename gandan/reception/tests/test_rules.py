"""The recurrence of a leader's reception schedule (gandan/reception/rules.py): worked examples on the 2026 calendar,
then properties over any schedule and any set of days off."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.workdays import WorkCalendar
from gandan.reception.rules import LAST, Frequency, Recurrence, next_occurrences, nominal_dates, occurrences

D = dt.date
PLAIN = WorkCalendar()
# Tết 2027 off from Thursday 4/2 to Wednesday 10/2; Independence Day 2/9/2026 (a Wednesday) and 1/9/2026.
TET = WorkCalendar(days_off=frozenset(D(2027, 2, 4) + dt.timedelta(days=i) for i in range(7)))
NATIONAL_DAY = WorkCalendar(days_off=frozenset({D(2026, 9, 1), D(2026, 9, 2)}))

THURSDAY = 3


def weekly(weekday=THURSDAY, **kw):
    return Recurrence(Frequency.WEEKLY, valid_from=kw.pop("valid_from", D(2026, 1, 1)), weekday=weekday, **kw)


def test_every_thursday_falls_on_thursdays():
    days = [o.day for o in occurrences(weekly(), D(2026, 12, 1), D(2026, 12, 31), calendar=PLAIN)]
    assert days == [D(2026, 12, 3), D(2026, 12, 10), D(2026, 12, 17), D(2026, 12, 24), D(2026, 12, 31)]


def test_a_thursday_in_tet_moves_to_the_first_working_day_after_it():
    found = occurrences(weekly(), D(2027, 2, 1), D(2027, 2, 14), calendar=TET)
    assert [(o.nominal, o.day, o.moved) for o in found] == [(D(2027, 2, 4), D(2027, 2, 11), True)]


def test_a_moved_day_that_lands_on_the_next_one_is_held_once():
    # Thursday 4/2 moves past the holiday to Thursday 11/2, the schedule's own next date: one day, not two.
    found = occurrences(weekly(), D(2027, 2, 1), D(2027, 2, 28), calendar=TET)
    assert [o.day for o in found] == [D(2027, 2, 11), D(2027, 2, 18), D(2027, 2, 25)]


def test_the_third_thursday_and_the_last_friday():
    third = Recurrence(Frequency.MONTHLY_WEEKDAY, valid_from=D(2026, 1, 1), weekday=THURSDAY, nth=3)
    last = Recurrence(Frequency.MONTHLY_WEEKDAY, valid_from=D(2026, 1, 1), weekday=4, nth=LAST)
    assert nominal_dates(third, D(2026, 10, 1), D(2026, 12, 31)) == [
        D(2026, 10, 15),
        D(2026, 11, 19),
        D(2026, 12, 17),
    ]
    assert nominal_dates(last, D(2026, 10, 1), D(2026, 12, 31)) == [
        D(2026, 10, 30),
        D(2026, 11, 27),
        D(2026, 12, 25),
    ]


def test_the_31st_means_the_last_day_of_a_shorter_month():
    rule = Recurrence(Frequency.MONTHLY_DAY, valid_from=D(2026, 1, 1), month_day=31)
    assert nominal_dates(rule, D(2026, 2, 1), D(2026, 4, 30)) == [
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
    ]


def test_the_15th_on_a_sunday_is_held_on_monday():
    rule = Recurrence(Frequency.MONTHLY_DAY, valid_from=D(2026, 1, 1), month_day=15)
    assert [o.day for o in occurrences(rule, D(2026, 11, 1), D(2026, 11, 30), calendar=PLAIN)] == [
        D(2026, 11, 16)
    ]


def test_a_named_date_before_the_window_that_moves_into_it_counts():
    rule = weekly(weekday=1)  # Tuesday 1/9/2026 is a holiday, and Wednesday 2/9 too: Thursday 3/9
    found = occurrences(rule, D(2026, 9, 3), D(2026, 9, 3), calendar=NATIONAL_DAY)
    assert [(o.nominal, o.day) for o in found] == [(D(2026, 9, 1), D(2026, 9, 3))]


def test_nothing_before_the_start_or_after_the_end_of_validity():
    rule = weekly(valid_from=D(2026, 12, 9), valid_to=D(2026, 12, 20))
    assert [o.day for o in occurrences(rule, D(2026, 12, 1), D(2026, 12, 31), calendar=PLAIN)] == [
        D(2026, 12, 10),
        D(2026, 12, 17),
    ]


def test_the_next_dates_stop_when_the_schedule_ends():
    rule = weekly(valid_to=D(2026, 12, 20))
    assert [o.day for o in next_occurrences(rule, after=D(2026, 12, 1), count=10, calendar=PLAIN)] == [
        D(2026, 12, 3),
        D(2026, 12, 10),
        D(2026, 12, 17),
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"frequency": Frequency.WEEKLY, "weekday": 7},
        {"frequency": Frequency.MONTHLY_WEEKDAY, "weekday": 3, "nth": 5},
        {"frequency": Frequency.MONTHLY_DAY, "month_day": 0},
        {"frequency": Frequency.WEEKLY, "weekday": 3, "valid_to": D(2025, 12, 31)},
    ],
)
def test_an_impossible_schedule_is_refused(kwargs):
    with pytest.raises(ValueError):
        Recurrence(valid_from=D(2026, 1, 1), **kwargs)


# --- Properties ----------------------------------------------------------------------------------------------------

days_2026 = st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 12, 31))
rules = st.one_of(
    st.builds(weekly, weekday=st.integers(0, 4), valid_from=days_2026),
    st.builds(
        lambda w, n, f: Recurrence(Frequency.MONTHLY_WEEKDAY, valid_from=f, weekday=w, nth=n),
        st.integers(0, 4),
        st.sampled_from([1, 2, 3, 4, LAST]),
        days_2026,
    ),
    st.builds(
        lambda m, f: Recurrence(Frequency.MONTHLY_DAY, valid_from=f, month_day=m),
        st.integers(1, 31),
        days_2026,
    ),
)
calendars = st.builds(lambda off: WorkCalendar(days_off=frozenset(off)), st.sets(days_2026, max_size=40))


@given(rule=rules, calendar=calendars, start=days_2026, span=st.integers(0, 120))
def test_every_reception_day_is_a_working_day_in_the_window_once(rule, calendar, start, span):
    end = start + dt.timedelta(days=span)
    found = occurrences(rule, start, end, calendar=calendar)
    days = [o.day for o in found]
    assert days == sorted(set(days))
    for o in found:
        assert start <= o.day <= end
        assert calendar.is_working_day(o.day)
        # the day is the named date, or the first working day after it
        assert o.day == calendar.next_working_day(o.nominal, include_self=True)
        assert rule.valid_on(o.nominal)


@given(rule=rules, start=days_2026, span=st.integers(0, 120))
def test_without_days_off_nothing_moves_and_every_named_weekday_is_kept(rule, start, span):
    end = start + dt.timedelta(days=span)
    found = occurrences(rule, start, end, calendar=PLAIN)
    named = [d for d in nominal_dates(rule, start, end) if PLAIN.is_working_day(d)]
    assert [o.day for o in found if not o.moved] == named
    if rule.frequency != Frequency.MONTHLY_DAY:
        assert all(not o.moved and o.day.weekday() == rule.weekday for o in found)


@given(rule=rules, calendar=calendars, start=days_2026, span=st.integers(0, 200), cut=st.integers(1, 199))
def test_splitting_a_window_changes_nothing(rule, calendar, start, span, cut):
    end = start + dt.timedelta(days=span)
    middle = start + dt.timedelta(days=min(cut, span))
    whole = occurrences(rule, start, end, calendar=calendar)
    parts = occurrences(rule, start, middle - dt.timedelta(days=1), calendar=calendar) + occurrences(
        rule, middle, end, calendar=calendar
    )
    assert whole == parts


@given(rule=rules, calendar=calendars, after=days_2026, count=st.integers(1, 10))
def test_the_next_dates_are_the_first_of_the_open_window(rule, calendar, after, count):
    nxt = next_occurrences(rule, after=after, count=count, calendar=calendar)
    assert len(nxt) == count  # an open-ended schedule never runs out
    assert nxt == occurrences(rule, after, nxt[-1].day, calendar=calendar)
