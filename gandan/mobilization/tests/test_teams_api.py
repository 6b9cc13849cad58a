"""The tổ dân vận API: teams of my area a page at a time, one team with its members, setting a team up and adding a
member (refusals as JSON with a stable code), and the coverage; all scoped like the pages."""

import json

import pytest
from django.utils import translation

from gandan.mobilization.models import Team
from gandan.mobilization.tests.teams_support import OFFICER, OTHER_OFFICER, new_village, user
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/mobilization"


@pytest.fixture
def client(db):
    return client_for(user(OFFICER))


@pytest.fixture
def team(home_commune):
    return Team.objects.filter(village__parent=home_commune, dissolved_on__isnull=True).order_by("pk").first()


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi")


def test_the_teams_of_my_commune_a_page_at_a_time(client, home_commune, other_commune):
    body = client.get(f"{API}/teams", {"limit": 3}).json()
    assert (
        body["count"]
        == Team.objects.filter(commune_path=home_commune.path, dissolved_on__isnull=True).count()
    )
    assert len(body["items"]) == 3
    assert all(item["commune_id"] == home_commune.pk for item in body["items"])
    assert all(6 <= item["member_count"] <= 9 for item in body["items"])
    assert client.get(f"{API}/teams", {"commune_id": other_commune.pk}).status_code == 404


def test_one_team_with_its_members(client, team):
    body = client.get(f"{API}/teams/{team.pk}").json()
    assert body["name"] == team.name and body["member_count"] == len(body["members"])
    first = body["members"][0]
    assert {"full_name", "roles", "role_labels", "phone", "term_start"} <= set(first)


def test_another_communes_team_is_not_found(team):
    response = client_for(user(OTHER_OFFICER)).get(f"{API}/teams/{team.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_setting_up_a_team_and_adding_members(client, home_commune):
    village = new_village(home_commune, "Thôn Đồng Gianh Mới")
    response = _post(client, f"{API}/teams", {"village_id": village.pk, "decision": "12-QĐ/ĐU"})
    assert response.status_code == 201
    team_id = response.json()["id"]
    assert response.json()["name"] == "Tổ dân vận Thôn Đồng Gianh Mới"
    added = _post(
        client, f"{API}/teams/{team_id}/members", {"full_name": "Nguyễn Văn An", "roles": ["leader"]}
    )
    assert added.status_code == 201 and added.json()["roles"] == ["leader"]
    again = _post(client, f"{API}/teams", {"village_id": village.pk})
    assert again.status_code == 400 and again.json()["code"] == "team_invalid"


def test_a_refused_member_lists_every_problem(client, team):
    leader = next(m for m in team.members.all() if "leader" in m.roles)
    with translation.override("vi"):
        response = _post(
            client,
            f"{API}/teams/{team.pk}/members",
            {"full_name": leader.full_name, "roles": ["leader"], "phone": "1"},
        )
    body = response.json()
    assert response.status_code == 400 and body["code"] == "member_invalid"
    assert {e["field"] for e in body["errors"]} == {"full_name", "roles", "phone"}


def test_the_other_commune_cannot_add_to_my_team(team):
    response = _post(
        client_for(user(OTHER_OFFICER)),
        f"{API}/teams/{team.pk}/members",
        {"full_name": "A", "roles": ["member"]},
    )
    assert response.status_code == 404


def test_the_province_reads_the_coverage_but_sets_up_no_team(province_supervisor, home_commune):
    client = client_for(province_supervisor)
    body = client.get(f"{API}/coverage").json()
    songlo = next(c for c in body["communes"] if c["commune_id"] == home_commune.pk)
    assert songlo["villages"] == 7 and songlo["villages_without_team"] == 1
    assert songlo["teams_missing"]["leader"] == 1
    assert body["totals"]["members"] == sum(c["members"] for c in body["communes"])
    assert songlo["village_rows"] is None
    one = client.get(f"{API}/coverage", {"commune_id": home_commune.pk}).json()
    assert len(one["communes"]) == 1 and len(one["communes"][0]["village_rows"]) == 7
    assert _post(client, f"{API}/teams", {"village_id": 1}).status_code == 403


def test_the_api_needs_a_login(client, team):
    from django.test import Client

    assert Client().get(f"{API}/teams").status_code == 401
    assert Client().get(f"{API}/coverage").status_code == 401
