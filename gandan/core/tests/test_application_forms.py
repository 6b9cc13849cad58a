"""The application's fields and the checklist of papers as pure rules: tables and properties."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.application_forms import (
    FieldSpec,
    Paper,
    SchemaError,
    clean_answers,
    missing_papers,
    parse_field_line,
    parse_field_lines,
    schema_from_data,
)
from gandan.core.vntext import fold, normalize

TODAY = dt.date(2026, 3, 2)
BIRTH = FieldSpec("ngay_sinh", "Ngày sinh", "date", required=True, past=True)
NAME = FieldSpec("ten_tre", "Họ, chữ đệm và tên của trẻ", "text", required=True)
SEX = FieldSpec("gioi_tinh", "Giới tính", "choice", required=True, choices=("Nam", "Nữ"))
PAGES = FieldSpec("so_trang", "Số trang", "number")
MOTHER_ID = FieldSpec("so_dinh_danh_me", "Số định danh của mẹ", "idnumber")
SCHEMA = [NAME, BIRTH, SEX, PAGES, MOTHER_ID]


def problems(**raw):
    return clean_answers(SCHEMA, {"ten_tre": "An", "ngay_sinh": "01/03/2026", "gioi_tinh": "Nam", **raw},
                         today=TODAY).problems  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {}),
        ({"ten_tre": "  "}, {"ten_tre": "required"}),
        ({"ngay_sinh": "2026-03-01"}, {"ngay_sinh": "date_format"}),
        ({"ngay_sinh": "31/02/2026"}, {"ngay_sinh": "date_format"}),
        (
            {"ngay_sinh": "03/03/2026"},
            {"ngay_sinh": "date_future"},
        ),  # tomorrow: a birth cannot be after today
        ({"ngay_sinh": "02/03/2026"}, {}),  # today is fine
        ({"ngay_sinh": "01/01/1900"}, {"ngay_sinh": "date_year"}),
        ({"gioi_tinh": "Khác"}, {"gioi_tinh": "choice"}),
        ({"so_trang": "12a"}, {"so_trang": "number"}),
        ({"so_dinh_danh_me": "02519001234"}, {"so_dinh_danh_me": "idnumber"}),
        ({"so_dinh_danh_me": "025 190 012 345"}, {}),
    ],
)
def test_each_answer_is_checked_against_its_field(raw, expected):
    assert problems(**raw) == expected


def test_answers_are_stored_cleaned_with_their_labels_and_unknown_keys_dropped():
    cleaned = clean_answers(
        SCHEMA,
        {"ten_tre": "nguyễn  văn an", "ngay_sinh": "1/3/2026", "gioi_tinh": "nữ", "so_trang": "1.000",
         "so_dinh_danh_me": "025.190.012.345", "hack": "x"},
        today=TODAY,
    )  # fmt: skip
    assert cleaned.ok
    assert [(a.key, a.value) for a in cleaned.answers] == [
        ("ten_tre", "nguyễn văn an"),
        ("ngay_sinh", "01/03/2026"),
        ("gioi_tinh", "Nữ"),
        ("so_trang", "1000"),
        ("so_dinh_danh_me", "025190012345"),
    ]
    assert cleaned.answers[0].label == NAME.label


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_birth_date_is_accepted_exactly_when_it_is_not_after_today(day):
    found = problems(ngay_sinh=day.strftime("%d/%m/%Y"))
    assert ("ngay_sinh" in found) == (day > TODAY)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(1900, 12, 31)))
def test_no_date_in_or_before_1900_is_accepted(day):
    assert problems(ngay_sinh=day.strftime("%d/%m/%Y"))["ngay_sinh"] == "date_year"


@given(st.text(max_size=30))
def test_a_choice_is_accepted_only_among_its_options(text):
    found = problems(gioi_tinh=text).get("gioi_tinh")
    typed = fold(normalize(text))
    if not typed:
        assert found == "required"
    else:
        assert (found is None) == (typed in ("nam", "nu"))


@given(st.text(alphabet="aăâeêioôơuưyáàảãạếềểễệ ̣́̀", min_size=1, max_size=20))
def test_stored_text_is_nfc_whatever_was_typed(text):
    decomposed = unicodedata.normalize("NFD", text)
    cleaned = clean_answers([FieldSpec("x", "X")], {"x": decomposed}, today=TODAY)
    for answer in cleaned.answers:
        assert unicodedata.is_normalized("NFC", answer.value)


@given(st.dictionaries(st.sampled_from([f.key for f in SCHEMA]), st.text(max_size=15)))
def test_a_required_field_left_empty_is_always_named(raw):
    found = clean_answers(SCHEMA, raw, today=TODAY).problems
    for spec in SCHEMA:
        if spec.required and not str(raw.get(spec.key, "")).strip():
            assert found[spec.key] == "required"


def test_a_field_line_reads_in_vietnamese_or_english_and_writes_back_the_same():
    spec = parse_field_line(
        "ngay_sinh | Ngày sinh của trẻ | ngày | bắt buộc, không sau hôm nay | | dd/mm/yyyy"
    )
    assert spec == FieldSpec("ngay_sinh", "Ngày sinh của trẻ", "date", True, (), "dd/mm/yyyy", True)
    assert parse_field_line(spec.as_line()) == spec
    assert parse_field_line("gioi_tinh | Giới tính | choice | required | Nam; Nữ").choices == ("Nam", "Nữ")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Ngày sinh | Ngày sinh | date", "key"),
        ("x | X | colour", "type"),
        ("x | X | choice | | Một", "choices"),
        ("x | X | text | | a; b", "choices_not_choice"),
        ("x | X | text | không sau hôm nay", "past_not_date"),
        ("x | X | text | quan trọng", "flag"),
        ("x |  | text", "label"),
    ],
)
def test_a_wrong_field_line_says_what_is_wrong(line, code):
    with pytest.raises(SchemaError) as caught:
        parse_field_line(line)
    assert code in [c for _, c in caught.value.problems]


def test_field_lines_are_all_checked_with_their_line_numbers_and_keys_are_unique():
    with pytest.raises(SchemaError) as caught:
        parse_field_lines("a | A\n\nB | B\nc | C | colour")
    assert caught.value.problems == [(3, "key"), (4, "type")]
    with pytest.raises(SchemaError) as caught:
        parse_field_lines("a | A\na | A again")
    assert caught.value.problems == [(0, "duplicate_key")]


def test_the_stored_schema_round_trips_and_refuses_what_is_not_a_field_list():
    data = [s.as_dict() for s in SCHEMA]
    assert schema_from_data(data) == SCHEMA
    for bad in ({"key": "x"}, ["x"], [{"key": "x", "label": "X", "type": "colour"}]):
        with pytest.raises(SchemaError):
            schema_from_data(bad)


@pytest.mark.parametrize(
    ("paper", "missing"),
    [
        (Paper("Tờ khai"), True),
        (Paper("Tờ khai", received=True), False),
        (Paper("Bản sao", required=False), False),  # optional: never missing
        (Paper("Ủy quyền", condition="Khi nộp thay người khác"), False),  # its case does not apply
        (Paper("Ủy quyền", condition="Khi nộp thay người khác", applies=True), True),
        (Paper("Ủy quyền", condition="Khi nộp thay người khác", applies=True, received=True), False),
    ],
)
def test_a_paper_is_missing_only_when_needed_and_not_received(paper, missing):
    assert missing_papers([paper]) == ([paper.name] if missing else [])


PAPERS = st.lists(
    st.builds(Paper, st.text(min_size=1, max_size=5), st.booleans(), st.sampled_from(["", "Khi x"]), st.booleans(),
              st.booleans()),
    unique_by=lambda p: p.name,
)  # fmt: skip


@given(PAPERS)
def test_receiving_every_paper_leaves_nothing_missing(papers):
    assert missing_papers([Paper(p.name, p.required, p.condition, p.applies, True) for p in papers]) == []


@given(PAPERS)
def test_an_optional_paper_or_one_whose_case_does_not_apply_is_never_missing(papers):
    missing = set(missing_papers(papers))
    for p in papers:
        if not p.required or (p.condition and not p.applies):
            assert p.name not in missing
