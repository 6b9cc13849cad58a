"""The calendar seed: the `holidays` package for 2024–2027, corrected by official notices it does not know."""

import datetime as dt

import pytest

from gandan.workcalendar.models import CalendarDay, DayKind, DaySource
from gandan.workcalendar.seed import SEED_YEARS, seed_days
from gandan.workcalendar.services import calendar_day_set, calendar_seed

D = dt.date
SEED = {d.day: d for d in seed_days()}


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        pytest.param(D(2026, 1, 1), DayKind.DAY_OFF, id="new-year"),
        *[pytest.param(D(2026, 2, n), DayKind.DAY_OFF, id=f"tet-2026-{n}-02") for n in range(16, 21)],
        pytest.param(D(2026, 4, 27), DayKind.DAY_OFF, id="hung-kings-observed-on-monday-27-04"),
        pytest.param(D(2026, 4, 30), DayKind.DAY_OFF, id="reunification-day"),
        pytest.param(D(2026, 5, 1), DayKind.DAY_OFF, id="labour-day"),
        pytest.param(D(2026, 9, 2), DayKind.DAY_OFF, id="national-day"),
        pytest.param(D(2026, 1, 2), DayKind.DAY_OFF, id="swapped-friday-02-01-2026"),
        pytest.param(D(2026, 1, 10), DayKind.WORKING_DAY, id="make-up-saturday-10-01-2026"),
    ],
)
def test_the_seed_has_the_2026_days_officials_rely_on(day, kind):
    assert SEED[day].kind == kind


def test_the_2026_swap_cites_the_government_letter():
    for day in (D(2026, 1, 2), D(2026, 1, 10)):
        assert SEED[day].source == "official"
        assert "12729/VPCP-KGVX" in SEED[day].legal_basis


@pytest.mark.parametrize("year", SEED_YEARS)
def test_vietnamese_culture_day_24_11_is_not_a_day_off_until_the_law_is_in_force(year):
    assert D(year, 11, 24) not in SEED


def test_holidays_falling_on_a_weekend_are_not_listed_as_extra_days_off():
    assert D(2026, 4, 26) not in SEED  # Hùng Kings' day 2026 is a Sunday; Monday 27/04 is the day off
    assert all(d.day.weekday() < 5 for d in SEED.values() if d.kind == DayKind.DAY_OFF)
    assert all(d.day.weekday() >= 5 for d in SEED.values() if d.kind == DayKind.WORKING_DAY)


def test_every_seeded_day_has_a_name_and_a_legal_basis():
    assert all(d.name and d.legal_basis for d in SEED.values())
    assert {d.day.year for d in SEED.values()} == set(SEED_YEARS)


# --- In the database --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_database_holds_the_seed():
    stored = dict(CalendarDay.objects.values_list("day", "kind"))

    assert stored == {d.day: d.kind for d in SEED.values()}
    assert D(2026, 11, 24) not in stored


@pytest.mark.django_db
def test_seeding_twice_adds_nothing():
    count = CalendarDay.objects.count()

    assert calendar_seed() == 0
    assert CalendarDay.objects.count() == count


@pytest.mark.django_db
def test_seeding_again_keeps_an_officials_correction(sysadmin):
    calendar_day_set(
        day=D(2026, 2, 16), kind=DayKind.DAY_OFF, name="Nghỉ Tết Nguyên đán Bính Ngọ",
        legal_basis="Thông báo của Bộ Nội vụ (đã đối chiếu)", by=sysadmin,
    )  # fmt: skip

    assert calendar_seed() == 0

    entry = CalendarDay.objects.get(day=D(2026, 2, 16))
    assert entry.name == "Nghỉ Tết Nguyên đán Bính Ngọ"
    assert entry.source == DaySource.OFFICIAL_EDIT
    assert entry.created_by == sysadmin


@pytest.mark.django_db
def test_seeding_fills_in_only_the_days_that_are_missing():
    CalendarDay.objects.filter(day__year=2027).delete()
    missing = sum(1 for d in SEED.values() if d.day.year == 2027)

    assert calendar_seed() == missing
    assert CalendarDay.objects.filter(day__year=2027).count() == missing


@pytest.mark.django_db
def test_seeding_again_does_not_bring_back_a_day_an_official_removed(sysadmin):
    from gandan.workcalendar.services import calendar_day_remove

    entry = CalendarDay.objects.get(day=dt.date(2026, 4, 27))
    calendar_day_remove(entry=entry, by=sysadmin)
    assert calendar_seed() == 0
    assert not CalendarDay.objects.filter(day=dt.date(2026, 4, 27)).exists()
