"""The activities' API under /api/v1/mobilization/activities: the scoped list with its filters and pages (a mediation
case without its content), one activity (404 outside the officer's units), recording one (201; every refused field
at once under a stable code; nothing saved), and the role."""

import json

import pytest

from gandan.mobilization.models import Activity
from gandan.mobilization.tests.support_activities import (
    campaign,
    days_ago,
    mediation,
    meeting,
    note,
    officer,
    other_officer,
    other_team,
    teams,
)
from gandan.opinion.models import Signal
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
__all__ = ["officer", "other_officer", "other_team", "teams"]  # fixtures

API = "/api/v1/mobilization/activities"


def post_json(client, body):
    return client.post(API, json.dumps(body), content_type="application/json")


@pytest.fixture
def season(officer, teams):
    return {
        "meeting": meeting(officer, teams[0]),
        "campaign": campaign(officer, [teams[1].village], title="Phân loại rác tại nguồn"),
        "mediation": mediation(officer, teams[1], content="Bà Đỗ Thị Nhung xây tường lấn lối đi."),
        "note": note(officer, teams[2]),
    }


def test_the_list_is_scoped_filtered_and_paged(officer, other_officer, teams, season):
    client = client_for(officer)
    body = client.get(API, {"limit": 2}).json()
    assert body["count"] >= 4 and len(body["items"]) == 2
    ids = {item["id"] for item in client.get(API, {"limit": 1000}).json()["items"]}
    assert {a.pk for a in season.values()} <= ids
    theirs = {item["id"] for item in client_for(other_officer).get(API, {"limit": 1000}).json()["items"]}
    assert not theirs & {a.pk for a in season.values()}
    found = client.get(
        API, {"kind": "campaign", "q": "phan loai rac", "date_from": days_ago(30).isoformat()}
    ).json()
    assert [item["title"] for item in found["items"]] == ["Phân loại rác tại nguồn"]
    by_team = client.get(API, {"team_id": teams[1].pk, "limit": 1000}).json()["items"]
    assert {item["id"] for item in by_team} >= {season["mediation"].pk}
    assert all(item["team"]["id"] == teams[1].pk for item in by_team)


def test_a_mediation_case_is_listed_without_its_content_but_opened_with_it(officer, season):
    client = client_for(officer)
    listed = next(
        i for i in client.get(API, {"kind": "mediation"}).json()["items"] if i["id"] == season["mediation"].pk
    )
    assert listed["content"] is None and listed["outcome"] is None and listed["mediation_result"] == "success"
    detail = client.get(f"{API}/{season['mediation'].pk}").json()
    assert "Đỗ Thị Nhung" in detail["content"]
    assert detail["villages"] == [
        {"id": season["mediation"].team.village.pk, "name": season["mediation"].team.village.name}
    ]


def test_another_communes_activity_is_not_found(other_officer, season):
    response = client_for(other_officer).get(f"{API}/{season['note'].pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client_for(other_officer).get(f"{API}/99999999999").status_code == 404


def test_recording_a_note_through_the_api_makes_its_signal(officer, teams):
    response = post_json(
        client_for(officer),
        {
            "kind": "note",
            "held_on": days_ago(1).isoformat(),
            "team_id": teams[0].pk,
            "content": "Bà con hỏi bao giờ sửa trạm bơm.",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "note" and body["team"]["village"]["id"] == teams[0].village.pk
    assert Signal.objects.filter(source_kind="mobilization_note", source_id=str(body["id"])).exists()


def test_a_refused_activity_says_every_field_and_saves_nothing(officer, other_team):
    before = Activity.objects.count()
    response = post_json(
        client_for(officer), {"kind": "campaign", "held_on": "2099-01-01", "village_ids": []}
    )
    body = response.json()
    assert response.status_code == 400 and body["code"] == "activity_invalid"
    assert {e["field"] for e in body["errors"]} == {"held_on", "title", "village_ids", "people_reached"}
    foreign = post_json(
        client_for(officer),
        {"kind": "note", "held_on": days_ago(1).isoformat(), "team_id": other_team.pk, "content": "Ý kiến."},
    )
    assert foreign.status_code == 400 and foreign.json()["errors"][0]["field"] == "team_id"
    garbled = post_json(client_for(officer), {"kind": "meeting", "held_on": "0000-01-01"})
    assert garbled.status_code == 422 and garbled.json()["code"] == "invalid_input"
    assert Activity.objects.count() == before


def test_the_api_needs_the_role(client, desk_officer, inspector, teams):
    assert client.get(API).status_code == 401
    assert client_for(desk_officer).get(API).status_code == 403
    assert client_for(inspector).get(API).status_code == 200  # may read
    response = post_json(
        client_for(inspector),
        {"kind": "note", "held_on": days_ago(1).isoformat(), "team_id": teams[0].pk, "content": "Ý kiến."},
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
