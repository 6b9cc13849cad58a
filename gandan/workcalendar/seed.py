"""Seeding the calendar for 2024–2027 from the `holidays` package, then applying what the package gets wrong.

The package is a seed, never the truth (TECH-NOTES.md): every year the government fixes Tết and the swaps by
notice, and officials correct the calendar in the UI afterwards.
"""

import datetime as dt
from dataclasses import dataclass

import holidays

SEED_YEARS = range(2024, 2028)


@dataclass(frozen=True)
class SeedDay:
    day: dt.date
    kind: str  # "day_off" | "working_day"
    name: str
    legal_basis: str
    source: str  # "package" | "official"


# Days the package lists that are not (yet) paid days off for the civil service. DOMAIN.md §8.1: 24/11 "Ngày Văn
# hóa Việt Nam" was chosen by the Politburo, but the Labour Code amendment was not in force in the sources read.
# An official adds it in the UI once it is.
NOT_IN_FORCE = {"Ngày Văn hóa Việt Nam"}

# Official swaps the package does not know (TECH-NOTES.md, DOMAIN.md §8.2).
CORRECTIONS = [
    SeedDay(
        dt.date(2026, 1, 2),
        "day_off",
        "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
        "official",
    ),
    SeedDay(
        dt.date(2026, 1, 10),
        "working_day",
        "Làm bù cho thứ Sáu 02/01/2026",
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
        "official",
    ),
]

PACKAGE_BASIS = "Bộ luật Lao động 45/2019/QH14 Điều 112; thông báo hằng năm của Bộ Nội vụ"


def seed_days(years: range = SEED_YEARS) -> list[SeedDay]:
    """Every non-standard day of `years`: the package's days off and working Saturdays, then the corrections."""
    calendar = holidays.country_holidays("VN", years=years, language="vi")
    days: dict[dt.date, SeedDay] = {}
    for day, name in sorted(calendar.items()):
        if name in NOT_IN_FORCE or day.weekday() >= 5:
            # A holiday on a weekend is already a day off; its compensatory weekday is listed by the package.
            continue
        days[day] = SeedDay(day, "day_off", name, PACKAGE_BASIS, "package")
    for day in sorted(calendar.weekend_workdays):
        if day.year in years:
            days[day] = SeedDay(day, "working_day", "Ngày làm bù", PACKAGE_BASIS, "package")
    for correction in CORRECTIONS:
        if correction.day.year in years:
            days[correction.day] = correction
    return sorted(days.values(), key=lambda d: d.day)
