"""Tests for the pure working-day arithmetic in ``gandan.core.workdays``.

The fixture calendar is the official 2026 civil-service calendar, so the table
tests double as worked examples of how real deadlines fall around Tết and the
other holidays.
"""

import ast
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core import workdays
from gandan.core.workdays import (
    DEFAULT_CUTOFF,
    DueStatus,
    WorkCalendar,
    add_working_days,
    due_after_calendar_days,
    due_after_working_days,
    due_status,
    effective_receipt_day,
    working_days_between,
)

# Vietnam has had no DST since 1975, so a fixed offset is exact and avoids a
# dependency on the system tz database.
VN = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def _date_range(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


CAL_2026 = WorkCalendar(
    days_off=frozenset(
        {
            date(2026, 1, 1),
            date(2026, 1, 2),  # swapped with Saturday 10/01
            *_date_range(date(2026, 2, 16), date(2026, 2, 20)),  # Tết
            date(2026, 4, 27),  # Hùng Kings, compensating Sunday 26/4
            date(2026, 4, 30),
            date(2026, 5, 1),
            date(2026, 8, 31),  # swapped with Saturday 22/8
            date(2026, 9, 1),
            date(2026, 9, 2),
        }
    ),
    working_days=frozenset({date(2026, 1, 10), date(2026, 8, 22)}),
)

EMPTY = WorkCalendar()
NEVER_OPEN = WorkCalendar(weekend=frozenset(range(7)))


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=VN)


# --- WorkCalendar -----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), False),  # New Year
        (date(2026, 1, 2), False),  # swapped day off, a Friday
        (date(2026, 1, 10), True),  # make-up Saturday
        (date(2026, 1, 11), False),  # ordinary Sunday
        (date(2026, 1, 12), True),  # ordinary Monday
        (date(2026, 2, 18), False),  # Tết
        (date(2026, 4, 26), False),  # Hùng Kings falls on a Sunday
        (date(2026, 4, 27), False),  # its compensatory Monday
        (date(2026, 8, 22), True),  # make-up Saturday
        (date(2026, 8, 31), False),  # swapped Monday
        (date(2026, 9, 3), True),
    ],
)
def test_is_working_day_follows_the_2026_civil_service_calendar(day: date, expected: bool) -> None:
    assert CAL_2026.is_working_day(day) is expected


def test_date_declared_both_off_and_make_up_is_a_working_day() -> None:
    clash = date(2026, 3, 7)  # a Saturday
    calendar = WorkCalendar(days_off=frozenset({clash}), working_days=frozenset({clash}))
    assert calendar.is_working_day(clash)


def test_custom_weekend_is_respected() -> None:
    sunday_only = WorkCalendar(weekend=frozenset({6}))
    assert sunday_only.is_working_day(date(2026, 1, 17))  # Saturday
    assert not sunday_only.is_working_day(date(2026, 1, 18))  # Sunday


def test_calendar_accepts_plain_sets_and_stays_hashable() -> None:
    calendar = WorkCalendar(
        days_off={date(2026, 1, 1)},  # type: ignore[arg-type]
        working_days={date(2026, 1, 10)},  # type: ignore[arg-type]
        weekend={5, 6},  # type: ignore[arg-type]
    )
    assert isinstance(calendar.days_off, frozenset)
    assert isinstance(calendar.working_days, frozenset)
    assert isinstance(calendar.weekend, frozenset)
    assert hash(calendar) == hash(
        WorkCalendar(
            days_off=frozenset({date(2026, 1, 1)}),
            working_days=frozenset({date(2026, 1, 10)}),
        )
    )


@pytest.mark.parametrize("weekend", [frozenset({7}), frozenset({-1, 5})])
def test_calendar_rejects_weekend_numbers_outside_monday_to_sunday(weekend: frozenset[int]) -> None:
    with pytest.raises(ValueError, match="weekend"):
        WorkCalendar(weekend=weekend)


