"""What the households decide and by what share (gandan.core.democracy.votes; DOMAIN.md §6.3): the yes votes a
matter needs are counted against every household of the village, never against those who came; 2/3 is exact in
integers; an online vote is lawful only for "other matters" once more than half of the households opted in; the rule
of the day is looked up by matter and date; and an impossible count is refused, never tallied."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gandan.core.democracy.votes import (
    LAW_10_IN_FORCE,
    RULES,
    Form,
    Matter,
    TallyProblem,
    Threshold,
    needed,
    online_allowed,
    quorum_reached,
    rule_for,
    tally,
    tally_choices,
    tally_problems,
)

households = st.integers(min_value=1, max_value=20_000)
thresholds = st.sampled_from(list(Threshold))
matters = st.sampled_from(list(Matter))
DAY = date(2026, 3, 2)


def _passes(yes: int, total: int, threshold: Threshold) -> bool:
    """The law's words, as exact fractions: at least two thirds, or more than half, of all households."""
    return 3 * yes >= 2 * total if threshold is Threshold.TWO_THIRDS else 2 * yes > total


@st.composite
def counts(draw, *, max_households: int = 5_000):
    """A possible count: households ≥ present ≥ yes + no + blank ≥ 0."""
    total = draw(st.integers(min_value=1, max_value=max_households))
    present = draw(st.integers(min_value=0, max_value=total))
    yes = draw(st.integers(min_value=0, max_value=present))
    no = draw(st.integers(min_value=0, max_value=present - yes))
    blank = draw(st.integers(min_value=0, max_value=present - yes - no))
    return total, present, yes, no, blank


# --- needed(): the least yes count that passes ---------------------------------------------------------------------


@given(households, thresholds)
def test_needed_is_the_least_yes_count_that_passes(total, threshold):
    need = needed(total, threshold)
    assert 1 <= need <= total
    assert _passes(need, total, threshold)
    assert not _passes(need - 1, total, threshold)


@given(households, thresholds)
def test_a_tally_with_needed_yes_passes_and_one_fewer_fails(total, threshold):
    rule = next(r for r in RULES if r.threshold is threshold)
    at = tally(rule, households=total, present=total, yes=needed(total, threshold))
    below = tally(rule, households=total, present=total, yes=needed(total, threshold) - 1)
    assert at.passed and at.short_by == 0
    assert not below.passed and below.short_by == 1


@pytest.mark.parametrize(
    "total, two_thirds, majority",
    [
        (1, 1, 1),
        (2, 2, 2),
        (3, 2, 2),
        (4, 3, 3),
        (5, 4, 3),
        (6, 4, 4),
        (99, 66, 50),
        (100, 67, 51),
        (120, 80, 61),  # the road contribution: 80 of 120, not 78
        (300, 200, 151),
        (301, 201, 151),
    ],
)
def test_needed_worked_by_hand(total, two_thirds, majority):
    assert needed(total, Threshold.TWO_THIRDS) == two_thirds
    assert needed(total, Threshold.MAJORITY) == majority


@given(st.integers(min_value=1, max_value=10**15))
def test_two_thirds_is_exact_for_huge_villages_no_float_rounding(total):
    need = needed(total, Threshold.TWO_THIRDS)
    assert 3 * need >= 2 * total > 3 * (need - 1)


@given(households)
def test_a_threshold_stored_as_its_code_counts_the_same(total):
    # a model field or an API parameter hands over "two_thirds", not the enum member
    assert needed(total, "two_thirds") == needed(total, Threshold.TWO_THIRDS)
    assert needed(total, "majority") == needed(total, Threshold.MAJORITY)


@pytest.mark.parametrize("total", [0, -1, -120])
def test_no_households_has_no_threshold(total):
    with pytest.raises(ValueError):
        needed(total, Threshold.MAJORITY)


# --- the result depends on all households, not on attendance -------------------------------------------------------


@given(counts(), matters, st.integers(min_value=0, max_value=5_000))
def test_adding_absent_households_never_turns_a_fail_into_a_pass(count, matter, more):
    total, present, yes, no, blank = count
    rule = rule_for(matter, DAY)
    before = tally(rule, households=total, present=present, yes=yes, no=no, blank=blank)
    after = tally(rule, households=total + more, present=present, yes=yes, no=no, blank=blank)
    assert after.needed >= before.needed
    if not before.passed:
        assert not after.passed
    assert after.absent == before.absent + more


