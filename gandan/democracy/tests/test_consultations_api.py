"""The consultations' and covenants' API: public reads of what was opened (never a draft, never a contact), an
opinion sent only while the consultation is open and limited like the portal's form; the covenants of my units
scoped like the pages (404 in another commune, 401 without a login) and the covenants in force for everyone."""

import pytest
from django.test import Client

from gandan.democracy.models import Comment
from gandan.democracy.services import consultations as services
from gandan.democracy.services import covenants as covenant_services
from gandan.democracy.tests.support import chairman, days, draft, officer, opened, user, villages_of
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]
__all__ = ["chairman", "officer"]  # fixtures
BASE = "/api/v1/democracy"


def _ids(payload) -> set[int]:
    return {item["id"] for item in payload["items"]}


def test_the_public_list_and_detail_never_show_a_draft(officer):
    shown, hidden = opened(officer), draft(officer)
    listing = Client().get(f"{BASE}/consultations?limit=50")
    assert listing.status_code == 200
    assert shown.pk in _ids(listing.json()) and hidden.pk not in _ids(listing.json())
    detail = Client().get(f"{BASE}/consultations/{shown.pk}").json()
    assert detail["phase"] == "open" and [s["number"] for s in detail["sections"]] == [1, 2]
    assert detail["summary"] is None and detail["comments"] == []
    assert Client().get(f"{BASE}/consultations/{hidden.pk}").status_code == 404


def test_an_opinion_is_sent_while_open_and_refused_outside(officer, home_commune):
    made = opened(officer)
    village = villages_of(home_commune)[0]
    sent = Client().post(
        f"{BASE}/consultations/{made.pk}/comments",
        {"text": "Ủng hộ xây chợ.", "village_id": village.pk, "contact": "0912345678"},
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["consultation"] == made.pk
    assert Comment.objects.get(pk=sent.json()["id"]).channel == "portal"
    over = opened(officer, opens=days(-9), closes=days(-1))
    late = Client().post(
        f"{BASE}/consultations/{over.pk}/comments", {"text": "Muộn"}, content_type="application/json"
    )
    assert late.status_code == 400 and late.json()["code"] == "consultation_not_open"
    foreign = Client().post(
        f"{BASE}/consultations/{made.pk}/comments",
        {"text": "X", "section_id": 999999},
        content_type="application/json",
    )
    assert foreign.status_code == 400 and foreign.json()["errors"][0]["field"] == "section_id"


def test_opinions_sent_through_the_api_meet_the_same_limit(officer, settings):
    settings.GANDAN_SUBMITS_PER_ADDRESS = 1
    made = opened(officer)
    url = f"{BASE}/consultations/{made.pk}/comments"
    assert Client().post(url, {"text": "Một"}, content_type="application/json").status_code == 201
    again = Client().post(url, {"text": "Hai"}, content_type="application/json")
    assert again.status_code == 429 and again.json()["code"] == "too_many_submissions"


def test_the_published_answers_carry_no_contact(officer):
    made = opened(officer, opens=days(-9), closes=days(-1))
    comment = services.comment_enter(
        consultation=made, channel="hotline", text="Cần thêm đèn", contact="0977111222", by=officer
    )
    services.comment_consider(comment=comment, disposition="accepted", by=officer)
    services.consultation_summarise(consultation=made, summary="Tổng hợp", by=officer)
    services.consultation_publish(consultation=made, by=officer)
    body = Client().get(f"{BASE}/consultations/{made.pk}")
    payload = body.json()
    assert payload["summary"] == "Tổng hợp" and payload["comments"][0]["disposition"] == "accepted"
    assert "0977111222" not in body.content.decode() and "contact" not in payload["comments"][0]


def test_covenants_are_read_in_my_units_only_and_those_in_force_by_everyone(officer, chairman, home_commune):
    village = villages_of(home_commune)[0]
    covenant = covenant_services.covenant_create(
        village=village, title="Hương ước", text="Điều 1.", by=officer
    )
    url = f"{BASE}/covenants/{covenant.pk}"
    mine = client_for(officer).get(url)
    assert mine.status_code == 200 and mine.json()["versions"][0]["number"] == 1
    assert client_for(user("danvan.tamson")).get(url).status_code == 404
    assert Client().get(url).status_code == 401
    assert covenant.pk in _ids(client_for(officer).get(f"{BASE}/covenants").json())
    assert covenant.pk not in _ids(client_for(user("danvan.tamson")).get(f"{BASE}/covenants").json())
    assert Client().get(f"{BASE}/covenants").status_code == 401
    assert covenant.pk not in _ids(Client().get(f"{BASE}/covenants/in-force").json())
    covenant_services.covenant_to_vote(covenant=covenant, by=officer)
    covenant_services.covenant_adoption_record(
        covenant=covenant, households=50, present=40, yes=30, voted_on=days(-1), by=officer
    )
    covenant_services.covenant_submit(covenant=covenant, submitted_on=days(0), by=officer)
    covenant_services.covenant_recognise(
        covenant=covenant, decision_ref="3/QĐ-UBND", recognised_on=days(0), by=chairman
    )
    public = Client().get(f"{BASE}/covenants/in-force?commune={home_commune.code}").json()
    assert [(c["id"], c["text"]) for c in public["items"]] == [(covenant.pk, "Điều 1.")]
