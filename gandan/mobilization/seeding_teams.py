"""The demo's tổ dân vận: a team in every village of the four demo communes except a few, so that the coverage view
has gaps to show — two villages without a team, a team without a leader and one without a head of the Front
committee — and 6 to 9 members in each, with plausible Vietnamese names (gandan.core.sample_names). The leader is
usually also the party cell secretary: one person with two roles, counted once.

Recorded through the services, as the commune's mass-mobilisation officer, so the audit trail shows who set each team
up. Reproducible (a fixed seed per commune) and idempotent: a commune that has any team is left alone."""

import datetime as dt
from random import Random

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.core.mobilization.teams import TeamRole
from gandan.core.sample_names import FAMILY, GIVEN, MIDDLE
from gandan.mobilization.models import Team
from gandan.mobilization.services.teams import member_add, team_create
from gandan.units.models import GRASSROOTS_KINDS, Unit

SEED = 2026
# (commune code, position of the village in name order): the villages left without a team.
NO_TEAM = {("08848", 1), ("08773", 3)}
# Teams with a gap in their key roles: (commune code, village position) → the key role nobody holds.
GAPS = {("08848", 4): TeamRole.LEADER, ("08824", 2): TeamRole.FRONT_HEAD, ("08782", 5): TeamRole.LEADER}
OPTIONAL = [TeamRole.WOMEN, TeamRole.FARMERS, TeamRole.VETERANS, TeamRole.YOUTH, TeamRole.POLICE]
POSITIONS = {
    TeamRole.LEADER: "Bí thư chi bộ thôn",
    TeamRole.CELL_SECRETARY: "Bí thư chi bộ thôn",
    TeamRole.VILLAGE_HEAD: "Trưởng thôn",
    TeamRole.FRONT_HEAD: "Trưởng ban công tác Mặt trận thôn",
    TeamRole.WOMEN: "Chi hội trưởng Chi hội Phụ nữ",
    TeamRole.FARMERS: "Chi hội trưởng Chi hội Nông dân",
    TeamRole.VETERANS: "Chi hội trưởng Chi hội Cựu chiến binh",
    TeamRole.YOUTH: "Bí thư Chi đoàn thanh niên",
    TeamRole.POLICE: "Công an viên",
    TeamRole.DEPUTY: "Phó trưởng thôn",
    TeamRole.MEMBER: "",
}
WOMEN_MIDDLE = "Thị"
MEN_MIDDLE = [m for m in MIDDLE if m != WOMEN_MIDDLE]


def _officer(commune: Unit) -> User | None:
    return (
        User.objects.filter(unit=commune, is_active=True, roles__role=Role.MOBILIZATION_OFFICER)
        .order_by("pk")
        .first()
    )


def _people(rng: Random, count: int, women: set[int]) -> list[str]:
    """`count` different names; those at the positions in `women` have "Thị" as middle name."""
    names: list[str] = []
    while len(names) < count:
        middle = WOMEN_MIDDLE if len(names) in women else rng.choice(MEN_MIDDLE)
        name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
        if name not in names:
            names.append(name)
    return names


def _roles_of_team(rng: Random, gap: TeamRole | None) -> list[list[TeamRole]]:
    """One list of roles per person: 6 to 9 people, the leader usually also the cell secretary."""
    people: list[list[TeamRole]] = []
    if gap == TeamRole.LEADER:
        people.append([TeamRole.CELL_SECRETARY])  # the cell secretary, but nobody was named leader
    elif rng.random() < 0.85:
        people.append([TeamRole.LEADER, TeamRole.CELL_SECRETARY])
    else:
        people += [[TeamRole.LEADER], [TeamRole.CELL_SECRETARY]]
    people.append([TeamRole.VILLAGE_HEAD])
    if gap != TeamRole.FRONT_HEAD:
        people.append([TeamRole.FRONT_HEAD])
    wanted = rng.randint(6, 9)
    optional = list(OPTIONAL)
    rng.shuffle(optional)
    while len(people) < wanted and optional:
        people.append([optional.pop()])
    while len(people) < wanted:
        people.append([TeamRole.MEMBER])
    return people


def _position(held: list[TeamRole]) -> str:
    if held == [TeamRole.LEADER]:  # a leader who is not the cell secretary
        return "Phó bí thư chi bộ thôn"
    return POSITIONS[held[0]]


