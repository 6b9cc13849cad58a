"""Reads of the tổ dân vận network, always for a user and inside that user's units (404 outside them): the teams and
their members, the villages a team may be set up in, and the coverage of the communes in scope.

A team is current until it is dissolved (`dissolved_on` set). A member is current until their term ends:
`term_end` is the day they left, so a member whose `term_end` is today or earlier is no longer counted (one left
yesterday or planned to leave next month is counted until then). The coverage counts each Member row once, whatever
the number of roles the person holds (the leader who is also the party cell secretary is one member).

`coverage(user)` is a handful of queries whatever the number of communes: the communes, the villages and the current
teams are each read once, the database counts each team's members and the holders of each role, and the figures are
added up here."""

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.mobilization.teams import KEY_ROLES, SINGLE_ROLES, TeamGap, TeamRole, gaps_from_holders
from gandan.core.vntext import fold
from gandan.mobilization.models import Member, Team
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

# --- Teams and members ---------------------------------------------------------------------------------------------


def current_member_q(today: dt.date, prefix: str = "") -> Q:
    """Members still in their term on `today` (`prefix`: the path to the member from the queried model)."""
    return Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gt": today})


def is_current_member(member: Member, today: dt.date) -> bool:
    return member.term_end is None or member.term_end > today


def teams_for_user(
    user,
    *,
    commune: Unit | None = None,
    village: Unit | None = None,
    include_dissolved: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Team]:
    """The teams in the user's units (current ones unless `include_dissolved`), each with `member_count` (its
    current members), by commune and village."""
    today = today or timezone.localdate()
    rows = scoped(Team.objects.all(), user, path_field="unit_path")
    if not include_dissolved:
        rows = rows.filter(dissolved_on__isnull=True)
    if commune is not None:
        rows = rows.filter(commune_path=commune.path)
    if village is not None:
        rows = rows.filter(village=village)
    return (
        rows.select_related("village", "village__parent")
        .annotate(member_count=Count("members", filter=current_member_q(today, "members__")))
        .order_by("commune_path", "village__name_search", "id")
    )


def team_get_for_user(user, pk) -> Team:
    """One team of the user's units, dissolved or not; 404 outside them."""
    return get_scoped_or_404(
        Team.objects.select_related("village", "village__parent", "created_by"),
        user,
        path_field="unit_path",
        pk=pk,
    )


def team_members(team: Team, *, today: dt.date | None = None) -> tuple[list[Member], list[Member]]:
    """The team's current members (the leader and the key roles first) and its former members (last left first)."""
    today = today or timezone.localdate()
    rows = list(team.members.all())
    order = {role: i for i, role in enumerate(TeamRole)}

    def rank(member: Member) -> tuple:
        return (min((order.get(r, len(order)) for r in member.roles), default=len(order)), member.pk)

    current = sorted((m for m in rows if is_current_member(m, today)), key=rank)
    former = sorted(
        (m for m in rows if not is_current_member(m, today)), key=lambda m: (m.term_end, m.pk), reverse=True
    )
    return current, former


def member_get_for_user(user, pk) -> Member:
    """One member of a team of the user's units; 404 outside them."""
    return get_scoped_or_404(
        Member.objects.select_related("team", "team__village"), user, path_field="unit_path", pk=pk
    )


def villages_for_user(user) -> QuerySet[Unit]:
    """The villages and residential groups in force in the user's units, by commune and name."""
    rows = Unit.objects.filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
    return scoped(rows, user, path_field="path").select_related("parent").order_by("path")


def villages_without_team_for_user(user) -> QuerySet[Unit]:
    """The villages of the user's units that have no current team: where a team may be set up."""
    teamed = Team.objects.filter(dissolved_on__isnull=True).values("village_id")
    return villages_for_user(user).exclude(pk__in=teamed).order_by("parent__name_search", "name_search", "pk")


def village_get_for_user(user, pk) -> Unit:
    return get_scoped_or_404(villages_for_user(user), user, path_field="path", pk=pk)


def communes_for_teams(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units, by name (the import's and the API's commune choice)."""
    rows = Unit.objects.filter(valid_to__isnull=True, kind__in=COMMUNE_KINDS)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def commune_get_for_teams(user, pk) -> Unit:
    """One commune of the user's units (the coverage's drill-down, the import); 404 outside them."""
    return get_scoped_or_404(communes_for_teams(user), user, path_field="path", pk=pk)


def commune_villages(commune: Unit) -> list[Unit]:
    """The villages in force of one commune (the import matches its lines against them)."""
    return list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
            "name_search", "pk"
        )
    )


def current_teams_of(villages: Iterable[Unit], *, lock: bool = False) -> dict[int, Team]:
    """Village id → its current team. `lock`: the teams' rows are locked (in id order, as `member_add` locks its
    team) until the caller's transaction ends, so no member is added to them meanwhile (PostgreSQL; SQLite writes
    one at a time anyway)."""
    ids = [v.pk for v in villages]
    rows = Team.objects.filter(village_id__in=ids, dissolved_on__isnull=True).order_by("pk")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return {t.village_id: t for t in rows}


def current_members_of(teams: Iterable[Team], *, today: dt.date) -> dict[int, list[Member]]:
    """Team id → its current members."""
    ids = [t.pk for t in teams]
    found: dict[int, list[Member]] = {pk: [] for pk in ids}
    for member in Member.objects.filter(current_member_q(today), team_id__in=ids).order_by("pk"):
        found[member.team_id].append(member)
    return found


# --- Coverage ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A village as the coverage shows it (its id and name: no need for the whole unit)."""

    pk: int
    name: str


