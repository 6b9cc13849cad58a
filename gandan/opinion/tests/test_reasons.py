"""Why an alert was raised, in words (opinion/reasons.py): Vietnamese figures and sentences, and whatever the engine
stores that the page does not know is left out rather than shown as code."""

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from gandan.opinion.reasons import decimal, reason_sentences


@pytest.mark.parametrize(
    "value, shown", [(0.4, "0,4"), (7, "7"), (7.0, "7"), (1234.5, "1.234,5"), (0.04, "0"), (2.25, "2,2")]
)
def test_figures_are_written_the_vietnamese_way(value, shown):
    assert decimal(value) == shown


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_a_figure_never_shows_a_decimal_point_or_more_than_one_decimal(value):
    shown = decimal(value)
    whole, _comma, tenth = shown.partition(",")
    assert len(tenth) <= 1
    assert all(part.isdigit() and len(part) <= 3 for part in whole.split(".")[1:])


@given(st.lists(st.one_of(st.none(), st.integers(), st.text(), st.dictionaries(st.text(), st.integers()))))
def test_any_reasons_the_engine_stores_are_read_without_failing(reasons):
    assert all(isinstance(s, str) and s for s in reason_sentences(reasons))


def test_unknown_or_malformed_reasons_are_left_out():
    with override("vi"):
        assert reason_sentences([{"code": "moon"}, "burst", {"code": "urgency"}]) == [
            "có lời lẽ bức xúc, khẩn cấp"
        ]
        assert reason_sentences({"code": "urgency"}) == []
        assert reason_sentences([{"code": "burst", "observed": 5, "expected": 1.25}]) == [
            "5 ý kiến, bình thường 1,2"
        ]


def test_every_sign_the_engine_gives_is_said_in_words():
    """Each reason code the engine writes (gandan/opinion/engine/bursts.py) has its sentence: a slow rise's alert
    showed an empty "Lý do" in the alerts list."""
    import re
    from pathlib import Path

    import gandan.opinion.engine.bursts as bursts

    codes = set(re.findall(r'"code": "(\w+)"', Path(bursts.__file__).read_text(encoding="utf-8")))
    assert {"burst", "rise", "villages", "crowd"} <= codes
    for code in codes:
        assert reason_sentences([{"code": code}]), code
    with override("vi"):
        assert reason_sentences([{"code": "rise", "weeks": [2, 3, 5]}]) == [
            "tăng dần qua các tuần (2, 3, 5 ý kiến mỗi tuần)"
        ]
