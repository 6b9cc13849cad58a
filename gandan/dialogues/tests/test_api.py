"""The API under /api/v1/dialogues/: public reads without a login (only dialogues shown on the portal, askers by
initials, never contacts), the whole record for an officer of the dialogue's units (404 for another commune's), a
question sent without a login with the form's rules and limits, the lookup by code, and the staff worklist of
commitments (401 without a login)."""

import datetime as dt

import pytest
from django.test import Client

from gandan.dialogues.models import Question
from gandan.dialogues.tests.factories import ASKER, EMAIL, PHONE, held_with_commitment, planned, villages
from gandan.kit.history import clock_at
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/dialogues"


def test_the_public_list_holds_only_dialogues_shown_on_the_portal(home_commune):
    shown = planned(home_commune, title="Đối thoại về đất đai")
    hidden = planned(home_commune, title="Đối thoại chưa công khai", public=False)
    body = Client().get(f"{API}/dialogues", {"xa": home_commune.code, "limit": 100}).json()
    ids = {item["id"] for item in body["items"]}
    assert shown.pk in ids and hidden.pk not in ids
    item = next(i for i in body["items"] if i["id"] == shown.pk)
    assert item["accepting_questions"] is True and item["public"] is None and item["minutes"] is None
    assert Client().get(f"{API}/dialogues/{hidden.pk}").status_code == 404


def test_an_officer_reads_his_units_dialogues_and_not_another_communes(
    home_commune, organiser, foreign_organiser
):
    hidden = planned(home_commune, title="Đối thoại chưa công khai", public=False)
    mine = client_for(organiser).get(f"{API}/dialogues/{hidden.pk}")
    assert mine.status_code == 200 and mine.json()["public"] is False
    assert client_for(foreign_organiser).get(f"{API}/dialogues/{hidden.pk}").status_code == 404
    listed = client_for(foreign_organiser).get(f"{API}/dialogues", {"limit": 100}).json()
    assert hidden.pk not in {i["id"] for i in listed["items"]}


def test_public_questions_never_carry_contacts_and_staff_get_the_whole_record(home_commune, organiser):
    dialogue, question, _commitment = held_with_commitment(home_commune)
    public = Client().get(f"{API}/dialogues/{dialogue.pk}/questions")
    assert public.status_code == 200
    raw = public.content.decode()
    assert ASKER not in raw and PHONE not in raw and EMAIL not in raw
    first = public.json()[0]
    assert first["asker"].startswith("N.V.T.") and first["asker_name"] is None
    assert first["commitments"][0]["state"] == "in_progress"
    staff = client_for(organiser).get(f"{API}/dialogues/{dialogue.pk}/questions")
    whole = staff.json()[0]
    assert whole["asker_name"] == ASKER and whole["code"] == question.code
    assert PHONE not in staff.content.decode() and EMAIL not in staff.content.decode()


def test_a_question_is_sent_without_a_login(home_commune):
    dialogue = planned(home_commune)
    village = villages(home_commune)[0]
    payload = {
        "name": "Lê Văn Cường",
        "village_id": village.pk,
        "text": "Mương tưới nội đồng bị bồi lấp.",
        "consent": True,
    }
    response = Client().post(
        f"{API}/dialogues/{dialogue.pk}/questions", payload, content_type="application/json"
    )
    assert response.status_code == 201
    code = response.json()["code"]
    question = Question.objects.get(code=code)
    assert question.channel == "portal" and question.village == village
    found = Client().get(f"{API}/questions/{code}")
    assert found.status_code == 200 and found.json()["question"]["text"] == "Mương tưới nội đồng bị bồi lấp."


def test_a_question_with_bad_fields_gets_every_problem_and_nothing_is_saved(home_commune, other_commune):
    dialogue = planned(home_commune)
    payload = {
        "name": "Lê Văn Cường",
        "village_id": villages(other_commune)[0].pk,
        "phone": "123",
        "text": "Mương?",
        "consent": True,
    }
    response = Client().post(
        f"{API}/dialogues/{dialogue.pk}/questions", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "question_invalid"
    assert {e["field"] for e in response.json()["errors"]} == {"village_id"}
    payload["village_id"] = villages(home_commune)[0].pk
    again = Client().post(
        f"{API}/dialogues/{dialogue.pk}/questions", payload, content_type="application/json"
    )
    assert {e["field"] for e in again.json()["errors"]} == {"phone", "text"}
    assert not Question.objects.filter(dialogue=dialogue).exists()


def test_a_question_after_the_deadline_is_refused(home_commune):
    dialogue = planned(home_commune)
    payload = {
        "name": "Lê Văn Cường",
        "village_id": villages(home_commune)[0].pk,
        "text": "Mương tưới bị bồi lấp.",
        "consent": True,
    }
    with clock_at(dialogue.questions_until + dt.timedelta(minutes=5)):
        response = Client().post(
            f"{API}/dialogues/{dialogue.pk}/questions", payload, content_type="application/json"
        )
    assert response.status_code == 409 and response.json()["code"] == "questions_closed"


def test_sending_is_limited_like_the_form(home_commune, settings):
    settings.GANDAN_SUBMITS_PER_PHONE = 1
    dialogue = planned(home_commune)
    payload = {
        "name": "Lê Văn Cường",
        "village_id": villages(home_commune)[0].pk,
        "phone": "0912000111",
        "text": "Mương tưới bị bồi lấp.",
        "consent": True,
    }
    url = f"{API}/dialogues/{dialogue.pk}/questions"
    assert Client().post(url, payload, content_type="application/json").status_code == 201
    again = Client().post(url, payload, content_type="application/json")
    assert again.status_code == 429 and again.json()["code"] == "too_many_submissions"


def test_the_commitments_read_publicly_and_the_worklist_needs_a_login(
    home_commune, organiser, foreign_organiser
):
    dialogue, _question, commitment = held_with_commitment(home_commune)
    public = Client().get(f"{API}/dialogues/{dialogue.pk}/commitments").json()
    assert (
        public[0]["id"] == commitment.pk and public[0]["updates"][0]["note"] == "Đã khảo sát và lập dự toán."
    )
    assert Client().get(f"{API}/commitments/{commitment.pk}").status_code == 200
    assert Client().get(f"{API}/commitments").status_code == 401
    mine = client_for(organiser).get(f"{API}/commitments", {"state": "unfinished", "limit": 100}).json()
    assert commitment.pk in {c["id"] for c in mine["items"]}
    theirs = client_for(foreign_organiser).get(f"{API}/commitments", {"limit": 100}).json()
    assert commitment.pk not in {c["id"] for c in theirs["items"]}


def test_an_unknown_code_is_not_found(db):
    assert Client().get(f"{API}/questions/CH-ZZZZ-ZZZZ").status_code == 404


def test_the_endpoints_are_documented(db):
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert f"{API}/dialogues/{{dialogue_id}}/questions" in paths
    assert "post" in paths[f"{API}/dialogues/{{dialogue_id}}/questions"]
    assert f"{API}/questions/{{code}}" in paths