@pytest.mark.parametrize(
    ("day", "include_self", "expected"),
    [
        (date(2026, 2, 13), False, date(2026, 2, 23)),  # Friday before Tết
        (date(2026, 2, 13), True, date(2026, 2, 13)),
        (date(2026, 2, 16), True, date(2026, 2, 23)),  # inside Tết
        (date(2026, 1, 9), False, date(2026, 1, 10)),  # make-up Saturday
        (date(2026, 12, 31), False, date(2027, 1, 1)),  # beyond the fixture: plain weekday
    ],
)
def test_next_working_day_skips_days_off(day: date, include_self: bool, expected: date) -> None:
    assert CAL_2026.next_working_day(day, include_self=include_self) == expected


@pytest.mark.parametrize(
    ("day", "include_self", "expected"),
    [
        (date(2026, 2, 23), False, date(2026, 2, 13)),  # Monday after Tết
        (date(2026, 2, 23), True, date(2026, 2, 23)),
        (date(2026, 2, 20), True, date(2026, 2, 13)),  # inside Tết
        (date(2026, 1, 12), False, date(2026, 1, 10)),  # make-up Saturday
        (date(2026, 1, 5), False, date(2025, 12, 31)),  # over New Year and the swap
    ],
)
def test_previous_working_day_skips_days_off(day: date, include_self: bool, expected: date) -> None:
    assert CAL_2026.previous_working_day(day, include_self=include_self) == expected


def test_calendar_without_any_working_day_raises_instead_of_looping_forever() -> None:
    day = date(2026, 1, 1)
    with pytest.raises(ValueError, match="no working day"):
        NEVER_OPEN.next_working_day(day)
    with pytest.raises(ValueError, match="no working day"):
        NEVER_OPEN.previous_working_day(day, include_self=True)
    with pytest.raises(ValueError, match="no working day"):
        add_working_days(day, 1, calendar=NEVER_OPEN)
    with pytest.raises(ValueError, match="no working day"):
        due_after_calendar_days(day, 30, calendar=NEVER_OPEN)


def test_make_up_day_is_found_even_when_every_weekday_is_weekend() -> None:
    only_day = date(2026, 6, 15)
    calendar = WorkCalendar(working_days=frozenset({only_day}), weekend=frozenset(range(7)))
    assert calendar.next_working_day(date(2026, 1, 1)) == only_day
    assert calendar.previous_working_day(date(2027, 1, 1)) == only_day


# --- receipt and working-day deadlines --------------------------------------


@pytest.mark.parametrize(
    ("received_at", "days", "effective", "due"),
    [
        pytest.param(vn(2026, 2, 13, 10), 3, date(2026, 2, 13), date(2026, 2, 25), id="tet-week-skipped"),
        pytest.param(
            vn(2026, 2, 12, 16), 1, date(2026, 2, 13), date(2026, 2, 23), id="after-cutoff-before-tet"
        ),
        pytest.param(vn(2026, 4, 29, 9), 1, date(2026, 4, 29), date(2026, 5, 4), id="over-30-4-and-1-5"),
        pytest.param(
            vn(2026, 4, 24, 14), 1, date(2026, 4, 24), date(2026, 4, 28), id="over-hung-kings-compensatory"
        ),
        pytest.param(vn(2026, 1, 9, 10), 1, date(2026, 1, 9), date(2026, 1, 10), id="onto-make-up-saturday"),
        pytest.param(
            vn(2026, 1, 9, 15, 30), 1, date(2026, 1, 10), date(2026, 1, 12), id="late-into-make-up-saturday"
        ),
        pytest.param(
            vn(2026, 1, 9, 15, 0, 0), 1, date(2026, 1, 9), date(2026, 1, 10), id="exactly-at-cutoff"
        ),
        pytest.param(vn(2026, 1, 11, 8), 0, date(2026, 1, 12), date(2026, 1, 12), id="sunday-same-day"),
        pytest.param(vn(2026, 1, 1, 9), 2, date(2026, 1, 5), date(2026, 1, 7), id="new-year-and-swap"),
        pytest.param(
            vn(2026, 8, 28, 15, 1), 1, date(2026, 9, 3), date(2026, 9, 4), id="late-before-national-day"
        ),
    ],
)
def test_due_after_working_days_matches_2026_examples(
    received_at: datetime, days: int, effective: date, due: date
) -> None:
    assert effective_receipt_day(received_at, calendar=CAL_2026) == effective
    assert due_after_working_days(received_at, days, calendar=CAL_2026) == due


