"""Phone numbers and record codes read the same way by every module (intake, duplicates, lookups, throttles)."""

import pytest

from gandan.core.identifiers import clean_code, clean_last4, clean_phone, is_phone, normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(+84) 912-345-678", "+84912345678"),
        ("", ""),
        (None, ""),
    ],
)
def test_intake_stores_the_number_without_its_separators(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    ("cleaned", "accepted"),
    [("0912345678", True), ("+84912345678", True), ("12345", False), ("09123456ab", False)],
)
def test_intake_accepts_only_a_vietnamese_number(cleaned, accepted):
    assert is_phone(cleaned) is accepted


def test_the_same_mobile_written_three_ways_is_one_number():
    assert (
        normalize_phone("0912 345 678")
        == normalize_phone("+84 912 345 678")
        == normalize_phone("84912345678")
    )


@pytest.mark.parametrize(("typed", "code"), [(" hs-2026-001 ", "HS-2026-001"), ("HS\x00-1", ""), ("", "")])
def test_a_code_is_read_in_its_stored_form(typed, code):
    assert clean_code(typed) == code


@pytest.mark.parametrize(("typed", "last4"), [(" 5678 ", "5678"), ("567", ""), ("56a8", ""), ("٥٦٧٨", "")])
def test_the_last_four_digits_are_four_ascii_digits(typed, last4):
    assert clean_last4(typed) == last4
