"""The tổ dân vận services: setting a team up, changing and dissolving it, adding, changing and ending members. Each
refusal names every problem at once, in Vietnamese, and leaves nothing half-saved."""

import datetime as dt
import unicodedata

import pytest
from django.utils import timezone, translation

from gandan.audit.models import Event
from gandan.errors import NON_FIELD, DomainError, NotAllowed
from gandan.mobilization.models import Member, Team
from gandan.mobilization.services.teams import (
    member_add,
    member_end,
    member_update,
    team_create,
    team_dissolve,
    team_update,
)
from gandan.mobilization.tests.teams_support import OFFICER, OTHER_OFFICER, new_village, user
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def other_officer(db):
    return user(OTHER_OFFICER)


@pytest.fixture
def village(home_commune):
    """A village of xã Sông Lô without a team."""
    return new_village(home_commune, "Thôn Đồng Gianh Mới")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def team(village, officer):
    return team_create(village=village, by=officer)


def _add(team, officer, name, roles, **extra):
    return member_add(team=team, full_name=name, roles=roles, by=officer, **extra)


# --- Teams ---------------------------------------------------------------------------------------------------------


def test_a_team_is_set_up_in_a_village_with_its_default_name_and_audit_event(village, officer, home_commune):
    team = team_create(village=village, established_on=dt.date(2025, 7, 15), decision="12-QĐ/ĐU", by=officer)
    assert team.name == "Tổ dân vận Thôn Đồng Gianh Mới"
    assert (team.unit_path, team.commune_path) == (village.path, home_commune.path)
    event = Event.objects.get(action="mobilization.team_create", object_id=str(team.pk))
    assert event.unit_path == village.path and event.actor == officer


def test_a_village_has_one_current_team(team, village, officer):
    with pytest.raises(DomainError) as caught:
        team_create(village=village, name="Tổ thứ hai", by=officer)
    assert "Tổ dân vận Thôn Đồng Gianh Mới" in caught.value.errors["village"][0]
    assert "đã có tổ dân vận" in caught.value.errors["village"][0]
    assert Team.objects.filter(village=village).count() == 1


def test_after_dissolving_the_village_may_have_a_new_team(team, village, officer, today):
    team_dissolve(team=team, on=today, by=officer)
    second = team_create(village=village, name="Tổ dân vận thôn (kiện toàn)", by=officer)
    assert Team.objects.filter(village=village).count() == 2 and second.dissolved_on is None


def test_a_team_is_only_set_up_in_a_village_of_the_officers_commune(other_commune, officer):
    foreign = new_village(other_commune, "Thôn Ngoài Xã")
    with pytest.raises(DomainError) as caught:
        team_create(village=foreign, by=officer)
    assert "village" in caught.value.errors
    assert not Team.objects.filter(village=foreign).exists()


@pytest.mark.parametrize("which", ["commune", "ended"])
def test_a_team_belongs_to_a_village_in_force(which, home_commune, officer, village, today):
    target = home_commune
    if which == "ended":
        Unit.objects.filter(pk=village.pk).update(valid_to=today)
        target = Unit.objects.get(pk=village.pk)
    with pytest.raises(DomainError) as caught:
        team_create(village=target, by=officer)
    assert "village" in caught.value.errors


def test_every_problem_of_a_team_is_reported_at_once(village, officer, today):
    with pytest.raises(DomainError) as caught:
        team_create(
            village=village,
            name="T" * 201,
            established_on=today + dt.timedelta(days=3),
            decision="Q" * 101,
            by=officer,
        )
    assert set(caught.value.errors) == {"name", "established_on", "decision"}
    assert not Team.objects.filter(village=village).exists()


def test_the_province_supervisor_reads_but_does_not_set_up_teams(village, province_supervisor):
    with pytest.raises(NotAllowed):
        team_create(village=village, by=province_supervisor)


def test_a_team_is_renamed_but_not_emptied(team, officer):
    team_update(team=team, name="Tổ dân vận số 1", decision="01-QĐ/ĐU", by=officer)
    team.refresh_from_db()
    assert (team.name, team.decision) == ("Tổ dân vận số 1", "01-QĐ/ĐU")
    with pytest.raises(DomainError) as caught:
        team_update(team=team, name="  ", by=officer)
    assert "name" in caught.value.errors


def test_dissolving_ends_the_current_members_terms_and_keeps_the_history(team, officer, today):
    leader = _add(team, officer, "Nguyễn Văn An", ["leader", "cell_secretary"])
    former = _add(team, officer, "Trần Thị Bình", ["women"], term_end=today - dt.timedelta(days=30))
    team = team_dissolve(team=team, on=today, by=officer)
    leader.refresh_from_db()
    former.refresh_from_db()
    assert team.dissolved_on == today
    assert leader.term_end == today
    assert former.term_end == today - dt.timedelta(days=30)  # an ended term stays as it was
    assert Member.objects.filter(team=team).count() == 2


def test_a_team_is_dissolved_on_a_day_that_has_come_and_once(team, officer, today):
    with pytest.raises(DomainError) as caught:
        team_dissolve(team=team, on=today + dt.timedelta(days=1), by=officer)
    assert "on" in caught.value.errors
    team_dissolve(team=team, on=today, by=officer)
    with pytest.raises(DomainError) as caught:
        team_dissolve(team=team, on=today, by=officer)
    assert NON_FIELD in caught.value.errors