@dataclass
class VillageCoverage:
    """One village: its current team (if any), how many current members it has, and what it lacks."""

    village: Place
    team_id: int | None = None
    team_name: str = ""
    members: int = 0
    missing: tuple[TeamRole, ...] = ()  # key roles nobody holds
    doubled: tuple[TeamRole, ...] = ()  # single roles held by two people or more

    @property
    def has_team(self) -> bool:
        return self.team_id is not None

    @property
    def has_gap(self) -> bool:
        return not self.has_team or bool(self.missing or self.doubled)


@dataclass
class CommuneCoverage:
    """One commune's network, its figures added up from its villages."""

    commune: Unit | None  # None for the totals row
    villages: list[VillageCoverage] = field(default_factory=list)
    village_count: int = 0
    teams: int = 0
    members: int = 0
    without_team: int = 0
    teams_missing_roles: int = 0
    teams_doubled_roles: int = 0
    missing_by_role: dict[TeamRole, int] = field(default_factory=lambda: {r: 0 for r in KEY_ROLES})

    @property
    def has_gap(self) -> bool:
        return bool(self.without_team or self.teams_missing_roles or self.teams_doubled_roles)

    @property
    def gaps(self) -> int:
        return self.without_team + self.teams_missing_roles + self.teams_doubled_roles

    def add(self, row: VillageCoverage) -> None:
        self.village_count += 1
        if not row.has_team:
            self.without_team += 1
            return
        self.teams += 1
        self.members += row.members
        if row.missing:
            self.teams_missing_roles += 1
            for role in row.missing:
                self.missing_by_role[role] += 1
        if row.doubled:
            self.teams_doubled_roles += 1


@dataclass
class Coverage:
    communes: list[CommuneCoverage]
    totals: CommuneCoverage
    today: dt.date


# The roles whose holders the database counts for each team: those a team may lack or have twice.
_COUNTED = sorted(SINGLE_ROLES)


def _holders_per_team(teams: QuerySet[Team], today: dt.date) -> QuerySet:
    """For each team of `teams`: (team id, its current members, then for each role of `_COUNTED` how many of them
    hold it), added up by the database (the roles are a JSON list: `"leader"` with its quotes is one role's code,
    never a part of another's). One row per team, whatever the number of members."""
    holders = {f"r_{role}": Count("pk", filter=Q(roles__icontains=f'"{role}"')) for role in _COUNTED}
    return (
        Member.objects.filter(current_member_q(today), team__in=teams.values("pk"))
        .order_by()
        .values_list("team_id")
        .annotate(n=Count("pk"), **holders)
    )


@functools.lru_cache(maxsize=1024)
def _gap_of(counts: tuple[int, ...]) -> TeamGap:
    """The gaps of a team whose holders of each role of `_COUNTED` are `counts` (teams share a few patterns)."""
    return gaps_from_holders(dict(zip(_COUNTED, counts, strict=True)))


def coverage(user, *, commune: Unit | None = None, today: dt.date | None = None) -> Coverage:
    """For each commune in the user's units (or only `commune`, which must be one of them): its villages in force,
    each with its current team, the team's current members and its gaps; and the commune's figures (villages,
    villages without a team, teams, members, teams missing a key role, teams with a role held twice), with the
    totals over every commune. Communes are in name order; a commune's villages too.

    Five queries whatever the number of communes (the user's unit, the communes, the villages, the teams, and the
    members counted per team by the database)."""
    today = today or timezone.localdate()
    communes = communes_for_teams(user)
    if commune is not None:
        communes = communes.filter(pk=commune.pk)
    rows = {c.pk: CommuneCoverage(commune=c) for c in communes}
    villages = villages_for_user(user).filter(parent_id__in=list(rows)).select_related(None)
    by_village: dict[int, VillageCoverage] = {}
    for pk, name, parent_id in villages.order_by("name_search", "pk").values_list("pk", "name", "parent_id"):
        item = VillageCoverage(village=Place(pk, name))
        by_village[pk] = item
        rows[parent_id].villages.append(item)
    teams = Team.objects.filter(dissolved_on__isnull=True, village_id__in=villages.values("pk"))
    by_team: dict[int, VillageCoverage] = {}
    for pk, village_id, name in teams.order_by().values_list("pk", "village_id", "name"):
        item = by_village[village_id]
        item.team_id, item.team_name = pk, name
        by_team[pk] = item
    for team_id, members, *counts in _holders_per_team(teams, today):
        item = by_team[team_id]
        gap = _gap_of(tuple(counts))
        item.members, item.missing, item.doubled = members, gap.missing, gap.doubled
    for item in by_team.values():
        if not item.members:  # a team without any current member lacks every key role
            item.missing = gaps_from_holders({}).missing
    totals = CommuneCoverage(commune=None)
    for row in rows.values():
        for item in row.villages:
            row.add(item)
            totals.add(item)
    ordered = sorted(
        rows.values(), key=lambda r: (r.commune.name_search, r.commune.pk) if r.commune else ("", 0)
    )
    return Coverage(communes=ordered, totals=totals, today=today)


def coverage_search(rows: list[VillageCoverage], query: str) -> list[VillageCoverage]:
    """The villages whose name or team's name holds every word of `query`, without diacritics."""
    words = fold(query).split()
    if not words:
        return rows
    return [r for r in rows if all(w in fold(f"{r.village.name} {r.team_name}") for w in words)]


def communes_search(rows: list[CommuneCoverage], query: str) -> list[CommuneCoverage]:
    words = fold(query).split()
    if not words:
        return rows
    return [r for r in rows if r.commune and all(w in r.commune.name_search for w in words)]
