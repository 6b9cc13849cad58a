"""The report periods of mass mobilisation (gandan.core.mobilization.periods): the months and the quarters of a year
tile it, day after day, with neither gap nor overlap; 6 and 9 months are the first half and three quarters of it;
an ad hoc period never ends before it starts; and each period has the name a Vietnamese report gives it."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.mobilization.periods import (
    MAX_ADHOC_DAYS,
    MAX_YEAR,
    MIN_YEAR,
    Period,
    PeriodError,
    PeriodKind,
    period_for,
    period_title,
    periods_of_kind,
    previous_day,
)

years = st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR)
days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


def _tiles(periods: list[Period], year: int) -> bool:
    """The periods, in order, cover 1/1 to 31/12 of `year`, each starting the day after the previous one ends."""
    if periods[0].start != date(year, 1, 1) or periods[-1].end != date(year, 12, 31):
        return False
    return all(b.start == a.end + timedelta(days=1) for a, b in zip(periods, periods[1:], strict=False))


@given(years)
def test_the_twelve_months_tile_the_year(year):
    months = periods_of_kind(PeriodKind.MONTH, year)
    assert [p.number for p in months] == list(range(1, 13))
    assert _tiles(months, year)
    assert sum(p.days for p in months) == (date(year, 12, 31) - date(year, 1, 1)).days + 1


@given(years)
def test_the_four_quarters_tile_the_year_and_each_is_its_three_months(year):
    quarters = periods_of_kind(PeriodKind.QUARTER, year)
    assert _tiles(quarters, year)
    months = periods_of_kind(PeriodKind.MONTH, year)
    for q in quarters:
        mine = months[3 * (q.number - 1) : 3 * q.number]
        assert (q.start, q.end) == (mine[0].start, mine[-1].end)


@given(years)
def test_six_and_nine_months_and_the_year_count_from_the_first_of_january(year):
    quarters = periods_of_kind(PeriodKind.QUARTER, year)
    (half,) = periods_of_kind(PeriodKind.HALF_YEAR, year)
    (nine,) = periods_of_kind(PeriodKind.NINE_MONTHS, year)
    (whole,) = periods_of_kind(PeriodKind.YEAR, year)
    assert (half.start, half.end) == (quarters[0].start, quarters[1].end)
    assert (nine.start, nine.end) == (quarters[0].start, quarters[2].end)
    assert (whole.start, whole.end) == (date(year, 1, 1), date(year, 12, 31))


@given(days)
def test_every_day_lies_in_exactly_one_month_and_one_quarter(day):
    for kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
        holding = [p for p in periods_of_kind(kind, day.year) if p.contains(day)]
        assert len(holding) == 1
    assert period_for(PeriodKind.MONTH, year=day.year, number=day.month).contains(day)
    assert period_for(PeriodKind.QUARTER, year=day.year, number=(day.month - 1) // 3 + 1).contains(day)


@given(days, st.integers(min_value=0, max_value=MAX_ADHOC_DAYS - 1))
def test_an_ad_hoc_period_keeps_the_dates_typed(start, length):
    end = start + timedelta(days=length)
    if end.year > MAX_YEAR:
        with pytest.raises(PeriodError):
            period_for(PeriodKind.ADHOC, start=start, end=end)
        return
    period = period_for(PeriodKind.ADHOC, start=start, end=end)
    assert (period.start, period.end, period.days) == (start, end, length + 1)
    assert period.contains(start) and period.contains(end)
    assert not period.contains(previous_day(period))


@given(days, st.integers(min_value=1, max_value=5000))
def test_an_ad_hoc_period_that_ends_before_it_starts_is_refused(start, back):
    end = start - timedelta(days=back)
    with pytest.raises(PeriodError) as refused:
        period_for(PeriodKind.ADHOC, start=start, end=end)
    assert refused.value.code == "end"


def test_an_ad_hoc_period_needs_both_dates_and_no_more_than_two_years():
    day = date(2026, 11, 3)
    with pytest.raises(PeriodError) as no_start:
        period_for("adhoc", end=day)
    with pytest.raises(PeriodError) as no_end:
        period_for("adhoc", start=day)
    with pytest.raises(PeriodError) as too_long:
        period_for("adhoc", start=day, end=day + timedelta(days=MAX_ADHOC_DAYS))
    assert (no_start.value.code, no_end.value.code, too_long.value.code) == ("start", "end", "too_long")
    assert period_for("adhoc", start=day, end=day + timedelta(days=MAX_ADHOC_DAYS - 1)).days == MAX_ADHOC_DAYS


@given(st.integers(min_value=-5, max_value=3000).filter(lambda y: not MIN_YEAR <= y <= MAX_YEAR))
def test_a_year_outside_the_range_is_refused_for_every_calendar_kind(year):
    for kind, number in [
        ("month", 1),
        ("quarter", 1),
        ("half_year", None),
        ("nine_months", None),
        ("year", None),
    ]:
        with pytest.raises(PeriodError) as refused:
            period_for(kind, year=year, number=number)
        assert refused.value.code == "year"


@pytest.mark.parametrize(
    "kind, number", [("month", 0), ("month", 13), ("month", None), ("quarter", 0), ("quarter", 5)]
)
def test_a_month_or_quarter_that_does_not_exist_is_refused(kind, number):
    with pytest.raises(PeriodError) as refused:
        period_for(kind, year=2026, number=number)
    assert refused.value.code == "number"


def test_a_year_is_required_and_an_unknown_kind_is_refused():
    with pytest.raises(PeriodError):
        period_for("month", number=11)
    with pytest.raises(ValueError):
        period_for("fortnight", year=2026)


def test_february_has_its_leap_day():
    assert period_for("month", year=2028, number=2).end == date(2028, 2, 29)
    assert period_for("month", year=2026, number=2).end == date(2026, 2, 28)


@pytest.mark.parametrize(
    "kind, number, title",
    [
        ("month", 11, "tháng 11 năm 2026"),
        ("quarter", 4, "quý IV năm 2026"),
        ("half_year", None, "6 tháng đầu năm 2026"),
        ("nine_months", None, "9 tháng đầu năm 2026"),
        ("year", None, "năm 2026"),
    ],
)
def test_each_period_has_the_name_a_report_gives_it(kind, number, title):
    assert period_title(period_for(kind, year=2026, number=number)) == title


def test_an_ad_hoc_period_is_named_by_its_dates():
    period = period_for("adhoc", start=date(2026, 11, 3), end=date(2026, 11, 20))
    assert period_title(period) == "từ ngày 03/11/2026 đến ngày 20/11/2026"
