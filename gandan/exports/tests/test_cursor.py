"""The cursor reads back as the position it was made from, and nothing else reads at all: a changed character, a cut,
another kind's cursor or random text is refused with the API's 400 (BadParameter), never a 500."""

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.exports.cursor import Position, cursor_make, cursor_read
from gandan.kit.params import BadParameter

positions = st.builds(
    Position,
    at=st.none()
    | st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
    ),
    id=st.integers(0, 2**31 - 1),
)
kinds = st.sampled_from(["dossiers", "petitions", "reception"])


@given(kinds, positions)
def test_a_cursor_reads_back_as_its_position(kind, position):
    assert cursor_read(kind, cursor_make(kind, position)) == position


@given(kinds, positions, st.data())
def test_a_changed_or_cut_cursor_is_refused(kind, position, data):
    cursor = cursor_make(kind, position)
    i = data.draw(st.integers(0, len(cursor) - 1))
    replacement = data.draw(st.characters(codec="ascii").filter(lambda c: c != cursor[i]))
    for bad in (cursor[:i] + replacement + cursor[i + 1 :], cursor[:i]):
        with pytest.raises(BadParameter):
            cursor_read(kind, bad)


@given(kinds, kinds, positions)
def test_a_cursor_of_another_kind_is_refused(kind, other, position):
    if kind != other:
        with pytest.raises(BadParameter):
            cursor_read(other, cursor_make(kind, position))


@given(st.text(max_size=500))
def test_any_text_is_a_cursor_or_a_clear_refusal(text):
    with contextlib.suppress(BadParameter):
        cursor_read("dossiers", text)