# --- Members -------------------------------------------------------------------------------------------------------


def test_a_member_is_added_with_a_normalised_name_and_every_role(team, officer):
    typed = unicodedata.normalize("NFD", "  Nguyễn   Văn An ")
    member = _add(team, officer, typed, ["cell_secretary", "leader", "leader"], phone="0912 345 678")
    assert member.full_name == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", member.full_name)
    assert member.name_key == "nguyen van an"
    assert member.roles == ["leader", "cell_secretary"]
    assert member.phone == "0912345678"
    assert Event.objects.filter(action="mobilization.member_add", object_id=str(member.pk)).exists()


def test_every_problem_of_a_member_is_reported_at_once_and_nothing_is_saved(team, officer):
    with pytest.raises(DomainError) as caught:
        member_add(
            team=team,
            full_name="",
            roles=[],
            phone="12345",
            term_start=dt.date(2026, 5, 1),
            term_end=dt.date(2026, 4, 1),
            by=officer,
        )
    assert set(caught.value.errors) == {"full_name", "roles", "phone", "term_end"}
    assert "0912345678" in caught.value.errors["phone"][0]
    assert not team.members.exists()


def test_a_role_that_is_not_a_team_role_is_refused(team, officer):
    with pytest.raises(DomainError) as caught:
        _add(team, officer, "Lê Văn Cường", ["leader", "chairman"])
    assert "chairman" in caught.value.errors["roles"][0]
    assert not team.members.exists()


def test_a_person_is_once_in_a_team_whatever_the_diacritics(team, officer):
    _add(team, officer, "Nguyễn Văn An", ["member"])
    with pytest.raises(DomainError) as caught:
        _add(team, officer, "nguyen van an", ["youth"])
    assert caught.value.errors["full_name"] == ["Nguyễn Văn An đã có trong tổ."]
    assert team.members.count() == 1


def test_a_single_role_held_by_another_member_is_refused_naming_who_holds_it(team, officer):
    _add(team, officer, "Nguyễn Văn An", ["leader", "cell_secretary"])
    with pytest.raises(DomainError) as caught:
        _add(team, officer, "Phạm Văn Dũng", ["leader", "village_head"])
    message = caught.value.errors["roles"][0]
    assert "Nguyễn Văn An" in message and "tổ trưởng" in message
    assert team.members.count() == 1


def test_plain_members_and_deputies_may_be_several(team, officer):
    _add(team, officer, "Hoàng Văn Em", ["member"])
    _add(team, officer, "Đỗ Thị Giang", ["member", "deputy"])
    _add(team, officer, "Vũ Văn Hải", ["deputy"])
    assert team.members.count() == 3


def test_when_the_leader_has_left_a_new_leader_is_added(team, officer, today):
    old = _add(team, officer, "Nguyễn Văn An", ["leader"])
    member_end(member=old, on=today, by=officer)
    new = _add(team, officer, "Bùi Văn Khoa", ["leader"])
    assert new.roles == ["leader"]


def test_a_member_is_not_added_to_a_dissolved_team(team, officer, today):
    team_dissolve(team=team, on=today, by=officer)
    with pytest.raises(DomainError) as caught:
        _add(team, officer, "Lý Văn Long", ["member"])
    assert NON_FIELD in caught.value.errors


def test_another_communes_officer_cannot_change_the_team(team, other_officer):
    with pytest.raises(NotAllowed):
        _add(team, other_officer, "Lý Văn Long", ["member"])
    assert not team.members.exists()


def test_a_members_roles_change_but_not_onto_a_role_someone_holds(team, officer):
    _add(team, officer, "Nguyễn Văn An", ["village_head"])
    second = _add(team, officer, "Trần Văn Bảo", ["front_head"])
    member_update(member=second, full_name="Trần Văn Bảo", roles=["front_head", "veterans"], by=officer)
    second.refresh_from_db()
    assert second.roles == ["front_head", "veterans"]
    with pytest.raises(DomainError) as caught:
        member_update(member=second, full_name="Trần Văn Bảo", roles=["village_head"], by=officer)
    assert "Nguyễn Văn An" in caught.value.errors["roles"][0]
    second.refresh_from_db()
    assert second.roles == ["front_head", "veterans"]


def test_a_member_renamed_to_another_members_name_is_refused(team, officer):
    _add(team, officer, "Nguyễn Văn An", ["member"])
    second = _add(team, officer, "Trần Văn Bảo", ["member"])
    with pytest.raises(DomainError) as caught:
        member_update(member=second, full_name="NGUYỄN VĂN AN", roles=["member"], by=officer)
    assert "full_name" in caught.value.errors


def test_ending_a_term_is_recorded_once_and_not_before_it_started(team, officer, today):
    member = _add(team, officer, "Nguyễn Văn An", ["member"], term_start=today - dt.timedelta(days=10))
    with pytest.raises(DomainError) as caught:
        member_end(member=member, on=today - dt.timedelta(days=11), by=officer)
    assert "on" in caught.value.errors
    member_end(member=member, on=today, by=officer)
    member.refresh_from_db()
    assert member.term_end == today
    with pytest.raises(DomainError) as caught:
        member_end(member=member, on=today, by=officer)
    assert NON_FIELD in caught.value.errors
    assert Event.objects.filter(action="mobilization.member_end", object_id=str(member.pk)).count() == 1
