"""Plausible Vietnamese names for seeded data (the demo, the benchmarks): common family, middle and given names.
One list for every seeder, so the demo, the search benchmark and the load tests draw people from the same pool."""

from random import Random

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Ngọc", "Xuân"]
GIVEN = [
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Lan",
    "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến",
]  # fmt: skip


def sample_name(rng: Random) -> str:
    """A full name: family, middle and given name drawn from `rng` (three draws, in that order)."""
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
