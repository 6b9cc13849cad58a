"""Pure rules of citizen reception: when a leader's recurring reception schedule falls.

A schedule recurs weekly on a weekday, monthly on the Nth weekday (N = 1..4, or -1 for the last), or monthly on a day
of the month (a day past the month's end, e.g. the 31st in April, means the month's last day).

**A date that falls on a day off is moved to the next working day**, not skipped: the law sets a minimum number of
reception days per week or month (Law on Citizen Reception Art. 15(2)(d); Regulation 11-QĐi/TW), so a Thursday lost to
a holiday is made up on the following working day (Friday, or the Monday after Tết). When two dates of one schedule
land on the same working day after moving, the leader receives once that day. The validity (from/to) applies to the
date the schedule names; a day moved past the end of the validity is still held.

No Django here (core/tests/test_purity.py): the calendar is handed in by the caller.
"""

import calendar as _calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from gandan.core.workdays import WorkCalendar

__all__ = ["Frequency", "Occurrence", "Recurrence", "next_occurrences", "nominal_dates", "occurrences"]

LAST = -1  # `nth` for the last such weekday of the month
# How far before a window a named date may lie and still move into it: longer than any run of days off (Tết).
_MOVE_REACH = dt.timedelta(days=31)


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_DAY = "monthly_day"


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency
    valid_from: dt.date
    valid_to: dt.date | None = None
    weekday: int | None = None  # Monday = 0 (weekly, monthly_weekday)
    nth: int | None = None  # 1..4 or LAST (monthly_weekday)
    month_day: int | None = None  # 1..31 (monthly_day)

    def __post_init__(self) -> None:
        if self.frequency in (Frequency.WEEKLY, Frequency.MONTHLY_WEEKDAY) and not (
            self.weekday is not None and 0 <= self.weekday <= 6
        ):
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        if self.frequency == Frequency.MONTHLY_WEEKDAY and self.nth not in (1, 2, 3, 4, LAST):
            raise ValueError("nth must be 1 to 4, or -1 for the last")
        if self.frequency == Frequency.MONTHLY_DAY and not (
            self.month_day is not None and 1 <= self.month_day <= 31
        ):
            raise ValueError("month_day must be 1 to 31")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to must not be before valid_from")

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Occurrence:
    day: dt.date  # the working day the leader receives citizens
    nominal: dt.date  # the date the schedule names (differs from `day` when that was a day off)

    @property
    def moved(self) -> bool:
        return self.day != self.nominal


def _months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _in_month(rule: Recurrence, year: int, month: int) -> dt.date:
    last = _calendar.monthrange(year, month)[1]
    if rule.frequency == Frequency.MONTHLY_DAY:
        return dt.date(year, month, min(rule.month_day or 1, last))
    assert rule.weekday is not None
    if rule.nth == LAST:
        day = dt.date(year, month, last)
        return day - dt.timedelta(days=(day.weekday() - rule.weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(rule.weekday - first.weekday()) % 7 + 7 * ((rule.nth or 1) - 1))


def nominal_dates(rule: Recurrence, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates the schedule names in start..end (inside its validity), before any move for days off."""
    start = max(start, rule.valid_from)
    if rule.valid_to is not None:
        end = min(end, rule.valid_to)
    if end < start:
        return []
    if rule.frequency == Frequency.WEEKLY:
        assert rule.weekday is not None
        day = start + dt.timedelta(days=(rule.weekday - start.weekday()) % 7)
        found = []
        while day <= end:
            found.append(day)
            day += dt.timedelta(days=7)
        return found
    return [d for y, m in _months(start, end) if start <= (d := _in_month(rule, y, m)) <= end]


def occurrences(
    rule: Recurrence, start: dt.date, end: dt.date, *, calendar: WorkCalendar
) -> list[Occurrence]:
    """The reception days of the schedule that fall in start..end, each moved to the next working day when the named
    date is a day off, in date order, at most one per day."""
    found: dict[dt.date, Occurrence] = {}
    for nominal in nominal_dates(rule, start - _MOVE_REACH, end):
        day = calendar.next_working_day(nominal, include_self=True)
        if start <= day <= end and day not in found:
            found[day] = Occurrence(day=day, nominal=nominal)
    return sorted(found.values(), key=lambda o: o.day)


def next_occurrences(
    rule: Recurrence, *, after: dt.date, count: int, calendar: WorkCalendar
) -> list[Occurrence]:
    """The next `count` reception days on or after `after` (fewer when the schedule ends first)."""
    found: list[Occurrence] = []
    cursor = max(after, rule.valid_from)
    horizon = cursor + dt.timedelta(days=366 * 2)
    while len(found) < count and cursor <= horizon:
        window_end = cursor + dt.timedelta(days=92)
        found.extend(occurrences(rule, cursor, window_end, calendar=calendar))
        if rule.valid_to is not None and window_end > rule.valid_to + _MOVE_REACH:
            break
        cursor = window_end + dt.timedelta(days=1)
    return found[:count]
