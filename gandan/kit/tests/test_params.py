"""The one parser of dates, months, years and numbers: what it accepts and what it refuses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gandan.kit.params import (
    BadParameter,
    DayField,
    MonthField,
    parse_day,
    parse_int,
    parse_month,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("09/01/2026", dt.date(2026, 1, 9)),
        ("2026-01-09", dt.date(2026, 1, 9)),
        (" 01/01/1900 ", dt.date(1900, 1, 1)),
        ("31/12/2100", dt.date(2100, 12, 31)),
        ("", None),
        (None, None),
    ],
)
def test_a_day_inside_the_years_the_site_knows_is_read(text, day):
    assert parse_day(text, name="from") == day


@pytest.mark.parametrize(
    "text", ["01/01/0001", "31/12/9999", "31/12/1899", "01/01/2101", "32/01/2026", "hôm qua"]
)
def test_a_day_outside_them_is_refused_naming_the_parameter(text):
    with pytest.raises(BadParameter) as refused:
        parse_day(text, name="from")
    assert refused.value.field == "from" and refused.value.status == 400


@pytest.mark.parametrize("text", ["0000-01", "9999-12", "2026-00", "2026-13", "2026-1-1", "x"])
def test_a_month_outside_them_is_refused(text):
    with pytest.raises(BadParameter):
        parse_month(text, name="month")


def test_a_month_gives_its_first_and_last_day():
    assert parse_month("2028-02", name="month") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))


@pytest.mark.parametrize(
    "text", ["-1", "99999999999999999999999", "1899", "2101", "２０２６", "2_026", "9" * 5000]
)
def test_a_year_or_number_outside_its_bounds_is_refused(text):
    with pytest.raises(BadParameter):
        parse_year(text, name="year")
    with pytest.raises(BadParameter):
        parse_int(text, name="n", lo=0, hi=1000)


def test_an_empty_year_takes_the_default():
    assert parse_year("", name="year", default=2026) == 2026


def test_the_form_fields_refuse_what_the_parsers_refuse():
    assert not DayField(required=False).clean("") and DayField().clean("09/01/2026") == dt.date(2026, 1, 9)
    for field, bad in [(DayField(), "01/01/0001"), (MonthField(), "9999-12")]:
        with pytest.raises(ValidationError, match="1900"):
            field.clean(bad)
