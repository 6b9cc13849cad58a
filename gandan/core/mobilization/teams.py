"""A tổ dân vận and its members (DOMAIN.md §7.2): one team per village or residential group, chaired by the party
cell secretary, with the village head, the Front's head, the heads of the women's, farmers', veterans' and youth
unions and often the village police officer. A person holds one or more of these roles in a team and is counted
once. The key roles a team must have are the leader, the village head and the Front's head [U: local practice]."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gandan.core.vntext import fold

__all__ = [
    "KEY_ROLES",
    "ROLE_ALIASES",
    "SINGLE_ROLES",
    "TeamGap",
    "TeamRole",
    "gaps_from_holders",
    "parse_roles",
    "role_from_text",
    "roles_in_order",
    "team_gaps",
]


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
_SINGLE_IN_ORDER = tuple(r for r in TeamRole if r in SINGLE_ROLES)


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
    return gaps_from_holders(held)


def gaps_from_holders(holders: Mapping[str, int]) -> TeamGap:
    """What a team lacks, from how many of its current members hold each role (a count per role code, as a
    database can add them up; a role nobody holds may be left out)."""
    missing = tuple(r for r in KEY_ROLES if not holders.get(r))
    doubled = tuple(r for r in _SINGLE_IN_ORDER if holders.get(r, 0) > 1)
    return TeamGap(missing, doubled)


def roles_in_order(roles: Iterable[str]) -> list[TeamRole]:
    """The known roles among `roles`, each once, in the order of `TeamRole` (the leader first): how a member's roles
    are stored and shown, whatever order they were ticked or typed in."""
    wanted = set(roles)
    return [role for role in TeamRole if role in wanted]


# How officers write the roles in their spreadsheets, folded (no diacritics, lower case): the official titles, their
# usual short forms, and the codes. The labels shown on the pages are added by the caller (they are translated).
# "Tổ trưởng tổ dân phố" is the head of a residential group (its "village head"), not the team's leader.
ROLE_ALIASES: Mapping[str, TeamRole] = {
    **{role.value: role for role in TeamRole},
    "to truong": TeamRole.LEADER,
    "to truong to dan van": TeamRole.LEADER,
    "to truong tdv": TeamRole.LEADER,
    "to pho": TeamRole.DEPUTY,
    "to pho to dan van": TeamRole.DEPUTY,
    "bi thu chi bo": TeamRole.CELL_SECRETARY,
    "bi thu chi bo thon": TeamRole.CELL_SECRETARY,
    "truong thon": TeamRole.VILLAGE_HEAD,
    "truong xom": TeamRole.VILLAGE_HEAD,
    "truong ban": TeamRole.VILLAGE_HEAD,
    "truong ap": TeamRole.VILLAGE_HEAD,
    "truong khu": TeamRole.VILLAGE_HEAD,
    "truong khu pho": TeamRole.VILLAGE_HEAD,
    "to truong to dan pho": TeamRole.VILLAGE_HEAD,
    "truong ban cong tac mat tran": TeamRole.FRONT_HEAD,
    "truong ban cong tac mat tran thon": TeamRole.FRONT_HEAD,
    "truong ban mat tran": TeamRole.FRONT_HEAD,
    "mat tran": TeamRole.FRONT_HEAD,
    "chi hoi truong hoi lien hiep phu nu": TeamRole.WOMEN,
    "chi hoi truong phu nu": TeamRole.WOMEN,
    "chi hoi truong hoi phu nu": TeamRole.WOMEN,
    "phu nu": TeamRole.WOMEN,
    "chi hoi truong hoi nong dan": TeamRole.FARMERS,
    "chi hoi truong nong dan": TeamRole.FARMERS,
    "nong dan": TeamRole.FARMERS,
    "chi hoi truong hoi cuu chien binh": TeamRole.VETERANS,
    "chi hoi truong cuu chien binh": TeamRole.VETERANS,
    "cuu chien binh": TeamRole.VETERANS,
    "bi thu chi doan": TeamRole.YOUTH,
    "bi thu chi doan thanh nien": TeamRole.YOUTH,
    "doan thanh nien": TeamRole.YOUTH,
    "cong an vien": TeamRole.POLICE,
    "cong an vien thon": TeamRole.POLICE,
    "cong an thon": TeamRole.POLICE,
    "cong an": TeamRole.POLICE,
    "thanh vien": TeamRole.MEMBER,
    "to vien": TeamRole.MEMBER,
}
_ROLE_SEPARATORS = re.compile(r"[,;\n+/]")


def role_from_text(text: str, labels: Mapping[str, TeamRole] | None = None) -> TeamRole | None:
    """The role one written title names ("Trưởng thôn", "truong thon", "village_head"), or None. `labels` adds
    titles (folded) to the aliases, e.g. the labels the pages show in the reader's language."""
    key = fold(text).strip(" .:-")
    return (labels or {}).get(key) or ROLE_ALIASES.get(key)


def parse_roles(text: str, labels: Mapping[str, TeamRole] | None = None) -> tuple[list[TeamRole], list[str]]:
    """The roles of a spreadsheet cell ("Tổ trưởng, Bí thư chi bộ"), in `TeamRole` order and each once, and the
    pieces that name no role (as written, for the error message)."""
    found: list[TeamRole] = []
    unknown: list[str] = []
    for piece in _ROLE_SEPARATORS.split(text or ""):
        piece = " ".join(piece.split())
        if not piece:
            continue
        role = role_from_text(piece, labels)
        if role is None:
            unknown.append(piece)
        else:
            found.append(role)
    return roles_in_order(found), unknown