def test_receipt_after_cutoff_counts_from_next_working_day() -> None:
    late = vn(2026, 3, 10, 15, 0, 1)  # Tuesday, one second late
    assert effective_receipt_day(late, calendar=CAL_2026) == date(2026, 3, 11)
    assert due_after_working_days(late, 1, calendar=CAL_2026) == date(2026, 3, 12)


def test_receipt_one_microsecond_after_cutoff_is_late() -> None:
    late = vn(2026, 3, 10, 15) + timedelta(microseconds=1)
    assert effective_receipt_day(late, calendar=CAL_2026) == date(2026, 3, 11)


def test_receipt_on_day_off_before_cutoff_counts_from_next_working_day() -> None:
    assert effective_receipt_day(vn(2026, 2, 17, 8), calendar=CAL_2026) == date(2026, 2, 23)


def test_late_receipt_on_day_off_moves_only_to_the_next_working_day() -> None:
    assert effective_receipt_day(vn(2026, 1, 11, 20), calendar=CAL_2026) == date(2026, 1, 12)


def test_custom_cutoff_is_honoured() -> None:
    received = vn(2026, 3, 10, 16, 30)
    assert effective_receipt_day(received, calendar=CAL_2026, cutoff=time(17, 0)) == date(2026, 3, 10)
    assert effective_receipt_day(received, calendar=CAL_2026, cutoff=time(16, 0)) == date(2026, 3, 11)


def test_default_cutoff_is_three_pm() -> None:
    assert time(15, 0) == DEFAULT_CUTOFF


def test_aware_cutoff_is_rejected() -> None:
    with pytest.raises(ValueError, match="cutoff"):
        effective_receipt_day(vn(2026, 3, 10, 9), calendar=CAL_2026, cutoff=time(15, 0, tzinfo=VN))


def test_naive_and_aware_receipts_use_their_own_wall_clock() -> None:
    naive_late = datetime.combine(date(2026, 1, 9), time(15, 30))
    assert effective_receipt_day(naive_late, calendar=CAL_2026) == date(2026, 1, 10)

    # 08:30 UTC is 15:30 in Hà Nội: the function does not convert, the caller must.
    utc = datetime(2026, 1, 9, 8, 30, tzinfo=UTC)
    assert effective_receipt_day(utc, calendar=CAL_2026) == date(2026, 1, 9)
    assert effective_receipt_day(utc.astimezone(VN), calendar=CAL_2026) == date(2026, 1, 10)


def test_add_working_days_with_zero_returns_start_even_on_a_day_off() -> None:
    assert add_working_days(date(2026, 2, 17), 0, calendar=CAL_2026) == date(2026, 2, 17)


def test_add_working_days_never_counts_the_start_day() -> None:
    assert add_working_days(date(2026, 2, 17), 1, calendar=CAL_2026) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 23), 1, calendar=CAL_2026) == date(2026, 2, 24)


def test_add_working_days_rejects_negative_counts() -> None:
    with pytest.raises(ValueError, match="days"):
        add_working_days(date(2026, 3, 10), -1, calendar=CAL_2026)
    with pytest.raises(ValueError, match="days"):
        due_after_working_days(vn(2026, 3, 10, 9), -1, calendar=CAL_2026)


def test_add_working_days_handles_long_limits() -> None:
    start = date(2026, 1, 5)
    result = add_working_days(start, 400, calendar=CAL_2026)
    assert working_days_between(start, result, calendar=CAL_2026) == 400
    assert CAL_2026.is_working_day(result)


# --- calendar-day periods ---------------------------------------------------


