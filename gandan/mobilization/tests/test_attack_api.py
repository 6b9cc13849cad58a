"""What an attacker sends to the mobilisation API: ids no database holds, and refusals a client must be able to tie
to the field it sent. Each is a JSON error with a code naming the client's own field; never a 500, nothing saved."""

import json

import pytest

from gandan.mobilization.models import Activity, Initiative, Team
from gandan.mobilization.tests.initiatives_support import recognised, user, villages
from gandan.mobilization.tests.support_activities import days_ago, officer
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
__all__ = ["officer"]  # fixtures


@pytest.fixture
def secretary(db):
    return user("bithu.songlo")


API = "/api/v1/mobilization"


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_village_id_beyond_any_database_is_refused_in_json(officer):
    before = Activity.objects.count()
    for ids in ([10**20], [0], [-1]):
        response = post_json(
            client_for(officer),
            f"{API}/activities",
            {
                "kind": "campaign",
                "held_on": days_ago(1).isoformat(),
                "title": "Vận động",
                "village_ids": ids,
                "people_reached": 5,
            },
        )
        assert response.status_code in (400, 422), ids
        body = response.json()
        assert body["code"] in {"invalid_input", "activity_invalid"}
        assert body["errors"][0]["field"].startswith("village_ids")
    assert Activity.objects.count() == before


def _fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def test_a_village_that_already_has_a_team_is_named_by_the_field_the_client_sent(officer):
    taken = Team.objects.filter(commune_path=officer.unit.path, dissolved_on__isnull=True).first()
    before = Team.objects.count()
    response = post_json(client_for(officer), f"{API}/teams", {"village_id": taken.village_id})
    assert response.status_code == 400 and response.json()["code"] == "team_invalid"
    assert _fields(response) == {"village_id"}
    assert Team.objects.count() == before


def test_a_replication_where_the_model_already_runs_names_village_id(officer, secretary):
    village = villages(officer.unit)[0]
    source = recognised(officer, secretary, village=village, name="Mô hình bến đò an toàn")
    before = Initiative.objects.count()
    response = post_json(
        client_for(officer),
        f"{API}/models/{source.pk}/replicate",
        {"owner_kind": "team", "owner_name": "Tổ dân vận", "village_id": village.pk},
    )
    assert response.status_code == 400 and response.json()["code"] == "replication_invalid"
    assert "village_id" in _fields(response) and "village" not in _fields(response)
    assert Initiative.objects.count() == before
