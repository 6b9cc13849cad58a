"""The schedule's cron expressions: the problems named, the next time in Asia/Ho_Chi_Minh, the common shapes."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.cron import LOCAL, UTC, CronShape, cron_from_shape, cron_next, cron_problem, cron_shape


@pytest.mark.parametrize(
    ("expr", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("0 2 * *", "fields"),
        ("0 0 2 * * *", "fields"),  # a seconds field is not part of the schedule's language
        ("60 2 * * *", "minute"),
        ("0 24 * * *", "hour"),
        ("0 2 32 * *", "day"),
        ("0 2 30 2 *", "day"),  # 30 February never comes
        ("0 2 * 13 *", "month"),
        ("0 2 * * 8", "weekday"),
        ("x 2 * * *", "minute"),
    ],
)
def test_each_problem_names_its_field(expr, code):
    problem = cron_problem(expr)
    assert problem is not None and problem.code == code


@pytest.mark.parametrize(
    "expr", ["0 2 * * *", "*/5 * * * *", "30 6 1 * *", "0 7 * * MON-FRI", " 0  2 * * * "]
)
def test_good_expressions_have_no_problem(expr):
    assert cron_problem(expr) is None


def test_two_in_the_morning_local_is_seven_in_the_evening_utc_the_day_before():
    after = dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC)  # 19:00 in Hà Nội
    assert cron_next("0 2 * * *", after) == dt.datetime(2026, 12, 5, 19, 0, tzinfo=UTC)


def test_the_next_time_is_strictly_after():
    at = dt.datetime(2026, 12, 5, 19, 0, tzinfo=UTC)  # exactly 02:00 local
    assert cron_next("0 2 * * *", at) == dt.datetime(2026, 12, 6, 19, 0, tzinfo=UTC)


def test_a_refused_expression_raises():
    with pytest.raises(ValueError):
        cron_next("0 25 * * *", dt.datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("expr", "shape"),
    [
        ("*/5 * * * *", CronShape("every_minutes", every=5)),
        ("* * * * *", CronShape("every_minutes", every=1)),
        ("15 * * * *", CronShape("hourly", minute=15)),
        ("0 */6 * * *", CronShape("every_hours", every=6)),
        ("0 2 * * *", CronShape("daily", hour=2)),
        ("30 6 * * 1", CronShape("weekly", minute=30, hour=6, weekday=1)),
        ("30 6 * * SUN", CronShape("weekly", minute=30, hour=6, weekday=0)),
        ("0 5 1 * *", CronShape("monthly", hour=5, day=1)),
        ("0 7 * * 1-5", None),
        ("0 2 * 1 *", None),
        ("0 2,14 * * *", None),
        ("bad", None),
    ],
)
def test_common_shapes_are_recognised(expr, shape):
    assert cron_shape(expr) == shape


minutes = st.integers(0, 59)
hours = st.integers(0, 23)
shapes = st.one_of(
    st.builds(CronShape, kind=st.just("every_minutes"), every=st.integers(1, 59)),
    st.builds(CronShape, kind=st.just("hourly"), minute=minutes),
    st.builds(CronShape, kind=st.just("every_hours"), minute=minutes, every=st.integers(1, 23)),
    st.builds(CronShape, kind=st.just("daily"), minute=minutes, hour=hours),
    st.builds(CronShape, kind=st.just("weekly"), minute=minutes, hour=hours, weekday=st.integers(0, 6)),
    st.builds(CronShape, kind=st.just("monthly"), minute=minutes, hour=hours, day=st.integers(1, 28)),
)
instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 1, 1), timezones=st.just(UTC)
)


@given(shapes)
def test_a_shape_written_as_cron_reads_back_as_itself(shape):
    expr = cron_from_shape(shape)
    assert cron_problem(expr) is None
    assert cron_shape(expr) == shape


@given(shapes, instants)
def test_the_next_time_is_what_the_shape_says_and_none_is_skipped(shape, after):
    expr = cron_from_shape(shape)
    nxt = cron_next(expr, after)
    local = nxt.astimezone(LOCAL)
    assert nxt > after and local.second == 0
    gap = nxt - after
    if shape.kind == "every_minutes":
        assert local.minute % shape.every == 0
        assert gap <= dt.timedelta(minutes=shape.every if 60 % shape.every == 0 else 60)
    else:
        assert local.minute == shape.minute
    if shape.kind == "hourly":
        assert gap <= dt.timedelta(hours=1)
    if shape.kind in ("daily", "weekly", "monthly"):
        assert local.hour == shape.hour
    if shape.kind == "daily":
        assert gap <= dt.timedelta(days=1)
    if shape.kind == "weekly":
        assert local.isoweekday() % 7 == shape.weekday and gap <= dt.timedelta(days=7)
    if shape.kind == "monthly":
        assert local.day == shape.day and gap <= dt.timedelta(days=31)


@given(st.text(max_size=40))
def test_any_text_is_either_refused_or_has_a_next_time(text):
    problem = cron_problem(text)
    if problem is None:
        assert cron_next(text, dt.datetime(2026, 1, 1, tzinfo=UTC)) > dt.datetime(2026, 1, 1, tzinfo=UTC)
