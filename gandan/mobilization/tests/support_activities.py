"""What the activities' tests share: teams made directly (the teams' own services are another concern), the officers
of xã Sông Lô and xã Tam Sơn, and a shortcut to record an activity through the service."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.models import User
from gandan.mobilization.models import Team
from gandan.mobilization.services.activities import activity_record
from gandan.units.models import Unit


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def villages_of(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind="village", valid_to__isnull=True).order_by(
            "name_search", "id"
        )
    )


def team_for(village: Unit, *, by: User) -> Team:
    """The village's current team: the one that exists (a demo may have made it), or a new one."""
    found = Team.objects.filter(village=village, dissolved_on__isnull=True).first()
    if found is not None:
        return found
    commune = village.parent
    assert commune is not None
    return Team.objects.create(
        village=village,
        unit_path=village.path,
        commune_path=commune.path,
        name=f"Tổ dân vận {village.name[:1].lower()}{village.name[1:]}",
        established_on=dt.date(2025, 8, 1),
        created_by=by,
    )


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def officer(db) -> User:
    return user("danvan.songlo")


@pytest.fixture
def other_officer(db) -> User:
    return user("danvan.tamson")


@pytest.fixture
def teams(home_commune, officer) -> list[Team]:
    """Teams of the first three villages of xã Sông Lô."""
    return [team_for(v, by=officer) for v in villages_of(home_commune)[:3]]


@pytest.fixture
def other_team(other_commune, other_officer) -> Team:
    return team_for(villages_of(other_commune)[0], by=other_officer)


def meeting(officer: User, team: Team, **overrides):
    facts = {
        "commune": officer.unit,
        "kind": "meeting",
        "held_on": days_ago(3),
        "team": team,
        "content": "Quán triệt kế hoạch tháng; nắm tình hình tư tưởng nhân dân.",
        "attendees": 9,
        "by": officer,
    }
    return activity_record(**{**facts, **overrides})


def campaign(officer: User, villages: list[Unit], **overrides):
    facts = {
        "commune": officer.unit,
        "kind": "campaign",
        "held_on": days_ago(10),
        "title": "Vận động phân loại rác thải tại nguồn",
        "content": "Phát tờ rơi, hướng dẫn từng hộ.",
        "villages": villages,
        "people_reached": 420,
        "by": officer,
    }
    return activity_record(**{**facts, **overrides})


def mediation(officer: User, team: Team, **overrides):
    facts = {
        "commune": officer.unit,
        "kind": "mediation",
        "held_on": days_ago(5),
        "team": team,
        "title": "Tranh chấp lối đi chung",
        "content": "Bà Đỗ Thị Nhung xây tường lấn lối đi chung của bốn hộ.",
        "mediation_result": "success",
        "by": officer,
    }
    return activity_record(**{**facts, **overrides})


def note(officer: User, team: Team, **overrides):
    facts = {
        "commune": officer.unit,
        "kind": "note",
        "held_on": days_ago(1),
        "team": team,
        "content": "Bà con phản ánh tàu hút cát hoạt động cả đêm, bờ sông sạt lở vào ruộng ngô.",
        "by": officer,
    }
    return activity_record(**{**facts, **overrides})
