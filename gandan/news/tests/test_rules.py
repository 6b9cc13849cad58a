"""The article's life as a table: who may take which step from which state, and the scheduled time's check."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.accounts.rules import Perm
from gandan.news import rules
from gandan.news.rules import ArticleAction as A
from gandan.news.rules import ArticleStatus as S

WRITER = frozenset({Perm.NEWS_WRITE})
PUBLISHER = frozenset({Perm.NEWS_WRITE, Perm.NEWS_PUBLISH})
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

statuses = st.sampled_from(list(S))
actions = st.sampled_from(list(A))
perm_sets = st.sampled_from([frozenset(), WRITER, PUBLISHER, frozenset({Perm.NEWS_PUBLISH})])


@pytest.mark.parametrize(
    ("status", "action", "perms", "allowed", "target"),
    [
        (S.DRAFT, A.EDIT, WRITER, True, S.DRAFT),
        (S.DRAFT, A.SUBMIT, WRITER, True, S.REVIEW),
        (S.DRAFT, A.PUBLISH, PUBLISHER, False, None),  # every article goes through review
        (S.REVIEW, A.EDIT, WRITER, False, S.REVIEW),  # the writer waits or is sent back
        (S.REVIEW, A.EDIT, PUBLISHER, True, S.REVIEW),
        (S.REVIEW, A.PUBLISH, WRITER, False, S.PUBLISHED),
        (S.REVIEW, A.PUBLISH, PUBLISHER, True, S.PUBLISHED),
        (S.REVIEW, A.SEND_BACK, PUBLISHER, True, S.DRAFT),
        (S.PUBLISHED, A.EDIT, WRITER, False, S.PUBLISHED),
        (S.PUBLISHED, A.EDIT, PUBLISHER, True, S.PUBLISHED),
        (S.PUBLISHED, A.WITHDRAW, WRITER, False, S.WITHDRAWN),
        (S.PUBLISHED, A.WITHDRAW, PUBLISHER, True, S.WITHDRAWN),
        (S.WITHDRAWN, A.REDRAFT, WRITER, True, S.DRAFT),
        (S.WITHDRAWN, A.PUBLISH, PUBLISHER, False, None),
        (S.WITHDRAWN, A.EDIT, PUBLISHER, False, None),
    ],
)
def test_the_table_says_who_may_take_each_step(status, action, perms, allowed, target):
    assert rules.may_act(status, action, perms) is allowed
    assert rules.next_status(status, action) == target


@given(statuses, actions, perm_sets)
def test_only_a_publisher_ever_brings_an_article_onto_the_portal(status, action, perms):
    if rules.may_act(status, action, perms) and rules.next_status(status, action) == S.PUBLISHED:
        assert Perm.NEWS_PUBLISH in perms


@given(statuses, actions, perm_sets)
def test_a_step_allowed_always_leads_somewhere_and_only_to_a_known_state(status, action, perms):
    if rules.may_act(status, action, perms):
        assert rules.next_status(status, action) in set(S)
    assert set(rules.allowed_actions(status, perms)) == {a for a in A if rules.may_act(status, a, perms)}


@given(statuses, perm_sets)
def test_a_writer_without_publishing_rights_edits_only_drafts(status, perms):
    if Perm.NEWS_PUBLISH not in perms and rules.may_act(status, A.EDIT, perms):
        assert status == S.DRAFT


@given(st.sampled_from([S.REVIEW, S.PUBLISHED, S.WITHDRAWN]))
def test_every_state_leads_back_to_a_draft_in_at_most_two_steps(status):
    reached = {status}
    for _ in range(2):
        reached |= {t for s in reached for a in A if (t := rules.next_status(s, a)) is not None}
    assert S.DRAFT in reached


@given(st.integers(min_value=-10_000_000, max_value=10_000_000))
def test_a_scheduled_time_must_be_in_the_future(seconds):
    at = NOW + dt.timedelta(seconds=seconds)
    assert rules.publish_time_problem(at, NOW) is (seconds <= 0)
    assert rules.publish_time_problem(None, NOW) is False
    assert rules.is_visible(S.PUBLISHED, at, NOW) is (seconds <= 0)
    assert rules.is_visible(S.REVIEW, at, NOW) is False
