"""Properties of the field reports' pure rules (gandan.core.fieldreports): the moves table, the Open311 status, the
public grid square, the nearest place, the extra questions' answers and the versioned timer rules."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core import fieldreports as fr

statuses = st.sampled_from(list(fr.Status))
actions = st.sampled_from(list(fr.Action))
lats = st.floats(min_value=-80, max_value=80, allow_nan=False, allow_infinity=False)
longs = st.floats(min_value=-179, max_value=179, allow_nan=False, allow_infinity=False)
points = st.builds(fr.Point, lats, longs)


@pytest.mark.parametrize(
    "action, target",
    [
        (fr.Action.ACKNOWLEDGE, fr.Status.INVESTIGATING),
        (fr.Action.START, fr.Status.IN_PROGRESS),
        (fr.Action.SCHEDULE, fr.Status.ACTION_SCHEDULED),
        (fr.Action.FIX, fr.Status.FIXED),
        (fr.Action.DUPLICATE, fr.Status.DUPLICATE),
        (fr.Action.NOT_RESPONSIBLE, fr.Status.NOT_RESPONSIBLE),
        (fr.Action.NO_FURTHER_ACTION, fr.Status.NO_FURTHER_ACTION),
        (fr.Action.TO_PETITION, fr.Status.TO_PETITION),
        (fr.Action.REOPEN, fr.Status.INVESTIGATING),
    ],
)
def test_each_action_leads_to_its_state(action, target):
    for status in fr.Status:
        if fr.can_move(status, action):
            assert fr.move_target(status, action) is target


@given(statuses, actions)
def test_a_move_is_allowed_exactly_when_it_is_listed(status, action):
    assert fr.can_move(status, action) == (action in fr.allowed_actions(status))
    if not fr.can_move(status, action):
        with pytest.raises(ValueError):
            fr.move_target(status, action)


@given(statuses)
def test_only_open_reports_close_and_only_some_closed_ones_reopen(status):
    allowed = fr.allowed_actions(status)
    if status in fr.OPEN_STATES:
        assert fr.Action.FIX in allowed and fr.Action.REOPEN not in allowed
    else:
        assert allowed in ([], [fr.Action.REOPEN])
        assert (allowed == [fr.Action.REOPEN]) == (
            status in {fr.Status.FIXED, fr.Status.NO_FURTHER_ACTION, fr.Status.NOT_RESPONSIBLE}
        )


@given(statuses)
def test_open311_says_closed_exactly_for_the_closed_states(status):
    assert (fr.open311_status(status) == "closed") == (status not in fr.OPEN_STATES)
    assert fr.EXTERNAL_STATUS[status]


@given(points, st.sampled_from([0.001, fr.PUBLIC_GRID, 0.01]))
def test_the_public_square_is_near_the_point_and_stable(point, grid):
    square = fr.approximate(point, grid=grid)
    tolerance = grid / 2 + 1e-6
    assert abs(square.lat - point.lat) <= tolerance and abs(square.long - point.long) <= tolerance
    assert fr.approximate(square, grid=grid) == square


@given(points, st.lists(points, min_size=1, max_size=12), st.floats(min_value=1, max_value=20_000_000))
def test_the_nearest_place_is_the_closest_one_within_reach(point, spots, within):
    places = [fr.Place(key=i, commune_key=0, point=p) for i, p in enumerate(spots)]
    found = fr.nearest_place(point, places, within_m=within)
    closest = min(fr.distance_m(point, p) for p in spots)
    if found is None:
        assert closest > within
    else:
        assert fr.distance_m(point, found.point) == pytest.approx(closest, abs=1e-6)
        assert closest <= within


QUESTIONS = [
    fr.Question("muc_do", fr.Datatype.SINGLE, required=True, values=("nho", "lon")),
    fr.Question("loai", fr.Datatype.MULTI, required=False, values=("a", "b", "c")),
    fr.Question("so", fr.Datatype.NUMBER, required=False),
    fr.Question("ghi_chu", fr.Datatype.STRING, required=False),
    fr.Question("thong_tin", fr.Datatype.TEXT, required=False, variable=False),
]
codes = st.sampled_from(["muc_do", "loai", "so", "ghi_chu", "thong_tin", "la", "x-y", "MUC_DO"])
values = st.lists(st.text(max_size=8), max_size=3)


@given(st.dictionaries(codes, values, max_size=6))
def test_no_unknown_or_informational_answer_is_ever_kept(given_answers):
    kept, problems = fr.check_answers(QUESTIONS, given_answers)
    asked = {q.code for q in QUESTIONS if q.variable}
    assert set(kept) <= asked
    assert not set(kept) & set(problems)
    for code, answer in given_answers.items():
        if code not in asked and any(v.strip() for v in answer):
            assert problems[code] is fr.AttributeProblem.UNKNOWN
    if "muc_do" in kept:
        assert kept["muc_do"] in ("nho", "lon")
    if "loai" in kept:
        assert set(kept["loai"]) <= {"a", "b", "c"}


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
rule_lists = st.lists(
    st.builds(fr.TimerRule, valid_from=days, days=st.integers(1, 90)),
    max_size=8,
    unique_by=lambda r: r.valid_from,
)


@given(rule_lists, days)
def test_the_rule_in_force_is_the_latest_already_valid(rules, day):
    chosen = fr.rule_in_force(rules, day)
    valid = [r for r in rules if r.valid_from <= day]
    if not valid:
        assert chosen is None
    else:
        assert chosen in valid and all(r.valid_from <= chosen.valid_from for r in valid)


def test_a_number_answer_too_large_to_write_is_refused_not_a_crash():
    question = fr.Question(code="do_sau", datatype=fr.Datatype.NUMBER, required=False)
    for huge in ("1e1000000", "1e999999", "9" * 31, "-1E+20"):
        kept, problems = fr.check_answers([question], {"do_sau": [huge]})
        assert problems == {"do_sau": fr.AttributeProblem.NOT_NUMBER} and kept == {}
    kept, problems = fr.check_answers([question], {"do_sau": ["2,5"]})
    assert kept == {"do_sau": "2.5"} and not problems


def test_fixmystreet_sends_its_own_id_as_an_attribute_and_it_is_kept():
    kept, problems = fr.check_answers([], {"fixmystreet_id": ["4471"], "other": ["x"]})
    assert kept == {"fixmystreet_id": "4471"}
    assert problems == {"other": fr.AttributeProblem.UNKNOWN}
