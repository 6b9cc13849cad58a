"""The models in the API with the staff session: registering (errors as JSON with a stable code), the decisions,
replication with its links (`copied_from`; `copies`: those the user may open and the recognised ones), and the scope
(another commune's model is a 404)."""

import pytest
from django.utils import timezone

from gandan.mobilization.models import Initiative
from gandan.mobilization.services.initiatives import initiative_replicate
from gandan.mobilization.tests.initiatives_support import (
    NAME,
    recognised,
    register,
    reviewed,
    scores,
    villages,
)
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder
API = "/api/v1/mobilization/models"


def body(**overrides) -> dict:
    values = {
        "name": NAME,
        "field": "economy",
        "owner_kind": "team",
        "owner_name": "Tổ dân vận thôn Đồng Thịnh",
        "place": "Thôn Đồng Thịnh",
        "period_start": "2025-03-01",
        "description": "Vận động hiến đất.",
        "figures": [{"label": "Hộ hiến đất", "value": 46, "unit": "hộ"}],
    }
    values.update(overrides)
    return values


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_the_staff_api_needs_a_login(client):
    assert client.get(API).status_code == 401


def test_the_officer_registers_and_takes_a_model_to_review(officer):
    client = client_for(officer)
    created = post(client, API, body())
    assert created.status_code == 201
    model_id = created.json()["id"]
    assert created.json()["figures"] == [{"label": "Hộ hiến đất", "value": 46, "unit": "hộ"}]
    assert post(client, f"{API}/{model_id}/start", {}).json()["status"] == "implementing"
    review = post(client, f"{API}/{model_id}/review", {"scores": scores(), "recommend": True})
    assert review.status_code == 201 and review.json()["total"] == sum(scores().values())


def test_a_model_without_a_field_is_a_json_error_naming_the_field(officer):
    before = Initiative.objects.count()
    response = post(client_for(officer), API, body(field=""))
    assert response.status_code == 400
    assert response.json()["code"] == "initiative_invalid"
    assert [e["field"] for e in response.json()["errors"]] == ["field"]
    assert Initiative.objects.count() == before  # the demo may hold a model of the same name


def test_an_illegal_transition_is_a_409(officer):
    model = register(officer)
    response = post(client_for(officer), f"{API}/{model.pk}/review", {"scores": scores(), "recommend": True})
    assert response.status_code == 409 and response.json()["code"] == "transition_not_allowed"


def test_the_officer_may_not_recognise_and_the_secretary_may(officer, secretary):
    model = reviewed(officer)
    payload = {"level": "commune", "decision": "7/QĐ-UBND", "on": timezone.localdate().isoformat()}
    assert post(client_for(officer), f"{API}/{model.pk}/recognise", payload).status_code == 403
    done = post(client_for(secretary), f"{API}/{model.pk}/recognise", payload)
    assert done.status_code == 200 and done.json()["level"] == "commune"
    province = post(client_for(secretary), f"{API}/{model.pk}/recognise", {**payload, "level": "province"})
    assert province.status_code == 403 and province.json()["code"] == "province_level_only"


def test_another_commune_replicates_and_the_links_show_both_ways_once_the_copy_is_recognised(
    officer, secretary, other_officer, other_secretary
):
    source = recognised(officer, secretary)
    copy = post(
        client_for(other_officer), f"{API}/{source.pk}/replicate", {"owner_kind": "team", "owner_name": "Tổ"}
    )
    assert copy.status_code == 201 and copy.json()["copied_from"] == source.pk
    assert copy.json()["commune"] == other_officer.unit.code
    copy_id = copy.json()["id"]
    home = client_for(officer)

    def copies_seen() -> tuple[list[int], list[int]]:
        """The source's `copies` as the officer of its commune reads them: one model, and in the list."""
        listed = home.get(API, {"worklist": "recognised", "limit": 1000}).json()["items"]
        in_list = next(row for row in listed if row["id"] == source.pk)["copies"]
        return home.get(f"{API}/{source.pk}").json()["copies"], in_list

    # Still the other commune's work: not named to the source's commune.
    assert copies_seen() == ([], [])
    village = villages(officer.unit)[0]
    home_copy = initiative_replicate(
        source=source, commune=officer.unit, village=village, owner_kind="team", owner_name="T", by=officer
    )
    assert copies_seen() == ([home_copy.pk], [home_copy.pk])  # his own copy, which he may open
    other = client_for(other_officer)
    assert post(other, f"{API}/{copy_id}/start", {}).status_code == 200
    assert post(other, f"{API}/{copy_id}/review", {"scores": scores(), "recommend": True}).status_code == 201
    today = timezone.localdate().isoformat()
    done = post(
        client_for(other_secretary),
        f"{API}/{copy_id}/recognise",
        {"level": "grassroots", "decision": "8/QĐ-UBND", "on": today},
    )
    assert done.status_code == 200
    assert copies_seen() == ([copy_id, home_copy.pk], [copy_id, home_copy.pk])


def test_another_commune_s_model_is_a_404_and_absent_from_the_list(officer, other_officer):
    model = register(officer)
    client = client_for(other_officer)
    assert client.get(f"{API}/{model.pk}").status_code == 404
    assert model.pk not in [row["id"] for row in client.get(API, {"limit": 1000}).json()["items"]]
    assert post(client, f"{API}/{model.pk}/start", {}).status_code == 404


def test_a_model_not_recognised_cannot_be_replicated(officer, other_officer):
    model = reviewed(officer)
    response = post(
        client_for(other_officer), f"{API}/{model.pk}/replicate", {"owner_kind": "team", "owner_name": "T"}
    )
    assert response.status_code == 404
