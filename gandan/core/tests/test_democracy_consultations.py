"""Where a consultation stands on a day (gandan.core.democracy.consultations): the window's first and last days
both take comments, officials keep typing in slips after the last day, and the summary is published only once the
window is over, every opinion considered and the summary written."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.consultations import (
    Phase,
    PublishProblem,
    WindowProblem,
    phase,
    publish_problems,
    takes_citizen_comments,
    takes_entered_comments,
    window_problems,
)

OPENS, CLOSES = date(2026, 3, 2), date(2026, 3, 31)


@pytest.mark.parametrize(
    "status, today, expected",
    [
        ("draft", date(2026, 3, 10), Phase.DRAFT),
        ("open", date(2026, 3, 1), Phase.ANNOUNCED),
        ("open", OPENS, Phase.OPEN),  # the first day takes comments
        ("open", CLOSES, Phase.OPEN),  # and so does the last
        ("open", date(2026, 4, 1), Phase.CLOSED),
        ("closed", date(2026, 3, 10), Phase.CLOSED),
        ("published", date(2026, 3, 10), Phase.PUBLISHED),
    ],
)
def test_the_phase_of_a_consultation_on_a_day(status, today, expected):
    assert phase(status, opens=OPENS, closes=CLOSES, today=today) is expected


def test_citizens_comment_only_while_open_officials_also_after_the_last_day():
    assert [p for p in Phase if takes_citizen_comments(p)] == [Phase.OPEN]
    assert {p for p in Phase if takes_entered_comments(p)} == {Phase.OPEN, Phase.CLOSED}


def test_a_window_closing_before_it_opens_is_refused():
    assert window_problems(opens=OPENS, closes=OPENS - timedelta(days=1), today=OPENS) == [
        WindowProblem.CLOSES_BEFORE_OPENS
    ]
    assert window_problems(opens=OPENS, closes=OPENS, today=OPENS) == []  # one day is a window


def test_a_window_already_over_cannot_be_opened_but_may_be_kept_as_a_draft():
    late = date(2026, 4, 2)
    assert window_problems(opens=OPENS, closes=CLOSES, today=late) == []
    assert window_problems(opens=OPENS, closes=CLOSES, today=late, opening=True) == [
        WindowProblem.ALREADY_OVER
    ]


def test_every_reason_not_to_publish_is_given_at_once():
    assert publish_problems(Phase.OPEN, pending=2, summary=" ") == [
        PublishProblem.NOT_OVER,
        PublishProblem.PENDING,
        PublishProblem.NO_SUMMARY,
    ]
    assert publish_problems(Phase.CLOSED, pending=0, summary="Tổng hợp ý kiến") == []


@given(
    opens=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    length=st.integers(0, 90),
    offset=st.integers(-100, 200),
)
def test_an_opened_consultation_is_open_exactly_within_its_window(opens, length, offset):
    closes = opens + timedelta(days=length)
    today = opens + timedelta(days=offset)
    p = phase("open", opens=opens, closes=closes, today=today)
    assert (p is Phase.OPEN) == (opens <= today <= closes)
    assert (p is Phase.CLOSED) == (today > closes)
