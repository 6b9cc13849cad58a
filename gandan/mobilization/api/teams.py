"""The tổ dân vận API, under /api/v1/mobilization/: the teams of my area (by commune or village, a page at a time),
one team with its members, setting a team up, adding a member, and the coverage of my communes. Staff session,
scoped like the pages (404 outside the user's units); errors are JSON with a stable code (gandan/api.py)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.core.mobilization.teams import TeamRole
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.mobilization.api import as_sent, router
from gandan.mobilization.selectors.teams import (
    CommuneCoverage,
    commune_get_for_teams,
    coverage,
    team_get_for_user,
    team_members,
    teams_for_user,
    village_get_for_user,
)
from gandan.mobilization.services.teams import member_add, team_create

ROLE_PATTERN = "^(" + "|".join(r.value for r in TeamRole) + ")$"


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)  # a page, as the staff lists show


def _need(request, perm: Perm) -> None:
    if not request.user.can(perm):
        raise PermissionDenied


def _id(value: int | None) -> int | None:
    if value is not None and not 0 < value <= ID_MAX:
        raise Http404
    return value


class MemberOut(Schema):
    id: int
    full_name: str
    roles: list[str]
    role_labels: list[str]
    position: str
    phone: str
    term_start: dt.date | None
    term_end: dt.date | None

    @staticmethod
    def resolve_role_labels(obj) -> list[str]:
        return obj.role_labels()


class TeamOut(Schema):
    id: int
    name: str
    village_id: int
    village: str
    commune_id: int | None
    established_on: dt.date | None
    decision: str
    dissolved_on: dt.date | None
    note: str
    member_count: int = 0

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name

    @staticmethod
    def resolve_commune_id(obj) -> int | None:
        return obj.village.parent_id


class TeamDetailOut(TeamOut):
    members: list[MemberOut] = Field(..., alias="members_now")
    former_members: list[MemberOut]


class TeamFilter(Schema):
    commune_id: int | None = Field(None, ge=1, le=ID_MAX, description="Only this commune's teams")
    village_id: int | None = Field(None, ge=1, le=ID_MAX, description="Only this village's team(s)")
    include_dissolved: bool = False


@router.get("/teams", response=list[TeamOut], auth=django_auth, summary="Mobilisation teams in my area")
@paginate(Pages)
def list_teams(request, filters: Query[TeamFilter]):
    """The current teams (with `include_dissolved`, the dissolved ones too), each with its number of current
    members, by commune and village."""
    _need(request, Perm.MOBILIZATION_VIEW)
    commune = commune_get_for_teams(request.user, filters.commune_id) if filters.commune_id else None
    village = village_get_for_user(request.user, filters.village_id) if filters.village_id else None
    return teams_for_user(
        request.user, commune=commune, village=village, include_dissolved=filters.include_dissolved
    )


def _detail(team):
    """The team with its current members (`members`, the key roles first) and its former ones."""
    team.members_now, team.former_members = team_members(team, today=timezone.localdate())
    team.member_count = len(team.members_now)
    return team


@router.get(
    "/teams/{int:team_id}", response=TeamDetailOut, auth=django_auth, summary="One team with its members"
)
def get_team(request, team_id: int):
    """The team, its current members (the key roles first) and its former members. 404 outside my area."""
    _need(request, Perm.MOBILIZATION_VIEW)
    return _detail(team_get_for_user(request.user, _id(team_id)))


class TeamIn(Schema):
    village_id: int = Field(..., ge=1, le=ID_MAX)
    name: str = Field("", max_length=200, description="By default “Tổ dân vận <village>”")
    established_on: dt.date | None = None
    decision: str = Field("", max_length=100)
    note: str = Field("", max_length=500)


@router.post("/teams", response={201: TeamDetailOut}, auth=django_auth, summary="Set up a team")
def create_team(request, payload: TeamIn):
    """Set up the team of a village of my area (one current team per village: `team_invalid` otherwise)."""
    _need(request, Perm.MOBILIZATION_MANAGE)
    data = payload.dict()
    village = village_get_for_user(request.user, data.pop("village_id"))
    team = as_sent({"village": "village_id"}, lambda: team_create(village=village, by=request.user, **data))
    return HttpStatus(201, _detail(team_get_for_user(request.user, team.pk)))


class MemberIn(Schema):
    full_name: str = Field(..., max_length=200)
    roles: list[str] = Field(..., min_length=1, max_length=len(TeamRole), description=", ".join(TeamRole))
    position: str = Field("", max_length=300)
    phone: str = Field("", max_length=30)
    term_start: dt.date | None = None
    term_end: dt.date | None = None


@router.post(
    "/teams/{int:team_id}/members",
    response={201: MemberOut},
    auth=django_auth,
    summary="Add a member to a team",
)
def add_member(request, team_id: int, payload: MemberIn):
    """Add a person with every role they hold in the team. A person is once in a team and a single role (leader,
    village head, Front head …) is held by one current member: `member_invalid` names who holds it."""
    _need(request, Perm.MOBILIZATION_MANAGE)
    team = team_get_for_user(request.user, _id(team_id))
    return HttpStatus(201, member_add(team=team, by=request.user, **payload.dict()))


class VillageCoverageOut(Schema):
    village_id: int
    village: str
    team_id: int | None
    team: str
    members: int
    missing_roles: list[str]
    doubled_roles: list[str]


class FiguresOut(Schema):
    villages: int
    teams: int
    members: int
    villages_without_team: int
    teams_missing_key_roles: int
    teams_with_role_held_twice: int
    teams_missing: dict[str, int] = Field(..., description="key role → number of teams nobody holds it in")


class CommuneCoverageOut(FiguresOut):
    commune_id: int
    commune: str
    village_rows: list[VillageCoverageOut] | None = None


class CoverageOut(Schema):
    date: dt.date
    communes: list[CommuneCoverageOut]
    totals: FiguresOut


class CoverageFilter(Schema):
    commune_id: int | None = Field(None, ge=1, le=ID_MAX, description="Only this commune, with its villages")
    villages: bool = Field(False, description="List every commune's villages (their team, members, gaps)")


def _figures(row: CommuneCoverage) -> dict:
    return {
        "villages": row.village_count,
        "teams": row.teams,
        "members": row.members,
        "villages_without_team": row.without_team,
        "teams_missing_key_roles": row.teams_missing_roles,
        "teams_with_role_held_twice": row.teams_doubled_roles,
        "teams_missing": {str(role): n for role, n in row.missing_by_role.items()},
    }


def _village_rows(row: CommuneCoverage) -> list[dict]:
    return [
        {
            "village_id": v.village.pk,
            "village": v.village.name,
            "team_id": v.team_id,
            "team": v.team_name,
            "members": v.members,
            "missing_roles": [str(r) for r in v.missing],
            "doubled_roles": [str(r) for r in v.doubled],
        }
        for v in row.villages
    ]


def _commune_out(row: CommuneCoverage, *, villages: bool) -> dict:
    assert row.commune is not None
    return {
        **_figures(row),
        "commune_id": row.commune.pk,
        "commune": row.commune.name,
        "village_rows": _village_rows(row) if villages else None,
    }


@router.get(
    "/coverage", response=CoverageOut, auth=django_auth, summary="Coverage of the teams in my communes"
)
def get_coverage(request, filters: Query[CoverageFilter]):
    """For each commune of my area: villages, villages without a team, teams, members (each person once), teams
    missing a key role (leader, village head, Front head) and teams with a single role held twice; the totals."""
    _need(request, Perm.MOBILIZATION_VIEW)
    commune = commune_get_for_teams(request.user, filters.commune_id) if filters.commune_id else None
    report = coverage(request.user, commune=commune)
    villages = filters.villages or commune is not None
    return {
        "date": report.today,
        "communes": [_commune_out(row, villages=villages) for row in report.communes],
        "totals": _figures(report.totals),
    }