@pytest.mark.parametrize(
    ("event_day", "days", "expected"),
    [
        pytest.param(date(2026, 1, 15), 30, date(2026, 2, 23), id="ends-on-saturday-before-tet"),
        pytest.param(date(2026, 4, 1), 30, date(2026, 5, 4), id="ends-on-1-5"),
        pytest.param(date(2025, 12, 10), 30, date(2026, 1, 9), id="ends-on-working-friday"),
        pytest.param(date(2025, 12, 11), 30, date(2026, 1, 10), id="ends-on-make-up-saturday"),
        pytest.param(date(2026, 3, 2), 30, date(2026, 4, 1), id="ends-on-ordinary-wednesday"),
        pytest.param(date(2026, 8, 2), 30, date(2026, 9, 3), id="ends-on-swapped-monday"),
        pytest.param(date(2026, 3, 10), 0, date(2026, 3, 10), id="zero-days-on-working-day"),
    ],
)
def test_calendar_day_period_ends_on_next_working_day_when_last_day_is_off(
    event_day: date, days: int, expected: date
) -> None:
    assert due_after_calendar_days(event_day, days, calendar=CAL_2026) == expected


def test_calendar_day_period_rejects_negative_days() -> None:
    with pytest.raises(ValueError, match="days"):
        due_after_calendar_days(date(2026, 3, 10), -1, calendar=CAL_2026)


# --- counting and status ----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 2, 13), date(2026, 2, 23), 1),  # the whole Tết break counts once
        (date(2026, 2, 12), date(2026, 2, 25), 4),
        (date(2026, 2, 25), date(2026, 2, 12), -4),
        (date(2026, 2, 16), date(2026, 2, 22), 0),
        (date(2026, 3, 10), date(2026, 3, 10), 0),
        (date(2026, 1, 9), date(2026, 1, 12), 2),  # make-up Saturday counts
    ],
)
def test_working_days_between_counts_days_after_start_up_to_end(
    start: date, end: date, expected: int
) -> None:
    assert working_days_between(start, end, calendar=CAL_2026) == expected


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        pytest.param(date(2026, 2, 25), date(2026, 2, 26), DueStatus.OVERDUE, id="overdue"),
        pytest.param(date(2026, 2, 25), date(2026, 2, 25), DueStatus.DUE_TODAY, id="due-today"),
        pytest.param(date(2026, 2, 25), date(2026, 2, 23), DueStatus.DUE_SOON, id="two-working-days-left"),
        pytest.param(date(2026, 2, 25), date(2026, 2, 13), DueStatus.ON_TRACK, id="three-working-days-left"),
        pytest.param(
            date(2026, 2, 23), date(2026, 2, 13), DueStatus.DUE_SOON, id="ten-calendar-days-over-tet"
        ),
        pytest.param(date(2026, 3, 31), date(2026, 3, 2), DueStatus.ON_TRACK, id="far-away"),
    ],
)
def test_due_status_classifies_by_working_days_left(due: date, today: date, expected: DueStatus) -> None:
    assert due_status(due, today=today, calendar=CAL_2026) == expected


def test_due_status_soon_window_is_configurable() -> None:
    due, today = date(2026, 2, 25), date(2026, 2, 13)
    assert due_status(due, today=today, calendar=CAL_2026, soon_working_days=3) == DueStatus.DUE_SOON
    assert due_status(due, today=today, calendar=CAL_2026, soon_working_days=0) == DueStatus.ON_TRACK


def test_due_status_rejects_negative_soon_window() -> None:
    with pytest.raises(ValueError, match="soon_working_days"):
        due_status(date(2026, 3, 10), today=date(2026, 3, 9), calendar=CAL_2026, soon_working_days=-1)


def test_due_status_values_are_stable_strings() -> None:
    assert [s.value for s in DueStatus] == ["on_track", "due_soon", "due_today", "overdue"]
    assert DueStatus.OVERDUE == "overdue"


# --- purity -----------------------------------------------------------------


