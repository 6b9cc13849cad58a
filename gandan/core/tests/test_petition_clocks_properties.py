"""Properties of the statutory clocks of petitions (``gandan.core.petition_clocks``), checked with hypothesis over
2025-2027 on the official 2026 calendar: deadlines are open days, a pause never brings a deadline forward, a
restart gives at least as much time, more complexity never allows fewer extensions.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.petition_clocks import (
    COMPLEXITY_CRITERIA,
    DEFAULT_RULES,
    DayUnit,
    Suspension,
    SuspensionMode,
    complaint_resolution_key,
    complaint_second_window_key,
    deadline,
    denunciation_extensions_allowed,
    rule_in_force,
    rule_keys,
)
from gandan.core.tests.petition_clocks_support import CAL_2026, CALENDAR, PAUSE, RESTART, WORKING
from gandan.core.workdays import WorkCalendar, due_after_calendar_days, working_days_between

# --- properties -----------------------------------------------------------------------------------------------------

DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
DAY_COUNTS = st.integers(min_value=0, max_value=90)
UNITS = st.sampled_from(list(DayUnit))
MODES = st.sampled_from(list(SuspensionMode))

calendars = st.one_of(
    st.just(CAL_2026),
    st.builds(
        WorkCalendar,
        days_off=st.frozensets(DATES, max_size=40),
        working_days=st.frozensets(DATES, max_size=10),
        weekend=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
    ),
)


@st.composite
def suspension_plans(draw: st.DrawFn, start: date) -> list[Suspension]:
    """Zero to three suspensions in date order after ``start``; the last may still be open."""
    plan: list[Suspension] = []
    cursor = start
    for gap, length in draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3)):
        begin = cursor + timedelta(days=gap)
        cursor = begin + timedelta(days=length)
        plan.append(Suspension(begin, cursor))
    if plan and draw(st.booleans()):  # type: ignore[arg-type]  # mypy infers the right of `and` from its left
        plan[-1] = Suspension(plan[-1].start)
    return plan


@given(start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_deadline_is_an_open_day_no_earlier_than_the_nominal_end(
    start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    result = deadline(start, days, unit, calendar=calendar)
    assert result is not None
    assert calendar.is_working_day(result)
    assert result >= start + timedelta(days=days)
    if unit is CALENDAR:
        # every day skipped by the roll-forward was a day off
        skipped = (start + timedelta(days=days + i) for i in range((result - start).days - days))
        assert not any(calendar.is_working_day(d) for d in skipped)
    elif days:
        assert working_days_between(start, result, calendar=calendar) == days


@given(data=st.data(), start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_a_pause_never_brings_the_deadline_forward(
    data: st.DataObject, start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    plan = data.draw(suspension_plans(start))
    paused = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=PAUSE)
    unsuspended = deadline(start, days, unit, calendar=calendar)
    assert unsuspended is not None
    if paused is not None:
        assert paused >= unsuspended
        assert calendar.is_working_day(paused)
    else:
        assert plan[-1].is_open


@given(data=st.data(), start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_restart_gives_at_least_as_much_time_as_pause(
    data: st.DataObject, start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    plan = data.draw(suspension_plans(start))
    paused = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=PAUSE)
    restarted = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=RESTART)
    if paused is None:
        assert restarted is None
    elif restarted is not None:
        assert restarted >= paused


@given(
    start=DATES,
    days=DAY_COUNTS,
    unit=UNITS,
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_restart_runs_the_full_limit_from_the_resume_date(
    start: date, days: int, unit: DayUnit, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    assert suspension.end is not None
    original = deadline(start, days, unit, calendar=calendar)
    result = deadline(start, days, unit, calendar=calendar, suspensions=[suspension], mode=RESTART)
    assert original is not None and result is not None
    if suspension.start <= original:
        assert result >= suspension.end
        assert result == deadline(suspension.end, days, unit, calendar=calendar)
    else:
        assert result == original


@given(
    start=DATES,
    days=DAY_COUNTS,
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_a_calendar_pause_moves_the_deadline_by_the_suspended_days(
    start: date, days: int, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    result = deadline(start, days, CALENDAR, calendar=calendar, suspensions=[suspension], mode=PAUSE)
    if offset <= days:
        assert result == due_after_calendar_days(start, days + length, calendar=calendar)
    elif suspension.start > due_after_calendar_days(start, days, calendar=calendar):
        assert result == due_after_calendar_days(start, days, calendar=calendar)


@given(
    start=DATES,
    days=st.integers(1, 60),
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_a_working_day_pause_keeps_the_total_of_counted_days(
    start: date, days: int, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    assert suspension.end is not None
    used = working_days_between(start, suspension.start, calendar=calendar)
    result = deadline(start, days, WORKING, calendar=calendar, suspensions=[suspension], mode=PAUSE)
    assert result is not None
    if used < days:
        assert used + working_days_between(suspension.end, result, calendar=calendar) == days


@given(key=st.sampled_from(rule_keys(DEFAULT_RULES)), day=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_property_default_rules_answer_every_day_from_their_first_version(key: str, day: date) -> None:
    first = min(rule.valid_from for rule in DEFAULT_RULES if rule.key == key)
    if day < first:
        with pytest.raises(LookupError):
            rule_in_force(DEFAULT_RULES, key, day)
    else:
        assert rule_in_force(DEFAULT_RULES, key, day).covers(day)


@given(instance=st.sampled_from([1, 2]), complex_=st.booleans(), remote=st.booleans(), day=DATES)
def test_property_selected_keys_exist_and_never_shorten_with_harder_cases(
    instance: int, complex_: bool, remote: bool, day: date
) -> None:
    def days(i: int, c: bool, r: bool) -> int:
        return rule_in_force(DEFAULT_RULES, complaint_resolution_key(i, complex=c, remote=r), day).days

    assert days(instance, complex_, remote) >= days(instance, False, False)
    assert days(2, complex_, remote) > days(1, complex_, remote)  # the second instance always gets longer
    if remote:
        assert days(instance, complex_, remote) > days(instance, complex_, False)
    rule_in_force(DEFAULT_RULES, complaint_second_window_key(remote=remote), day)
    rule_in_force(DEFAULT_RULES, "denunciation.resolve", day)
    rule_in_force(DEFAULT_RULES, "denunciation.extension", day)


@given(criteria=st.integers(0, COMPLEXITY_CRITERIA), more=st.integers(0, COMPLEXITY_CRITERIA))
def test_property_more_criteria_never_allow_fewer_extensions(criteria: int, more: int) -> None:
    low, high = sorted((criteria, more))
    assert 0 <= denunciation_extensions_allowed(low) <= denunciation_extensions_allowed(high) <= 2
