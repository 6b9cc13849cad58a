"""The pure rules: which action each state allows, when questions are open, the lookup code and how an asker is named
in public."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.commitments import is_overdue
from gandan.dialogues.rules import (
    CODE_ALPHABET,
    DialogueAction,
    QuestionAction,
    clean_question_code,
    dialogue_allows,
    name_initials,
    new_question_code,
    question_allows,
    questions_open,
)

START = dt.datetime(2026, 6, 10, 8, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "status, action, allowed",
    [
        ("planned", DialogueAction.HOLD, True),
        ("planned", DialogueAction.CLOSE, False),
        ("held", DialogueAction.CLOSE, True),
        ("held", DialogueAction.CANCEL, False),
        ("closed", DialogueAction.EDIT, False),
        ("closed", DialogueAction.ADD_COMMITMENT, True),
        ("cancelled", DialogueAction.ENTER_QUESTION, False),
        ("cancelled", DialogueAction.ADD_COMMITMENT, False),
    ],
)
def test_a_dialogue_allows_what_its_state_permits(status, action, allowed):
    assert dialogue_allows(status, action) is allowed


@pytest.mark.parametrize(
    "status, dialogue, action, allowed",
    [
        ("received", "planned", QuestionAction.ANSWER, True),
        ("answered", "closed", QuestionAction.ANSWER, True),  # an answer may be corrected
        ("answered", "held", QuestionAction.SET_ASIDE, False),
        ("set_aside", "held", QuestionAction.ANSWER, False),
        ("assigned", "cancelled", QuestionAction.ANSWER, False),
    ],
)
def test_a_question_allows_what_its_state_permits(status, dialogue, action, allowed):
    assert question_allows(status, action, dialogue_status=dialogue) is allowed


def test_questions_are_open_until_the_deadline_or_else_the_start():
    until = START - dt.timedelta(days=2)
    assert questions_open(status="planned", starts_at=START, questions_until=until, now=until)
    assert not questions_open(
        status="planned", starts_at=START, questions_until=until, now=until + dt.timedelta(seconds=1)
    )
    assert questions_open(status="planned", starts_at=START, questions_until=None, now=START)
    assert not questions_open(
        status="held", starts_at=START, questions_until=None, now=START - dt.timedelta(days=9)
    )


@given(st.integers(min_value=0, max_value=10_000))
def test_a_new_code_is_read_back_however_it_is_typed(_seed):
    code = new_question_code()
    assert clean_question_code(code) == code
    assert clean_question_code(code.lower().replace("-", " ")) == code
    assert clean_question_code(code.replace("-", "")[2:]) == code  # without the prefix
    assert set(code.replace("CH-", "").replace("-", "")) <= set(CODE_ALPHABET)


@pytest.mark.parametrize("typed", ["", "CH-0000-0000", "CH-ABCD", "DT-08848-26-00001", "CH-ABCD-EFGH-IJKL"])
def test_what_cannot_be_a_code_is_refused(typed):
    assert clean_question_code(typed) == ""


@pytest.mark.parametrize(
    "name, shown",
    [("Nguyễn Văn An", "N.V.A."), ("  đỗ   thị lan ", "Đ.T.L."), ("", ""), ("Ông 3 Lâm", "Ô.L.")],
)
def test_an_asker_is_named_by_initials(name, shown):
    assert name_initials(name) == shown


def test_overdue_means_not_finished_and_past_due():
    due = dt.date(2026, 7, 1)
    assert is_overdue(state="in_progress", due=due, today=dt.date(2026, 7, 2))
    assert not is_overdue(state="in_progress", due=due, today=due)
    assert not is_overdue(state="done", due=due, today=dt.date(2027, 1, 1))
    assert not is_overdue(state="cancelled", due=due, today=dt.date(2027, 1, 1))