@given(counts(), matters)
def test_the_result_is_yes_against_all_households_whatever_came(count, matter):
    total, present, yes, no, blank = count
    rule = rule_for(matter, DAY)
    result = tally(rule, households=total, present=present, yes=yes, no=no, blank=blank)
    assert result.passed == _passes(yes, total, rule.threshold)
    assert result.passed == (yes >= result.needed)
    assert result.short_by == max(0, result.needed - yes)
    assert (result.households, result.present, result.absent) == (total, present, total - present)
    # more households coming without saying yes changes nothing
    if present < total:
        more = tally(rule, households=total, present=present + 1, yes=yes, no=no + 1, blank=blank)
        assert more.passed == result.passed


@given(counts(), matters)
def test_majority_of_present_is_more_than_half_of_those_who_came(count, matter):
    total, present, yes, no, blank = count
    result = tally(rule_for(matter, DAY), households=total, present=present, yes=yes, no=no, blank=blank)
    assert result.majority_of_present == (present > 0 and 2 * yes > present)
    # passing against all households implies a majority of those present (for both thresholds)
    if result.passed:
        assert result.majority_of_present


def test_the_road_contribution_passes_among_those_present_and_fails_the_law():
    rule = rule_for(Matter.CONTRIBUTION, DAY)
    result = tally(rule, households=120, present=85, yes=78, no=5, blank=2)
    assert (result.passed, result.majority_of_present) == (False, True)
    assert (result.needed, result.short_by, result.absent) == (80, 2, 35)
    assert result.threshold is Threshold.TWO_THIRDS


def test_a_covenant_needs_more_than_half_of_all_households():
    rule = rule_for(Matter.COVENANT, DAY)
    assert not tally(rule, households=120, present=70, yes=60).passed  # exactly half is not more than half
    assert tally(rule, households=120, present=70, yes=61).passed


# --- tallies of single ballots --------------------------------------------------------------------------------------


@given(st.lists(st.sampled_from(["yes", "no", "blank"]), max_size=300), matters, st.integers(0, 300))
def test_tally_choices_is_the_tally_of_their_counts(choices, matter, extra):
    rule = rule_for(matter, DAY)
    total = max(1, len(choices) + extra)
    by_choice = tally_choices(choices, rule=rule, households=total)
    by_count = tally(
        rule,
        households=total,
        present=len(choices),
        yes=choices.count("yes"),
        no=choices.count("no"),
        blank=choices.count("blank"),
    )
    assert by_choice == by_count


@given(st.lists(st.sampled_from(["yes", "no", "blank"]), min_size=2, max_size=50))
def test_more_ballots_than_households_is_refused(choices):
    with pytest.raises(ValueError, match=TallyProblem.PRESENT_OVER_TOTAL):
        tally_choices(choices, rule=rule_for(Matter.OTHER, DAY), households=len(choices) - 1)


@pytest.mark.parametrize("choice", ["Yes", "có", "", "abstain"])
def test_an_unknown_choice_is_refused(choice):
    with pytest.raises(ValueError, match="unknown choice"):
        tally_choices(["yes", choice], rule=rule_for(Matter.OTHER, DAY), households=10)


# --- impossible counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "total, present, yes, no, blank, problems",
    [
        (0, 0, 0, 0, 0, [TallyProblem.NO_HOUSEHOLDS]),
        (10, -1, 0, 0, 0, [TallyProblem.NEGATIVE, TallyProblem.VOTES_OVER_PRESENT]),
        (10, 5, -1, 0, 0, [TallyProblem.NEGATIVE]),
        (10, 5, 0, -2, 0, [TallyProblem.NEGATIVE]),
        (10, 11, 3, 0, 0, [TallyProblem.PRESENT_OVER_TOTAL]),
        (10, 5, 4, 1, 1, [TallyProblem.VOTES_OVER_PRESENT]),
        (
            0,
            1,
            2,
            0,
            0,
            [TallyProblem.NO_HOUSEHOLDS, TallyProblem.PRESENT_OVER_TOTAL, TallyProblem.VOTES_OVER_PRESENT],
        ),
        (120, 85, 78, 5, 2, []),
    ],
)
def test_what_makes_a_count_impossible(total, present, yes, no, blank, problems):
    assert tally_problems(households=total, present=present, yes=yes, no=no, blank=blank) == problems
    rule = rule_for(Matter.OTHER, DAY)
    if problems:
        with pytest.raises(ValueError) as raised:
            tally(rule, households=total, present=present, yes=yes, no=no, blank=blank)
        assert all(p.value in str(raised.value) for p in problems)
    else:
        tally(rule, households=total, present=present, yes=yes, no=no, blank=blank)


