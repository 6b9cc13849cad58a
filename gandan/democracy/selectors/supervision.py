"""Reads of the people's supervision boards (DOMAIN.md §6.5–6.6), always for a user and inside that user's units
(404 outside them): the boards with their members and what each lacks, the findings with their filters and the
overdue ones, the communes and villages an officer may choose, and who in a commune may not sit on the people's
inspection board (its officers, and the village heads of its mobilisation teams).

A board is current until it is dissolved (`dissolved_on`). A member sits on it until `left_on`: one whose `left_on`
is today or earlier no longer counts. A finding is overdue while it waits for the government's answer (open or in
progress) after its `answer_due` day (gandan.core.democracy.commitments.is_overdue)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.democracy.commitments import CommitmentState
from gandan.core.democracy.supervision import board_shortfall
from gandan.core.mobilization.teams import TeamRole
from gandan.core.vntext import fold
from gandan.democracy.models import Board, BoardMember, Finding
from gandan.mobilization.models import Member as TeamMember
from gandan.mobilization.selectors.teams import current_member_q as team_member_current_q
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit, subtree_q

FINDING_SOURCE = "democracy.finding"  # the opinion signal's source kind for a board's finding
WAITING = (CommitmentState.OPEN.value, CommitmentState.IN_PROGRESS.value)


def current_q(today: dt.date, prefix: str = "") -> Q:
    """Members still on their board on `today` (`prefix`: the path to the member from the queried model)."""
    return Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})


def is_current(member: BoardMember, today: dt.date) -> bool:
    return member.left_on is None or member.left_on > today


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": WAITING, f"{prefix}answer_due__lt": today})


# --- Communes and villages ---------------------------------------------------------------------------------------


def communes_for_boards(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units, by name (where a board may be set up)."""
    rows = Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def commune_get_for_boards(user, pk) -> Unit:
    return get_scoped_or_404(communes_for_boards(user), user, path_field="path", pk=pk)


def commune_villages(commune: Unit) -> QuerySet[Unit]:
    """The villages and residential groups in force of one commune, by name."""
    return Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
        "name_search", "pk"
    )


# --- Boards ------------------------------------------------------------------------------------------------------


def boards_for_user(
    user, *, kind: str = "", include_dissolved: bool = False, today: dt.date | None = None
) -> QuerySet[Board]:
    """The boards of the user's units (current ones unless `include_dissolved`), the inspection boards first, each
    with `member_count` (its current members), `open_count` (findings waiting for an answer) and `overdue_count`."""
    today = today or timezone.localdate()
    rows = scoped(Board.objects.all(), user, path_field="unit_path")
    if kind:
        rows = rows.filter(kind=kind)
    if not include_dissolved:
        rows = rows.filter(dissolved_on__isnull=True)
    return (
        rows.select_related("unit")
        .annotate(
            member_count=Count("members", filter=current_q(today, "members__"), distinct=True),
            open_count=Count("findings", filter=Q(findings__state__in=WAITING), distinct=True),
            overdue_count=Count("findings", filter=overdue_q(today, "findings__"), distinct=True),
        )
        .order_by("unit_path", "kind", "-term_start", "id")
    )


def board_get_for_user(user, pk, *, today: dt.date | None = None) -> Board:
    """One board of the user's units, dissolved or not, with the counts of `boards_for_user`; 404 outside them."""
    rows = boards_for_user(user, include_dissolved=True, today=today).select_related("created_by")
    return get_scoped_or_404(rows, user, path_field="unit_path", pk=pk)


def board_members(
    board: Board, *, today: dt.date | None = None
) -> tuple[list[BoardMember], list[BoardMember]]:
    """The board's current members (the head, then the deputies, then by village) and its former members (last
    left first)."""
    today = today or timezone.localdate()
    rank: dict[str, int] = {BoardMember.Post.HEAD: 0, BoardMember.Post.DEPUTY: 1, BoardMember.Post.MEMBER: 2}
    rows = list(board.members.select_related("village"))
    current = sorted(
        (m for m in rows if is_current(m, today)),
        key=lambda m: (rank.get(m.post, 3), m.village.name_search if m.village else "", m.pk),
    )
    former = sorted(
        (m for m in rows if not is_current(m, today)), key=lambda m: (m.left_on, m.pk), reverse=True
    )
    return current, former


@dataclass(frozen=True)
class BoardGaps:
    """What a board lacks to be lawful: members short of its minimum, and (inspection board) the villages of the
    commune that have no member on it."""

    minimum: int
    members: int
    short_by: int
    villages_missing: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.short_by or self.villages_missing)


