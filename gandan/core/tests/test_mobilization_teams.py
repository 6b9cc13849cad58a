"""What a tổ dân vận lacks, read from its members' roles: the coverage view flags it to the officer."""

from hypothesis import given
from hypothesis import strategies as st

from gandan.core.mobilization.teams import KEY_ROLES, SINGLE_ROLES, TeamRole, team_gaps

ROLES = st.sampled_from(list(TeamRole))
MEMBERS = st.lists(st.lists(ROLES, min_size=1, max_size=3), max_size=12)


def test_a_full_team_lacks_nothing():
    gap = team_gaps([["leader", "cell_secretary"], ["village_head"], ["front_head"], ["women"], ["member"]])
    assert gap.ok
    assert gap.missing == () and gap.doubled == ()


def test_a_team_without_a_leader_is_flagged():
    gap = team_gaps([["village_head"], ["front_head"], ["farmers"]])
    assert gap.missing == (TeamRole.LEADER,)
    assert not gap.ok


def test_an_empty_team_misses_every_key_role():
    assert team_gaps([]).missing == KEY_ROLES


def test_two_leaders_are_flagged_but_two_plain_members_are_not():
    gap = team_gaps([["leader"], ["leader", "village_head"], ["front_head"], ["member"], ["member"]])
    assert gap.doubled == (TeamRole.LEADER,)
    assert gap.missing == ()


def test_one_person_with_a_role_written_twice_holds_it_once():
    assert team_gaps([["leader", "leader"], ["village_head"], ["front_head"]]).ok


@given(MEMBERS)
def test_a_key_role_is_missing_exactly_when_no_member_holds_it(members):
    gap = team_gaps(members)
    held = {role for roles in members for role in roles}
    assert set(gap.missing) == {r for r in KEY_ROLES if r not in held}


@given(MEMBERS)
def test_a_role_is_doubled_exactly_when_two_people_hold_a_single_role(members):
    gap = team_gaps(members)
    for role in TeamRole:
        holders = sum(1 for roles in members if role in roles)
        assert (role in gap.doubled) == (role in SINGLE_ROLES and holders > 1)
