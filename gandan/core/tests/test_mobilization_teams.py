"""The team rules (gandan.core.mobilization.teams): what a team lacks, and reading the roles an officer writes in a
spreadsheet."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.mobilization.teams import (
    KEY_ROLES,
    SINGLE_ROLES,
    TeamRole,
    gaps_from_holders,
    parse_roles,
    role_from_text,
    roles_in_order,
    team_gaps,
)

L, CS, VH, FH, M = (TeamRole.LEADER, TeamRole.CELL_SECRETARY, TeamRole.VILLAGE_HEAD, TeamRole.FRONT_HEAD,
                    TeamRole.MEMBER)  # fmt: skip


@pytest.mark.parametrize(
    "members, missing, doubled",
    [
        ([[L, CS], [VH], [FH]], (), ()),
        ([[CS], [VH], [FH]], (L,), ()),
        ([[L], [VH], [VH]], (FH,), (VH,)),
        ([], KEY_ROLES, ()),
        ([[M], [M], [TeamRole.DEPUTY], [TeamRole.DEPUTY]], KEY_ROLES, ()),  # members and deputies repeat
        ([[L, L], [VH], [FH]], (), ()),  # one person listing a role twice holds it once
    ],
)
def test_what_a_team_lacks(members, missing, doubled):
    gap = team_gaps(members)
    assert (gap.missing, gap.doubled) == (missing, doubled)
    assert gap.ok == (not missing and not doubled)


@given(st.lists(st.lists(st.sampled_from(list(TeamRole)), max_size=4), max_size=12))
def test_a_gap_is_a_key_role_nobody_holds_or_a_single_role_two_people_hold(members):
    gap = team_gaps(members)
    for role in KEY_ROLES:
        assert (role in gap.missing) == (not any(role in roles for roles in members))
    for role in TeamRole:
        holders = sum(1 for roles in members if role in roles)
        assert (role in gap.doubled) == (role in SINGLE_ROLES and holders > 1)


@pytest.mark.parametrize(
    "text, roles, unknown",
    [
        ("Tổ trưởng, Bí thư chi bộ", [L, CS], []),
        ("bi thu chi bo; to truong", [L, CS], []),
        ("Trưởng thôn", [VH], []),
        ("Tổ trưởng tổ dân phố", [VH], []),  # a residential group's head, not the team's leader
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", [FH], []),
        ("Chi hội trưởng phụ nữ + Thành viên", [TeamRole.WOMEN, M], []),
        ("Công an viên / Bí thư chi đoàn", [TeamRole.YOUTH, TeamRole.POLICE], []),
        ("leader, village_head", [L, VH], []),
        ("Tổ trưởng, Chủ tịch xã", [L], ["Chủ tịch xã"]),
        ("", [], []),
        (" , ; ", [], []),
    ],
)
def test_roles_are_read_as_officers_write_them(text, roles, unknown):
    assert parse_roles(text) == (roles, unknown)


def test_the_pages_labels_are_read_too():
    assert role_from_text("Team leader", {"team leader": L}) == L
    assert role_from_text("Team leader") is None


@given(st.lists(st.sampled_from(list(TeamRole)), max_size=20))
def test_roles_are_kept_once_in_one_order(roles):
    ordered = roles_in_order(roles)
    assert set(ordered) == set(roles) and len(ordered) == len(set(roles))
    assert ordered == sorted(ordered, key=list(TeamRole).index)
    assert parse_roles(", ".join(reversed(roles))) == (ordered, [])


@given(st.lists(st.lists(st.sampled_from(list(TeamRole)), max_size=4), max_size=12))
def test_counting_the_holders_of_each_role_gives_the_same_gaps(members):
    holders = {role: sum(1 for roles in members if role in roles) for role in TeamRole}
    assert gaps_from_holders(holders) == team_gaps(members)
    assert gaps_from_holders({r: n for r, n in holders.items() if n}) == team_gaps(members)
