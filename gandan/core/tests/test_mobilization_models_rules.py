"""The life of a "dân vận khéo" model (``gandan.core.mobilization.models_rules``): every path through the
transitions, the review's score, the levels of recognition and the replication links. Tables for the rules a
reader checks by eye, hypothesis for the properties that must hold on every path."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.mobilization.models_rules import (
    CRITERIA,
    MAX_SCORE,
    PASS_SCORE,
    Action,
    Level,
    Status,
    TransitionError,
    allowed_actions,
    can_raise_level,
    can_replicate,
    higher_levels,
    is_ancestor,
    next_status,
    score_total,
)

# --- The transitions: a table, then every path ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, action, after",
    [
        (Status.REGISTERED, Action.START, Status.IMPLEMENTING),
        (Status.IMPLEMENTING, Action.REVIEW, Status.REVIEWED),
        (Status.REVIEWED, Action.REVIEW, Status.REVIEWED),
        (Status.REVIEWED, Action.RECOGNISE, Status.RECOGNISED),
        (Status.REVIEWED, Action.DECLINE, Status.IMPLEMENTING),
        (Status.RECOGNISED, Action.RECOGNISE, Status.RECOGNISED),
        (Status.REGISTERED, Action.WITHDRAW, Status.WITHDRAWN),
        (Status.IMPLEMENTING, Action.WITHDRAW, Status.WITHDRAWN),
        (Status.REVIEWED, Action.WITHDRAW, Status.WITHDRAWN),
    ],
)
def test_the_allowed_steps(status, action, after):
    assert next_status(status, action) is after


@pytest.mark.parametrize(
    "status, action",
    [
        (Status.REGISTERED, Action.REVIEW),  # scored before it has been tried
        (Status.REGISTERED, Action.RECOGNISE),
        (Status.IMPLEMENTING, Action.RECOGNISE),  # recognised without a review
        (
            Status.RECOGNISED,
            Action.WITHDRAW,
        ),  # a recognition is a decision: it is not withdrawn by the officer
        (Status.RECOGNISED, Action.DECLINE),
        (Status.WITHDRAWN, Action.START),
        (Status.WITHDRAWN, Action.WITHDRAW),
    ],
)
def test_the_refused_steps(status, action):
    with pytest.raises(TransitionError):
        next_status(status, action)


def test_an_unknown_status_or_action_is_refused_not_crashed():
    with pytest.raises(TransitionError):
        next_status("archived", Action.START)
    with pytest.raises(TransitionError):
        next_status(Status.REGISTERED, "publish")


ACTIONS = st.lists(st.sampled_from(list(Action)), max_size=30)


@given(ACTIONS)
def test_every_path_follows_the_table(actions):
    """Along any sequence of attempts, an action succeeds exactly when the state allows it; a withdrawn model never
    moves again; a recognised one never leaves recognition; recognition is only ever reached from a review."""
    status = Status.REGISTERED
    for action in actions:
        before = status
        if action in allowed_actions(status):
            status = next_status(status, action)
        else:
            with pytest.raises(TransitionError):
                next_status(status, action)
            continue
        if before is Status.WITHDRAWN:
            pytest.fail("a withdrawn model moved")
        if before is Status.RECOGNISED:
            assert status is Status.RECOGNISED
        if status is Status.RECOGNISED:
            assert before in (Status.REVIEWED, Status.RECOGNISED)
    assert status in Status


@given(ACTIONS)
def test_a_path_that_reaches_recognition_went_through_start_and_review(actions):
    status, seen = Status.REGISTERED, []
    for action in actions:
        if action in allowed_actions(status):
            status = next_status(status, action)
            seen.append(action)
    if status is Status.RECOGNISED:
        first = seen.index(Action.RECOGNISE)
        assert Action.START in seen[:first] and Action.REVIEW in seen[:first]


def test_every_state_is_reachable_and_withdrawn_is_the_only_dead_end():
    reached, frontier = {Status.REGISTERED}, [Status.REGISTERED]
    while frontier:
        status = frontier.pop()
        for action in allowed_actions(status):
            after = next_status(status, action)
            if after not in reached:
                reached.add(after)
                frontier.append(after)
    assert reached == set(Status)
    assert [s for s in Status if not allowed_actions(s)] == [Status.WITHDRAWN]


# --- The review's score ---------------------------------------------------------------------------------------------


def test_the_weights_make_a_hundred_and_the_pass_mark_is_inside():
    assert MAX_SCORE == 100
    assert 0 < PASS_SCORE <= MAX_SCORE
    assert len({c.key for c in CRITERIA}) == len(CRITERIA)


SCORES = st.fixed_dictionaries({c.key: st.integers(min_value=0, max_value=c.weight) for c in CRITERIA})


@given(SCORES)
def test_a_valid_review_totals_between_zero_and_the_maximum(scores):
    total = score_total(scores)
    assert total == sum(scores.values())
    assert 0 <= total <= MAX_SCORE


def test_full_marks_are_the_maximum_and_nothing_is_zero():
    assert score_total({c.key: c.weight for c in CRITERIA}) == MAX_SCORE
    assert score_total({c.key: 0 for c in CRITERIA}) == 0


@given(SCORES, st.sampled_from(CRITERIA), st.one_of(st.integers(max_value=-1), st.integers(min_value=101)))
def test_a_score_outside_its_criterion_s_range_is_refused(scores, criterion, wrong):
    if 0 <= wrong <= criterion.weight:
        return
    with pytest.raises(ValueError, match=criterion.key):
        score_total({**scores, criterion.key: wrong})


@given(SCORES, st.sampled_from(CRITERIA))
def test_a_score_above_the_weight_is_refused(scores, criterion):
    with pytest.raises(ValueError):
        score_total({**scores, criterion.key: criterion.weight + 1})


@given(SCORES, st.sampled_from(CRITERIA))
def test_a_missing_criterion_is_refused(scores, criterion):
    del scores[criterion.key]
    with pytest.raises(ValueError):
        score_total(scores)


@given(SCORES, st.text(min_size=1, max_size=12))
def test_an_unknown_criterion_is_refused(scores, key):
    if key in scores:
        return
    with pytest.raises(ValueError):
        score_total({**scores, key: 0})


@pytest.mark.parametrize("value", [True, 1.0, "5", None])
def test_a_score_must_be_a_whole_number(value):
    scores = {c.key: 0 for c in CRITERIA}
    scores[CRITERIA[0].key] = value
    with pytest.raises(ValueError):
        score_total(scores)


# --- Levels and replication ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "current, new, allowed",
    [
        (None, Level.GRASSROOTS, True),
        ("", Level.PROVINCE, True),
        (Level.GRASSROOTS, Level.COMMUNE, True),
        (Level.GRASSROOTS, Level.PROVINCE, True),
        (Level.COMMUNE, Level.PROVINCE, True),
        (Level.COMMUNE, Level.COMMUNE, False),
        (Level.COMMUNE, Level.GRASSROOTS, False),
        (Level.PROVINCE, Level.COMMUNE, False),
        (Level.PROVINCE, Level.PROVINCE, False),
    ],
)
def test_a_recognition_only_goes_up(current, new, allowed):
    assert can_raise_level(current, new) is allowed


@given(st.sampled_from(list(Level)), st.sampled_from(list(Level)))
def test_raising_is_a_strict_order(a, b):
    assert not (can_raise_level(a, b) and can_raise_level(b, a))
    assert can_raise_level(a, b) or can_raise_level(b, a) or a == b


def test_the_levels_left_to_reach():
    assert higher_levels(None) == [Level.GRASSROOTS, Level.COMMUNE, Level.PROVINCE]
    assert higher_levels(Level.COMMUNE) == [Level.PROVINCE]
    assert higher_levels(Level.PROVINCE) == []


@pytest.mark.parametrize("status", list(Status))
def test_only_a_recognised_model_is_replicated(status):
    assert can_replicate(status) is (status is Status.RECOGNISED)


# Any map of "copied from" links, cycles and dangling links included (the database forbids neither by itself).
PARENTS = st.dictionaries(
    st.integers(min_value=1, max_value=12),
    st.one_of(st.none(), st.integers(min_value=1, max_value=14)),
    max_size=12,
)
NODES = st.integers(min_value=1, max_value=14)


def _chain(of: int, parent_of: dict[int, int | None]) -> list[int]:
    chain: list[int] = []
    node: int | None = of
    while node is not None and node not in chain:
        chain.append(node)
        node = parent_of.get(node)
    return chain


@given(PARENTS, NODES, NODES)
def test_is_ancestor_ends_and_answers_along_the_chain_even_on_a_cycle(parent_of, candidate, of):
    assert is_ancestor(candidate, of, parent_of) is (candidate in _chain(of, parent_of))


@given(PARENTS, NODES)
def test_a_model_is_its_own_ancestor(parent_of, node):
    assert is_ancestor(node, node, parent_of)


@given(st.lists(st.integers(min_value=0, max_value=30), max_size=30), NODES, NODES)
def test_in_a_tree_two_models_are_never_each_other_s_ancestor(picks, a, b):
    """Links made as the services make them (a copy points to an older model) form a forest: no cycle."""
    parent_of: dict[int, int | None] = {1: None}
    for child, pick in enumerate(picks, start=2):
        parent_of[child] = (pick % (child - 1)) + 1 if pick else None
    if is_ancestor(a, b, parent_of) and is_ancestor(b, a, parent_of):
        assert a == b


@given(PARENTS, NODES, NODES)
def test_linking_is_refused_exactly_when_it_would_close_a_loop(parent_of, model, source):
    """The check the services run before pointing `model` at `source`: refused when `model` is `source` or one of
    its ancestors; otherwise the new link adds no cycle through `model`."""
    if is_ancestor(model, source, parent_of):
        return
    linked = {**parent_of, model: source}
    assert model not in _chain(source, linked)