def seed_teams(*, communes: list[Unit], today: dt.date) -> int:
    """The demo teams of `communes` (see the module's docstring); returns how many teams were set up."""
    created = 0
    for commune in sorted(communes, key=lambda c: c.code):
        if Team.objects.filter(commune_path=commune.path).exists():
            continue
        officer = _officer(commune)
        if officer is None:
            continue
        rng = Random(f"{SEED}-{commune.code}")
        villages = Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
        for position, village in enumerate(villages.order_by("name_search", "pk")):
            if (commune.code, position) in NO_TEAM:
                continue
            established = dt.date(rng.choice([2019, 2020, 2021]), rng.choice([3, 6, 9]), rng.randint(1, 28))
            team = team_create(
                village=village,
                established_on=min(established, today),
                decision=f"{rng.randint(10, 99)}-QĐ/ĐU",
                by=officer,
            )
            created += 1
            term_start = min(dt.date(2025, 7, 1), today)
            roles = _roles_of_team(rng, GAPS.get((commune.code, position)))
            women = {i for i, held in enumerate(roles) if TeamRole.WOMEN in held}
            for name, held in zip(_people(rng, len(roles), women), roles, strict=True):
                member_add(
                    team=team,
                    full_name=name,
                    roles=held,
                    position=_position(held),
                    phone=f"09{rng.randrange(10**8):08d}",
                    term_start=term_start,
                    by=officer,
                )
    return created


# --- At a province's scale (the benchmark) -------------------------------------------------------------------------

BENCH_PREFIX = "bench"  # the path segment of the villages made for the benchmark


def seed_province_teams(
    *,
    province: Unit,
    villages_per_commune: int,
    members_per_team: int,
    by: User,
    today: dt.date,
    progress=None,
) -> tuple[int, int, int]:
    """A team network over every commune of `province`, written in bulk (no audit trail, as the other benchmark
    seeds): each commune gets villages up to `villages_per_commune`, and each village without a team a team of
    `members_per_team` members — except one village in 17 (no team), one team in 11 without a leader, one in 13
    without a Front head and one in 29 with two village heads, so the coverage has gaps to count. Returns the
    villages, teams and members created. `progress(n)` is told each commune done."""
    from django.db import transaction

    from gandan.core.vntext import fold
    from gandan.mobilization.models import Member
    from gandan.units.models import COMMUNE_KINDS, UnitKind

    rng = Random(SEED)
    communes = list(
        Unit.objects.filter(
            kind__in=COMMUNE_KINDS, valid_to__isnull=True, path__startswith=f"{province.path}."
        )
    )
    made = [0, 0, 0]
    position = 0
    for commune in communes:
        with transaction.atomic():
            villages = list(
                Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
            )
            new = [
                Unit(
                    kind=UnitKind.VILLAGE,
                    name=f"Thôn {n}",
                    name_search=fold(f"Thôn {n}"),
                    parent=commune,
                    path=f"{commune.path}.{BENCH_PREFIX}{n:02d}",
                    depth=commune.depth + 1,
                )
                for n in range(len(villages) + 1, villages_per_commune + 1)
            ]
            villages += Unit.objects.bulk_create(new)
            teamed = set(
                Team.objects.filter(village__in=villages, dissolved_on__isnull=True).values_list(
                    "village_id", flat=True
                )
            )
            teams = []
            for village in villages:
                position += 1
                if village.pk in teamed or position % 17 == 0:
                    continue
                teams.append(
                    Team(village=village, unit_path=village.path, commune_path=commune.path,
                         name=f"Tổ dân vận {village.name}", created_by=by)
                )  # fmt: skip
            teams = Team.objects.bulk_create(teams)
            members = []
            for team in teams:
                roles = [[TeamRole.LEADER, TeamRole.CELL_SECRETARY], [TeamRole.VILLAGE_HEAD], [TeamRole.FRONT_HEAD],
                         *[[r] for r in OPTIONAL]]  # fmt: skip
                if team.pk % 11 == 0:
                    roles[0] = [TeamRole.CELL_SECRETARY]
                if team.pk % 13 == 0:
                    roles[2] = [TeamRole.MEMBER]
                if team.pk % 29 == 0:
                    roles[3] = [TeamRole.VILLAGE_HEAD]
                roles = (roles + [[TeamRole.MEMBER]] * members_per_team)[:members_per_team]
                for name, held in zip(_people(rng, len(roles), set()), roles, strict=True):
                    members.append(
                        Member(team=team, unit_path=team.unit_path, full_name=name, name_key=fold(name),
                               roles=[r.value for r in held], position=_position(held),
                               phone=f"09{rng.randrange(10**8):08d}", term_start=today)
                    )  # fmt: skip
            Member.objects.bulk_create(members, batch_size=2000)
        made[0] += len(new)
        made[1] += len(teams)
        made[2] += len(members)
        if progress is not None:
            progress(1)
    return made[0], made[1], made[2]