def board_gaps(board: Board, current: Iterable[BoardMember]) -> BoardGaps:
    current = list(current)
    villages = list(commune_villages(board.unit).values_list("pk", "name"))
    short = board_shortfall(board.kind, villages=len(villages), members=len(current))
    missing: tuple[str, ...] = ()
    if board.kind == Board.Kind.INSPECTION:
        seated = {m.village_id for m in current}
        missing = tuple(name for pk, name in villages if pk not in seated)
    return BoardGaps(
        minimum=short + len(current), members=len(current), short_by=short, villages_missing=missing
    )


def member_get_for_user(user, pk) -> BoardMember:
    """One member of a board of the user's units; 404 outside them."""
    return get_scoped_or_404(
        BoardMember.objects.select_related("board", "board__unit", "village"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def current_members_of(board: Board, *, today: dt.date) -> QuerySet[BoardMember]:
    return board.members.filter(current_q(today))


def current_inspection_board(commune: Unit, *, today: dt.date) -> Board | None:
    """The commune's people's inspection board in office on `today` (not dissolved, its term not over)."""
    return (
        Board.objects.filter(unit=commune, kind=Board.Kind.INSPECTION, dissolved_on__isnull=True)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .order_by("-term_start", "-pk")
        .first()
    )


# --- Who may not sit on the inspection board --------------------------------------------------------------------


def commune_staff_named(commune: Unit, name_key: str) -> list[User]:
    """The active accounts of the commune (its own unit and the units under it) whose full name, folded without
    diacritics, is `name_key`: the commune's officers (cán bộ, công chức) of that name."""
    rows = User.objects.filter(subtree_q(commune.path, "unit__path"), is_active=True).select_related("unit")
    return [u for u in rows.order_by("pk") if fold(u.full_name) == name_key]


def village_heads_named(commune: Unit, name_key: str, *, today: dt.date) -> list[TeamMember]:
    """The current members of the commune's mobilisation teams who hold the village head's role and whose folded
    name is `name_key` (the village head is village staff)."""
    rows = TeamMember.objects.filter(
        team_member_current_q(today),
        name_key=name_key,
        team__commune_path=commune.path,
        team__dissolved_on__isnull=True,
    ).select_related("team", "team__village")
    return [m for m in rows.order_by("pk") if TeamRole.VILLAGE_HEAD.value in (m.roles or [])]


# --- Findings ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingFilter:
    board: Board | None = None
    state: str = ""
    overdue: bool = False

    @property
    def used(self) -> bool:
        return bool(self.board or self.state or self.overdue)


def findings_for_user(user) -> QuerySet[Finding]:
    return scoped(Finding.objects.all(), user, path_field="unit_path").select_related("board", "board__unit")


def finding_list(
    user, filters: FindingFilter | None = None, *, today: dt.date | None = None
) -> QuerySet[Finding]:
    """The user's findings narrowed by `filters`, the answer due soonest first (answered and cancelled ones after
    those still waiting)."""
    filters = filters or FindingFilter()
    today = today or timezone.localdate()
    rows = findings_for_user(user)
    if filters.board is not None:
        rows = rows.filter(board=filters.board)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.overdue:
        rows = rows.filter(overdue_q(today))
    settled = Case(When(state__in=WAITING, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.annotate(settled=settled).order_by("settled", "answer_due", "id")


def overdue_count(user, *, board: Board | None = None, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    rows = findings_for_user(user).filter(overdue_q(today))
    if board is not None:
        rows = rows.filter(board=board)
    return rows.count()


def finding_get_for_user(user, pk) -> Finding:
    """One finding of a board of the user's units; 404 outside them."""
    return get_scoped_or_404(
        Finding.objects.select_related("board", "board__unit", "created_by"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def finding_links(user, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a finding's signal to its page, for the findings the user may open."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    rows = findings_for_user(user).filter(pk__in=wanted).values_list("pk", flat=True)
    return {str(pk): reverse("democracy:finding", args=[pk]) for pk in rows}


def board_shortfalls(boards: Iterable[Board]) -> dict[int, int]:
    """Board id → members it lacks to reach its lawful minimum (`member_count` annotated by `boards_for_user`); the
    villages of every commune are counted in one query."""
    boards = list(boards)
    communes = {b.unit_id for b in boards}
    villages = dict(
        Unit.objects.filter(parent_id__in=communes, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
        .order_by()
        .values_list("parent_id")
        .annotate(n=Count("pk"))
    )
    return {
        b.pk: board_shortfall(b.kind, villages=villages.get(b.unit_id, 0), members=b.member_count)  # type: ignore[attr-defined]
        for b in boards
    }
