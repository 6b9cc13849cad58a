"""People's supervision in the API, under /api/v1/democracy/: the boards of my communes (the people's inspection
board and the investment supervision boards) with their members, and their findings and recommendations with the
state of the government's answer (filters: board, state, overdue). Staff session, scoped like the pages (404 outside
the user's units); read only — boards, members and findings are recorded on the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Query, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.core.democracy.commitments import is_overdue
from gandan.democracy.api import router
from gandan.democracy.selectors.supervision import (
    FindingFilter,
    board_get_for_user,
    board_members,
    boards_for_user,
    finding_get_for_user,
    finding_list,
)
from gandan.democracy.services.supervision_findings import state_label
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)


def _need_view(request) -> None:
    if not request.user.can(Perm.DEMOCRACY_VIEW):
        raise PermissionDenied


def _id(value: int) -> int:
    if not 0 < value <= ID_MAX:
        raise Http404
    return value


class BoardMemberOut(Schema):
    id: int
    full_name: str
    post: str
    village_id: int | None
    village: str | None
    represents: str
    elected_on: dt.date | None
    left_on: dt.date | None

    @staticmethod
    def resolve_village(obj) -> str | None:
        return obj.village.name if obj.village_id else None


class BoardOut(Schema):
    id: int
    kind: Literal["inspection", "investment"]
    name: str
    commune_id: int = Field(..., alias="unit_id")
    commune: str
    project: str
    term_start: dt.date
    term_end: dt.date | None
    dissolved_on: dt.date | None
    member_count: int = 0
    open_findings: int = Field(0, alias="open_count")
    overdue_findings: int = Field(0, alias="overdue_count")

    @staticmethod
    def resolve_commune(obj) -> str:
        return obj.unit.name


class BoardDetailOut(BoardOut):
    members: list[BoardMemberOut] = Field(..., alias="members_now")
    former_members: list[BoardMemberOut]


class BoardFilter(Schema):
    kind: Literal["inspection", "investment"] | None = None
    include_dissolved: bool = False


@router.get("/boards", response=list[BoardOut], auth=django_auth, summary="Supervision boards in my area")
@paginate(Pages)
def list_boards(request, filters: Query[BoardFilter]):
    """The people's inspection boards and investment supervision boards of my communes (in office unless
    `include_dissolved`), each with its current members and its findings waiting for an answer and overdue."""
    _need_view(request)
    return boards_for_user(request.user, kind=filters.kind or "", include_dissolved=filters.include_dissolved)


@router.get(
    "/boards/{int:board_id}", response=BoardDetailOut, auth=django_auth, summary="One board with its members"
)
def get_board(request, board_id: int):
    """The board, its current members (the head first) and its former members. 404 outside my area."""
    _need_view(request)
    return _detail(request, board_get_for_user(request.user, _id(board_id)))


def _detail(request, board):
    """The board (with its counts, as the list gives them) and its current and former members."""
    today = timezone.localdate()
    board.members_now, board.former_members = board_members(board, today=today)
    return board


class FindingOut(Schema):
    id: int
    board_id: int
    board: str
    title: str
    finding: str
    recommendation: str
    addressed_to: str
    found_on: dt.date
    answer_due: dt.date
    state: Literal["open", "in_progress", "done", "cancelled"]
    state_label: str
    overdue: bool
    answer: str
    answered_on: dt.date | None

    @staticmethod
    def resolve_board(obj) -> str:
        return obj.board.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return state_label(obj.state)

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(state=obj.state, due=obj.answer_due, today=timezone.localdate())


class FindingFilterIn(Schema):
    board_id: int | None = Field(None, ge=1, le=ID_MAX, description="Only this board's findings")
    state: Literal["open", "in_progress", "done", "cancelled"] | None = None
    overdue: bool = Field(False, description="Only those waiting for an answer past their due day")


@router.get(
    "/findings", response=list[FindingOut], auth=django_auth, summary="Supervision findings in my area"
)
@paginate(Pages)
def list_findings(request, filters: Query[FindingFilterIn]):
    """The boards' findings and recommendations, those waiting for an answer first (due soonest on top)."""
    _need_view(request)
    board = board_get_for_user(request.user, filters.board_id) if filters.board_id else None
    return finding_list(
        request.user, FindingFilter(board=board, state=filters.state or "", overdue=filters.overdue)
    )


@router.get(
    "/findings/{int:finding_id}", response=FindingOut, auth=django_auth, summary="One supervision finding"
)
def get_finding(request, finding_id: int):
    """A finding with its recommendation, the deadline for the government's answer and the answer. 404 outside my
    area."""
    _need_view(request)
    return finding_get_for_user(request.user, _id(finding_id))
