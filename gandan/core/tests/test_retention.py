"""Backup retention: the newest of each of the last N days and of the last M months is kept, the newest of all always,
nothing else."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.retention import (
    Archive,
    archive_name,
    archive_parse,
    retention_delete,
    retention_keep,
)


def at(text: str) -> Archive:
    made_at = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")  # noqa: DTZ007 local time
    return Archive(made_at=made_at, name=archive_name(made_at))


# Within a year and a half, so that days and months often hold several archives.
moments = st.builds(
    lambda day, second: dt.datetime(2026, 1, 1) + dt.timedelta(days=day, seconds=second),
    st.integers(min_value=0, max_value=540),
    st.integers(min_value=0, max_value=86_399),
)
archive_sets = st.sets(moments, max_size=40).map(
    lambda times: {Archive(made_at=t, name=archive_name(t)) for t in times}
)
counts = st.integers(min_value=0, max_value=15)


def test_a_week_of_nightly_backups_and_older_months():
    archives = [at(f"2026-12-{day:02d} 02:00") for day in range(1, 11)]
    archives += [
        at("2026-11-30 02:00"),
        at("2026-11-15 02:00"),
        at("2026-10-31 02:00"),
        at("2026-10-01 02:00"),
    ]
    archives += [at("2026-12-10 14:30")]  # a second backup on the 10th, taken by hand in the afternoon

    deleted = {a.name for a in retention_delete(archives, daily=7, monthly=3)}

    assert deleted == {
        "gandan-20261210-020000.tar",  # the afternoon one is the 10th's newest
        "gandan-20261203-020000.tar",
        "gandan-20261202-020000.tar",
        "gandan-20261201-020000.tar",
        "gandan-20261115-020000.tar",
        "gandan-20261001-020000.tar",
    }


def test_zero_and_zero_still_keeps_the_newest():
    archives = [at("2026-12-01 02:00"), at("2026-12-02 02:00")]
    assert retention_keep(archives, daily=0, monthly=0) == {at("2026-12-02 02:00")}


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        retention_keep([], daily=-1, monthly=0)


def test_names_round_trip_and_other_files_are_ignored():
    moment = dt.datetime(2026, 12, 5, 23, 59, 1)
    assert archive_parse(archive_name(moment)) == Archive(made_at=moment, name="gandan-20261205-235901.tar")
    assert archive_parse(archive_name(moment, serial=2)).made_at == moment
    for other in (
        "gandan-20261205-235901.tar.partial",
        "gandan-20261205-235901.tar.sha256",
        "notes.txt",
        "gandan-20261332-000000.tar",
    ):
        assert archive_parse(other) is None


@given(archive_sets, counts, counts)
def test_the_newest_is_never_deleted(archives, daily, monthly):
    if archives:
        assert max(archives) in retention_keep(archives, daily=daily, monthly=monthly)


@given(archive_sets, counts, counts)
def test_it_keeps_at_most_daily_plus_monthly(archives, daily, monthly):
    keep = retention_keep(archives, daily=daily, monthly=monthly)
    assert len(keep) <= max(daily + monthly, 1)
    assert keep <= archives


@given(archive_sets, counts, counts)
def test_the_newest_of_each_recent_day_and_month_is_kept_and_nothing_else(archives, daily, monthly):
    keep = retention_keep(archives, daily=daily, monthly=monthly)
    days = sorted({a.made_at.date() for a in archives}, reverse=True)[:daily]
    months = sorted({(a.made_at.year, a.made_at.month) for a in archives}, reverse=True)[:monthly]
    newest_of_day = {d: max(a for a in archives if a.made_at.date() == d) for d in days}
    newest_of_month = {m: max(a for a in archives if (a.made_at.year, a.made_at.month) == m) for m in months}
    expected = set(newest_of_day.values()) | set(newest_of_month.values())
    if archives:
        expected.add(max(archives))
    assert keep == expected


@given(archive_sets, counts, counts)
def test_kept_and_deleted_split_the_archives(archives, daily, monthly):
    keep = retention_keep(archives, daily=daily, monthly=monthly)
    deleted = retention_delete(archives, daily=daily, monthly=monthly)
    assert keep.isdisjoint(deleted)
    assert keep | set(deleted) == archives
    assert deleted == sorted(deleted)


@given(archive_sets, counts, counts)
def test_applying_it_twice_deletes_nothing_more(archives, daily, monthly):
    keep = retention_keep(archives, daily=daily, monthly=monthly)
    assert retention_keep(keep, daily=daily, monthly=monthly) == keep
