"""Report periods (DOMAIN.md §7.4): reports flow monthly, quarterly, at 6 and 9 months, yearly, and ad hoc.

A period of a year counts from 1 January: "6 months" is January–June, "9 months" January–September (the way the
party's and the government's reports count them), a quarter and a month are their own months. An ad hoc period has
the dates the officer typed; it may not end before it starts nor run past `MAX_ADHOC_DAYS`.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "MAX_ADHOC_DAYS",
    "Period",
    "PeriodError",
    "PeriodKind",
    "period_for",
    "period_title",
    "periods_of_kind",
]

MAX_ADHOC_DAYS = 366 * 2
MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"  # the first six months
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    ADHOC = "adhoc"


class PeriodError(ValueError):
    """A period that cannot exist; `code` says which part is wrong (`year`, `number`, `end`)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # inclusive
    number: int = 0  # the month (1–12) or the quarter (1–4); 0 for the others

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_for(
    kind: PeriodKind | str,
    *,
    year: int | None = None,
    number: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Period:
    """The period a report covers. `year` and `number` for the calendar kinds, `start` and `end` for ad hoc."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.ADHOC:
        if start is None:
            raise PeriodError("start")
        if end is None:
            raise PeriodError("end")
        if end < start:
            raise PeriodError("end")
        if (end - start).days + 1 > MAX_ADHOC_DAYS:
            raise PeriodError("too_long")
        if not (MIN_YEAR <= start.year <= MAX_YEAR and MIN_YEAR <= end.year <= MAX_YEAR):
            raise PeriodError("year")
        return Period(kind, start, end)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError("year")
    if kind is PeriodKind.MONTH:
        if number is None or not 1 <= number <= 12:
            raise PeriodError("number")
        return Period(kind, date(year, number, 1), _month_end(year, number), number)
    if kind is PeriodKind.QUARTER:
        if number is None or not 1 <= number <= 4:
            raise PeriodError("number")
        first = 3 * (number - 1) + 1
        return Period(kind, date(year, first, 1), _month_end(year, first + 2), number)
    last = {PeriodKind.HALF_YEAR: 6, PeriodKind.NINE_MONTHS: 9, PeriodKind.YEAR: 12}[kind]
    return Period(kind, date(year, 1, 1), _month_end(year, last))


def periods_of_kind(kind: PeriodKind | str, year: int) -> list[Period]:
    """Every period of `kind` in `year` (the 12 months, the 4 quarters, or the one period)."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.MONTH:
        return [period_for(kind, year=year, number=n) for n in range(1, 13)]
    if kind is PeriodKind.QUARTER:
        return [period_for(kind, year=year, number=n) for n in range(1, 5)]
    if kind is PeriodKind.ADHOC:
        return []
    return [period_for(kind, year=year)]


def previous_day(period: Period) -> date:
    """The last day before the period (for "compared with the previous period")."""
    return period.start - timedelta(days=1)


QUARTER_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_title(period: Period) -> str:
    """The period as a Vietnamese report names it, after "Kết quả công tác dân vận …": "tháng 11 năm 2026",
    "quý IV năm 2026", "6 tháng đầu năm 2026", "9 tháng đầu năm 2026", "năm 2026", or for an ad hoc period
    "từ ngày 03/11/2026 đến ngày 20/11/2026". A report is a legal document: this text is Vietnamese whatever the
    officer's interface language."""
    year = period.start.year
    if period.kind is PeriodKind.MONTH:
        return f"tháng {period.number} năm {year}"
    if period.kind is PeriodKind.QUARTER:
        return f"quý {QUARTER_NUMERALS[period.number]} năm {year}"
    if period.kind is PeriodKind.HALF_YEAR:
        return f"6 tháng đầu năm {year}"
    if period.kind is PeriodKind.NINE_MONTHS:
        return f"9 tháng đầu năm {year}"
    if period.kind is PeriodKind.YEAR:
        return f"năm {year}"
    return f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
