"""The one parser of dates, months, years and numbers: what it accepts and what it refuses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gandan.kit.params import (
    BadParameter,
    DayField,
    DayTimeField,
    MonthField,
    bad_day_message,
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


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2026", "02/2026 chỉ có từ ngày 01 đến ngày 28"),
        ("29/02/2027", "02/2027 chỉ có từ ngày 01 đến ngày 28"),
        ("31/04/2026", "04/2026 chỉ có từ ngày 01 đến ngày 30"),
        ("00/01/2026", "01/2026 chỉ có từ ngày 01 đến ngày 31"),
        ("15/13/2026", "không có tháng 13"),
        ("2026-00-10", "không có tháng 00"),
        ("00/00/0000", "trong khoảng từ năm 1900 đến năm 2100"),
        ("hôm qua", "dd/mm/yyyy"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_saying_what_to_fix(typed, says):
    """An officer typing 31/02 learns February has 28 days, not a bare "enter a valid date"; the same words from the
    form field, the date-and-time field and a page's parameter."""
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            DayField().clean(typed)
        assert says in refused.value.messages[0]
        with pytest.raises(BadParameter) as refused_parameter:
            parse_day(typed, name="from")
        assert says in str(refused_parameter.value)
        with pytest.raises(ValidationError) as refused_moment:
            DayTimeField().clean(f"{typed} 08:30")
        assert says in refused_moment.value.messages[0]


@given(st.integers(1, 31), st.integers(0, 13), st.integers(1900, 2100))
def test_every_impossible_day_of_a_known_year_is_explained_by_its_month(day, month, year):
    try:
        dt.date(year, month, day)
    except ValueError:
        with translation.override("en"):
            message = bad_day_message(f"{day:02d}/{month:02d}/{year}")
        assert f"{day:02d}/{month:02d}/{year}" in message  # it repeats what was typed
        assert ("no month" in message) == (not 1 <= month <= 12)


def test_the_unit_forms_refuse_an_impossible_date_with_the_same_words():
    from gandan.units.forms import UnitMergeForm
    from gandan.units.models import Unit

    with translation.override("vi"):
        form = UnitMergeForm(data={"effective": "30/02/2026"}, candidates=Unit.objects.none())
        assert not form.is_valid()
        assert "02/2026 chỉ có từ ngày 01 đến ngày 28" in form.errors["effective"][0]
