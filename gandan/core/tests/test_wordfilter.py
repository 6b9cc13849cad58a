"""Forbidden words and links in a reader's opinion (gandan.core.wordfilter): caught however they are spelt, never
inside another word."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.vntext import normalize
from gandan.core.wordfilter import forbidden_found, link_count, phrase_key

KEYS = [phrase_key("đồ ngu"), phrase_key("đ.m"), phrase_key("mất dạy")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Đồ ngu!", "do ngu"),
        ("do ngu", "do ngu"),
        ("ĐỒ   NGU", "do ngu"),
        ("đồ.ngu", "do ngu"),
        ("Thằng MAT DAY", "mat day"),
        ("dm", "d m"),
        ("Đ.M", "d m"),
        ("Nguyễn Văn Ngu đồ đạc", None),  # the words are there, not side by side
        ("nguyên đồ nguồn", None),  # "ngu" only begins "nguồn"
        ("", None),
    ],
)
def test_a_forbidden_phrase_is_found_however_it_is_spelt(text, found):
    assert forbidden_found(text, KEYS) == found


def test_an_empty_list_refuses_nothing():
    assert forbidden_found("đồ ngu", []) is None


@pytest.mark.parametrize(
    "text, n",
    [
        ("Không có liên kết, giá 1.500.000 đồng.", 0),
        ("Xem http://a.example", 1),
        ("www.b.vn và https://c.org/x", 2),
        ("bit.ly/abc, abc.com.vn, xyz.top", 3),
    ],
)
def test_links_are_counted(text, n):
    assert link_count(text) == n


words = st.lists(st.sampled_from(["đồ", "ngu", "nhà", "văn", "hóa", "đẹp", "quá"]), min_size=1, max_size=12)


@given(words, st.sampled_from([str.upper, str.lower, str.title]))
def test_case_and_diacritics_never_change_the_answer(text_words, case):
    text = " ".join(text_words)
    assert forbidden_found(case(text), KEYS) == forbidden_found(text, KEYS)
    assert forbidden_found(normalize(text), KEYS) == forbidden_found(text, KEYS)


@given(words)
def test_a_text_holding_the_phrase_side_by_side_is_always_caught(text_words):
    assert forbidden_found(" ".join([*text_words, "đồ", "ngu", *text_words]), KEYS) == "do ngu"
