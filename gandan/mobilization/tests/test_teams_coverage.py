"""The coverage of the tổ dân vận network: the figures of a commune built here record by record (villages, villages
without a team, teams, members counted once whatever their roles, teams missing a key role, roles held twice) and
the province's totals, each computed again in the test from the records, and the scope of who sees what."""

import datetime as dt

import pytest
from django.db.models import Q
from django.utils import timezone

from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.core.mobilization.teams import TeamRole
from gandan.mobilization.models import Member, Team
from gandan.mobilization.selectors.teams import coverage
from gandan.mobilization.services.teams import member_add, member_end, team_create, team_dissolve
from gandan.mobilization.tests.teams_support import OFFICER, new_village, user
from gandan.units.models import GRASSROOTS_KINDS, Unit, UnitKind
from gandan.units.services import unit_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    """A commune of its own with five villages in force and one ended:
    A — complete: the leader who is also the cell secretary, the village head, the Front head, the women's head;
    B — no leader (the leader left), the village head, the Front head, a member;
    C — the leader, two village heads (as an old register had them), no Front head;
    D — no team; E — its team was dissolved; F — an ended village, whose team is not counted."""
    today = timezone.localdate()
    province = Unit.objects.get(path="25")
    commune = unit_create(
        kind=UnitKind.COMMUNE, name="Xã Thử Độ Phủ", code="99901", parent=province, audit=False
    )
    officer = user_create(
        username="danvan.thudophu",
        password="x",
        full_name="Cán bộ dân vận thử",
        unit=commune,
        roles=[Role.MOBILIZATION_OFFICER],
    )
    names = ["Thôn A", "Thôn B", "Thôn C", "Thôn D", "Thôn E", "Thôn F"]
    village = {name[-1]: new_village(commune, name) for name in names}
    team = {key: team_create(village=village[key], by=officer) for key in "ABCEF"}

    def add(key, name, roles):
        return member_add(team=team[key], full_name=name, roles=roles, by=officer)

    add("A", "Nguyễn Văn An", ["leader", "cell_secretary"])
    add("A", "Trần Văn Bình", ["village_head"])
    add("A", "Lê Văn Cường", ["front_head"])
    add("A", "Phạm Thị Dung", ["women"])
    left = add("B", "Hoàng Văn Em", ["leader"])
    member_end(member=left, on=today, by=officer)
    add("B", "Đỗ Văn Giang", ["village_head"])
    add("B", "Vũ Văn Hải", ["front_head"])
    add("B", "Bùi Văn Khoa", ["member"])
    add("C", "Ngô Văn Long", ["leader"])
    add("C", "Dương Văn Minh", ["village_head"])
    Member.objects.create(  # written past the services, as an old register had it
        team=team["C"],
        unit_path=team["C"].unit_path,
        full_name="Lý Văn Nam",
        name_key="ly van nam",
        roles=["village_head"],
    )
    add("E", "Hồ Văn Phúc", ["leader"])
    team_dissolve(team=team["E"], on=today, by=officer)
    add("F", "Phan Văn Quân", ["leader"])
    Unit.objects.filter(pk=village["F"].pk).update(valid_to=today)
    return commune, officer, team


def test_a_communes_figures_are_computed_from_its_villages_teams_and_members(network):
    commune, officer, team = network
    report = coverage(officer)
    assert [row.commune for row in report.communes] == [commune]
    row = report.communes[0]
    assert (row.village_count, row.teams, row.members, row.without_team) == (5, 3, 10, 2)
    assert (row.teams_missing_roles, row.teams_doubled_roles) == (2, 1)
    assert row.missing_by_role == {TeamRole.LEADER: 1, TeamRole.VILLAGE_HEAD: 0, TeamRole.FRONT_HEAD: 1}
    by_name = {v.village.name: v for v in row.villages}
    assert list(by_name) == ["Thôn A", "Thôn B", "Thôn C", "Thôn D", "Thôn E"]
    assert (by_name["Thôn A"].members, by_name["Thôn A"].has_gap) == (4, False)  # one person, two roles: once
    assert by_name["Thôn B"].missing == (TeamRole.LEADER,) and by_name["Thôn B"].members == 3
    assert by_name["Thôn C"].missing == (TeamRole.FRONT_HEAD,)
    assert by_name["Thôn C"].doubled == (TeamRole.VILLAGE_HEAD,)
    assert not by_name["Thôn D"].has_team and not by_name["Thôn E"].has_team
    assert by_name["Thôn A"].team_id == team["A"].pk
    assert report.totals.members == 10


def _independent_figures(commune: Unit, today: dt.date) -> tuple[int, int, int]:
    """Villages, current teams and current members of a commune, counted straight from the tables."""
    villages = Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True)
    teams = Team.objects.filter(village__in=villages, dissolved_on__isnull=True)
    members = Member.objects.filter(team__in=teams).filter(Q(term_end__isnull=True) | Q(term_end__gt=today))
    return villages.count(), teams.count(), members.count()


def test_the_province_sees_every_commune_and_totals_that_add_up(network, province_supervisor):
    commune, _officer, _team = network
    report = coverage(province_supervisor)
    rows = {row.commune.pk: row for row in report.communes}
    assert commune.pk in rows and len(rows) > 100
    for row in report.communes:
        if row.village_count:
            assert (row.village_count, row.teams, row.members) == _independent_figures(
                row.commune, report.today
            )
    for figure in (
        "village_count",
        "teams",
        "members",
        "without_team",
        "teams_missing_roles",
        "teams_doubled_roles",
    ):
        assert getattr(report.totals, figure) == sum(getattr(r, figure) for r in report.communes), figure
    assert report.totals.members == sum(
        _independent_figures(r.commune, report.today)[2] for r in report.communes
    )


def test_the_demo_shows_villages_without_a_team_and_teams_without_a_key_role(province_supervisor):
    report = coverage(province_supervisor)
    demo = [row for row in report.communes if row.commune.code in {"08848", "08824", "08782", "08773"}]
    assert sum(row.without_team for row in demo) == 2
    assert sum(row.missing_by_role[TeamRole.LEADER] for row in demo) >= 1
    assert sum(row.missing_by_role[TeamRole.FRONT_HEAD] for row in demo) >= 1
    teams = [v for row in demo for v in row.villages if v.has_team]
    assert all(6 <= v.members <= 9 for v in teams)


def test_the_province_coverage_is_a_handful_of_queries(
    network, province_supervisor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        coverage(province_supervisor)


def test_a_commune_officer_sees_only_their_commune(network):
    commune, _officer, _team = network
    report = coverage(user(OFFICER))
    assert [row.commune.code for row in report.communes] == ["08848"]
    assert commune not in [row.commune for row in report.communes]


def test_a_commune_chosen_outside_the_scope_gives_nothing(network):
    commune, _officer, _team = network
    assert coverage(user(OFFICER), commune=commune).communes == []
