"""A tổ dân vận and its members (DOMAIN.md §7.2): one team per village or residential group, chaired by the party
cell secretary, with the village head, the Front's head, the heads of the women's, farmers', veterans' and youth
unions and often the village police officer. A person holds one or more of these roles in a team and is counted
once. The key roles a team must have are the leader, the village head and the Front's head [U: local practice]."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["KEY_ROLES", "TeamGap", "TeamRole", "team_gaps"]


class TeamRole(StrEnum):
    LEADER = "leader"  # tổ trưởng: usually the party cell secretary
    DEPUTY = "deputy"
    CELL_SECRETARY = "cell_secretary"
    VILLAGE_HEAD = "village_head"
    FRONT_HEAD = "front_head"
    WOMEN = "women"
    FARMERS = "farmers"
    VETERANS = "veterans"
    YOUTH = "youth"
    POLICE = "police"
    MEMBER = "member"


KEY_ROLES: tuple[TeamRole, ...] = (TeamRole.LEADER, TeamRole.VILLAGE_HEAD, TeamRole.FRONT_HEAD)
# Roles one person at most holds in a team (a team has one leader, one village head …); "member" and "deputy" repeat.
SINGLE_ROLES = frozenset(TeamRole) - {TeamRole.MEMBER, TeamRole.DEPUTY}


@dataclass(frozen=True)
class TeamGap:
    missing: tuple[TeamRole, ...]  # key roles nobody holds
    doubled: tuple[TeamRole, ...]  # single roles held by two people or more

    @property
    def ok(self) -> bool:
        return not self.missing and not self.doubled


def team_gaps(roles_of_members: Iterable[Iterable[str]]) -> TeamGap:
    """What a team lacks, from the roles of its current members (one iterable of role codes per person)."""
    held: dict[str, int] = {}
    for roles in roles_of_members:
        for role in set(roles):
            held[role] = held.get(role, 0) + 1
    missing = tuple(r for r in KEY_ROLES if not held.get(r))
    doubled = tuple(r for r in TeamRole if r in SINGLE_ROLES and held.get(r, 0) > 1)
    return TeamGap(missing, doubled)