def test_module_stays_free_of_django_and_the_clock() -> None:
    tree = ast.parse(Path(workdays.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= {"dataclasses", "datetime", "enum"}

    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not called & {"now", "today", "utcnow", "time_ns", "monotonic"}


# --- properties -------------------------------------------------------------

DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
DAY_COUNTS = st.integers(min_value=0, max_value=60)
# Naive on purpose: receipts are local wall-clock times.
RECEIPTS = st.datetimes(
    min_value=datetime.combine(date(2024, 1, 1), time.min),
    max_value=datetime.combine(date(2027, 12, 31), time.max),
)

calendars = st.builds(
    WorkCalendar,
    days_off=st.frozensets(DATES, max_size=40),
    working_days=st.frozensets(DATES, max_size=10),
    weekend=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
)


@given(start=DATES, days=DAY_COUNTS, calendar=calendars)
def test_property_add_working_days_lands_on_a_working_day_exactly_days_later(
    start: date, days: int, calendar: WorkCalendar
) -> None:
    result = add_working_days(start, days, calendar=calendar)
    if days > 0:
        assert calendar.is_working_day(result)
        assert result > start
    else:
        assert result == start
    assert working_days_between(start, result, calendar=calendar) == days
    assert working_days_between(result, start, calendar=calendar) == -days


@given(start=DATES, days=DAY_COUNTS, extra=DAY_COUNTS, calendar=calendars)
def test_property_more_days_never_give_an_earlier_date(
    start: date, days: int, extra: int, calendar: WorkCalendar
) -> None:
    shorter = add_working_days(start, days, calendar=calendar)
    longer = add_working_days(start, days + extra, calendar=calendar)
    assert shorter <= longer
    if extra > 0:
        assert shorter < longer


@given(first=RECEIPTS, second=RECEIPTS, days=DAY_COUNTS, calendar=calendars)
def test_property_later_receipt_never_gives_an_earlier_due_date(
    first: datetime, second: datetime, days: int, calendar: WorkCalendar
) -> None:
    earlier, later = sorted((first, second))
    assert due_after_working_days(earlier, days, calendar=calendar) <= due_after_working_days(
        later, days, calendar=calendar
    )


@given(received_at=RECEIPTS, calendar=calendars)
def test_property_effective_receipt_day_is_the_receipt_day_or_the_next_working_day(
    received_at: datetime, calendar: WorkCalendar
) -> None:
    effective = effective_receipt_day(received_at, calendar=calendar)
    day = received_at.date()
    assert calendar.is_working_day(effective)
    if calendar.is_working_day(day) and received_at.time() <= DEFAULT_CUTOFF:
        assert effective == day
    else:
        assert effective == calendar.next_working_day(day)


@given(event_day=DATES, days=DAY_COUNTS, calendar=calendars)
def test_property_calendar_day_period_ends_on_first_working_day_from_nominal_end(
    event_day: date, days: int, calendar: WorkCalendar
) -> None:
    nominal_end = event_day + timedelta(days=days)
    result = due_after_calendar_days(event_day, days, calendar=calendar)
    assert result >= nominal_end
    assert calendar.is_working_day(result)
    if calendar.is_working_day(nominal_end):
        assert result == nominal_end
    else:
        assert working_days_between(nominal_end, result, calendar=calendar) == 1


@given(day=DATES)
def test_property_five_working_days_after_a_monday_is_the_next_monday(day: date) -> None:
    monday = day - timedelta(days=day.weekday())
    assert add_working_days(monday, 5, calendar=EMPTY) == monday + timedelta(days=7)


@given(day=DATES, calendar=calendars)
def test_property_is_working_day_respects_precedence(day: date, calendar: WorkCalendar) -> None:
    if day in calendar.working_days:
        expected = True
    elif day in calendar.days_off:
        expected = False
    else:
        expected = day.weekday() not in calendar.weekend
    assert calendar.is_working_day(day) is expected


@given(day=DATES, calendar=calendars)
def test_property_next_and_previous_working_day_skip_only_days_off(day: date, calendar: WorkCalendar) -> None:
    following = calendar.next_working_day(day)
    preceding = calendar.previous_working_day(day)
    assert preceding < day < following
    assert calendar.is_working_day(following)
    assert calendar.is_working_day(preceding)
    assert working_days_between(preceding, following, calendar=calendar) == 1 + int(
        calendar.is_working_day(day)
    )


@given(today=DATES, due=DATES, calendar=calendars)
def test_property_due_status_agrees_with_working_days_left(
    today: date, due: date, calendar: WorkCalendar
) -> None:
    status = due_status(due, today=today, calendar=calendar)
    left = working_days_between(today, due, calendar=calendar)
    if today > due:
        assert status is DueStatus.OVERDUE
    elif today == due:
        assert status is DueStatus.DUE_TODAY
    elif left <= 2:
        assert status is DueStatus.DUE_SOON
    else:
        assert status is DueStatus.ON_TRACK
