"""The 12-digit personal identification number (số định danh cá nhân / căn cước), DOMAIN.md §9.3.

Digits 1–3: the province (old 63-province list) or country of birth registration — never checked against the
post-2025 provinces, because numbers do not change after a merger. Digit 4: century and sex. Digits 5–6: the last
two digits of the birth year. Digits 7–12: random.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

_PATTERN = re.compile(r"^\d{12}$")


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class CitizenIdProblem:
    code: str  # stable: "format", "birth_year", "sex"
    detail: str  # English; interfaces translate by code


def clean_citizen_id(raw: str) -> str:
    """Digits only: people type the number with spaces or dots in groups."""
    return re.sub(r"[\s.\-]", "", raw or "")


def citizen_id_problems(
    number: str, *, birth_year: int | None = None, sex: Sex | None = None
) -> list[CitizenIdProblem]:
    """What is wrong with `number` (empty list when it is valid). With a birth year and sex, digit 4 and digits
    5–6 must agree with them."""
    if not _PATTERN.match(number):
        return [CitizenIdProblem("format", "must be exactly 12 digits")]
    problems: list[CitizenIdProblem] = []
    # Digit 4: 1900s 0/1, 2000s 2/3, 2100s 4/5, 2200s 6/7, 2300s 8/9 (male/female).
    century_code = int(number[3])
    if birth_year is not None:
        if not 1900 <= birth_year <= 2399:
            return [CitizenIdProblem("birth_year", "birth year out of range")]
        if number[4:6] != f"{birth_year % 100:02d}":
            problems.append(CitizenIdProblem("birth_year", "digits 5-6 differ from the birth year"))
        if century_code // 2 != (birth_year // 100 - 19):
            problems.append(CitizenIdProblem("birth_year", "digit 4 does not match the century of birth"))
    if sex is not None and century_code % 2 != (1 if sex == Sex.FEMALE else 0):
        problems.append(CitizenIdProblem("sex", "digit 4 does not match the sex"))
    return problems


def mask_citizen_id(number: str) -> str:
    """Lists and exports show only the last 3 digits."""
    return "•" * max(len(number) - 3, 0) + number[-3:] if number else ""
