"""What an attacker sends to the mobilisation API: ids no database holds, and refusals a client must be able to tie
to the field it sent. Each is a JSON error with a code naming the client's own field; never a 500, nothing saved."""

import json

import pytest

from gandan.mobilization.models import Activity
from gandan.mobilization.tests.support_activities import days_ago, officer
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
__all__ = ["officer"]  # fixtures

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