@given(
    st.integers(-5, 50),
    st.integers(-5, 50),
    st.integers(-5, 50),
    st.integers(-5, 50),
    st.integers(-5, 50),
    matters,
)
def test_tally_refuses_exactly_the_impossible_counts(total, present, yes, no, blank, matter):
    possible = (
        total >= 1 and min(present, yes, no, blank) >= 0 and present <= total and yes + no + blank <= present
    )
    assert (tally_problems(households=total, present=present, yes=yes, no=no, blank=blank) == []) == possible
    rule = rule_for(matter, DAY)
    if possible:
        assert tally(rule, households=total, present=present, yes=yes, no=no, blank=blank).yes == yes
    else:
        with pytest.raises(ValueError):
            tally(rule, households=total, present=present, yes=yes, no=no, blank=blank)


# --- online votes and quorum ---------------------------------------------------------------------------------------


@given(matters, households, st.integers(min_value=0, max_value=20_000))
def test_online_only_for_other_matters_after_more_than_half_opted_in(matter, total, opted_in):
    assume(opted_in <= total)
    allowed = online_allowed(rule_for(matter, DAY), households=total, opted_in=opted_in)
    assert allowed == (matter is Matter.OTHER and 2 * opted_in > total)


@pytest.mark.parametrize(
    "total, opted_in, allowed",
    [(120, 60, False), (120, 61, True), (121, 60, False), (121, 61, True), (1, 1, True), (1, 0, False)],
)
def test_online_opt_in_worked_by_hand(total, opted_in, allowed):
    assert online_allowed(rule_for(Matter.OTHER, DAY), households=total, opted_in=opted_in) is allowed


@pytest.mark.parametrize("total, opted_in", [(120, 121), (120, 500), (120, -1), (0, 0), (0, 3)])
def test_an_impossible_opt_in_count_never_allows_an_online_vote(total, opted_in):
    assert not online_allowed(rule_for(Matter.OTHER, DAY), households=total, opted_in=opted_in)


def test_only_the_other_matters_list_the_online_form():
    assert [r.matter for r in RULES if Form.ONLINE in r.forms] == [Matter.OTHER]
    assert all(Form.MEETING in r.forms and Form.BALLOT in r.forms for r in RULES)
    assert {r.matter for r in RULES if r.meeting_first} == {
        Matter.COVENANT,
        Matter.VILLAGE_HEAD,
        Matter.BOARDS,
    }


@given(households, st.integers(min_value=0, max_value=20_000))
def test_quorum_is_more_than_half_of_all_households(total, present):
    assume(present <= total)
    assert quorum_reached(households=total, present=present) == (2 * present > total)


# --- rule_for: lookups and versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "matter, threshold",
    [
        (1, Threshold.TWO_THIRDS),
        (2, Threshold.TWO_THIRDS),
        (3, Threshold.MAJORITY),
        (4, Threshold.MAJORITY),
        (5, Threshold.MAJORITY),
        (6, Threshold.MAJORITY),
    ],
)
def test_each_matter_has_its_threshold_and_basis(matter, threshold):
    rule = rule_for(matter, DAY)
    assert rule.matter == matter and rule.threshold is threshold
    assert f"Điều 15 khoản {matter}" in rule.legal_basis and "10/2022/QH15" in rule.legal_basis


@pytest.mark.parametrize("matter", [0, 7, -1])
def test_a_matter_outside_art_15_is_refused(matter):
    with pytest.raises(ValueError):
        rule_for(matter, DAY)


def test_no_rule_before_the_law_took_effect():
    with pytest.raises(LookupError):
        rule_for(Matter.OTHER, date(2023, 6, 30))
    assert rule_for(Matter.OTHER, LAW_10_IN_FORCE).valid_from == LAW_10_IN_FORCE


def test_a_new_version_applies_from_its_first_day_and_the_old_one_until_its_last():
    old = replace(rule_for(Matter.CONTRIBUTION, DAY), valid_to=date(2026, 12, 31))
    new = replace(
        old, threshold=Threshold.MAJORITY, valid_from=date(2027, 1, 1), valid_to=None, legal_basis="new"
    )
    table = (old, new, *(r for r in RULES if r.matter != Matter.CONTRIBUTION))
    assert rule_for(1, date(2026, 12, 31), table) is old
    assert rule_for(1, date(2027, 1, 1), table) is new
    assert rule_for(6, date(2027, 1, 1), table).matter is Matter.OTHER


def test_overlapping_versions_are_an_error_not_a_guess():
    rule = rule_for(Matter.FUNDS, DAY)
    overlapping = (rule, replace(rule, valid_from=date(2026, 1, 1)))
    with pytest.raises(ValueError, match="overlap"):
        rule_for(Matter.FUNDS, DAY, overlapping)
    assert rule_for(Matter.FUNDS, date(2025, 6, 1), overlapping) is rule


def test_an_unknown_threshold_code_is_refused_not_read_as_a_majority():
    with pytest.raises(ValueError):
        needed(120, "three_quarters")
