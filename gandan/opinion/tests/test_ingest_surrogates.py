"""A JSON line may write half of a UTF-16 surrogate pair as an escape ("\\ud800"): such a string is no text and
the line is refused with what to fix. Only such an escape gives one, so the strings of a line without it are not
looked at one by one (the import's first pass reads every line of a file of a hundred thousand)."""

import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gandan.opinion.services import ingest
from gandan.opinion.services.places import PlaceResolver

pytestmark = pytest.mark.django_db

pieces = st.one_of(
    st.text(max_size=6),
    st.integers(0xD800, 0xDFFF).map(chr),  # half of a pair
    st.sampled_from(["\\ud800", "\\", "\\u", "sạt lở", "\U0001f600", "😀", "\ud83d\ude00"]),
)


def _surrogate(text: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in text)


_RESOLVERS: list[PlaceResolver] = []


def _resolver() -> PlaceResolver:
    """One resolver for the examples of a test (it reads the unit tree once: 0.4 s an example otherwise)."""
    if not _RESOLVERS:
        _RESOLVERS.append(PlaceResolver())
    return _RESOLVERS[0]


@given(st.lists(pieces, max_size=6).map("".join), st.booleans())
@example("sạt \ud800 lở", True)
@example("\\ud800 là chữ, không phải nửa cặp", False)
@example("😀 mặt cười", True)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_line_is_refused_for_half_a_surrogate_pair_and_only_for_that(text, escaped):
    escaped = escaped or _surrogate(text)  # unescaped, such a line cannot be written in UTF-8 at all
    line = json.dumps(
        {"id": "a", "text": text, "place": "Thôn Hoành Sơn, xã Yên Lãng", "at": "2026-09-01T08:00:00+07:00",
         "source": "hotline", "k" + text[:3]: 1},
        ensure_ascii=escaped,
    )  # fmt: skip
    _row, problems = ingest._parse(1, line, _resolver(), timezone.now(), check_text=False)
    refused = any("UTF-16" in problem for problem in problems)

    # (A pair written as two escapes is one character once read: only a half left alone is refused.)
    read = json.loads(line)
    assert refused == any(_surrogate(k) or (isinstance(v, str) and _surrogate(v)) for k, v in read.items())


@pytest.mark.parametrize(
    "escaped",
    ['"text": "sạt lở \\uDC80 đường"', '"text": "sạt lở đường", "ghi \\uD83D chú": 1', '"text": "\\udBFF"'],
    ids=["value-upper-case", "key", "mixed-case"],
)
def test_an_escape_in_capitals_or_in_a_key_is_refused_too(escaped):
    """JSON allows \\uDC80 as well as \\udc80, and an escape in a key; `json.dumps` above writes neither."""
    line = (
        f'{{"id": "a", {escaped}, "place": "Thôn Hoành Sơn, xã Yên Lãng", "at": "2026-09-01T08:00:00+07:00", '
        '"source": "hotline"}'
    )
    _row, problems = ingest._parse(1, line, PlaceResolver(), timezone.now(), check_text=False)

    assert any("UTF-16" in problem for problem in problems), problems
