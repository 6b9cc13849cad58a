"""The household votes' API: an officer lists and reads the votes of their commune (404 for another commune's draft);
anyone reads a counted vote and casts an online ballot with a household's code (the same refusals as the page); and
the public calculator answers whether Y agreeing households out of all H pass matter M — 422 with a Vietnamese
message for impossible input."""

import pytest
from django.test import Client

from gandan.democracy.models import Ballot
from gandan.democracy.services.ballots import codes_issue
from gandan.democracy.services.vote_results import vote_count
from gandan.democracy.tests.votes_support import (
    BOARD,
    OFFICER,
    OTHER_OFFICER,
    at,
    new_village,
    opened,
    prepared,
    register,
    user,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
RULES = "/api/v1/democracy/rules/vote"


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def village(home_commune):
    found = new_village(home_commune, "Thôn Đồng Bầu")
    register(found, 120)
    return found


def _ids(payload) -> set[int]:
    return {item["id"] for item in payload["items"]}


def test_an_officer_reads_their_communes_votes_and_not_anothers(officer, village):
    draft = prepared(village, officer)
    mine, theirs = client_for(officer), client_for(user(OTHER_OFFICER))
    assert draft.pk in _ids(mine.get("/api/v1/democracy/votes?limit=500").json())
    assert draft.pk not in _ids(theirs.get("/api/v1/democracy/votes?limit=500").json())
    detail = mine.get(f"/api/v1/democracy/votes/{draft.pk}").json()
    assert detail["status"] == "draft" and detail["counting_board"] == BOARD.splitlines()
    assert theirs.get(f"/api/v1/democracy/votes/{draft.pk}").status_code == 404
    assert Client().get(f"/api/v1/democracy/votes/{draft.pk}").status_code == 404
    assert draft.pk not in _ids(Client().get("/api/v1/democracy/votes?limit=500").json())


def test_a_counted_vote_is_public_with_its_result(officer, village):
    vote = vote_count(
        vote=opened(village, officer), counting_board=BOARD, present=85, yes=78, no=5, blank=2, by=officer
    )
    public = Client().get(f"/api/v1/democracy/votes/{vote.pk}")
    assert public.status_code == 200
    body = public.json()
    assert (body["households"], body["present"], body["absent"], body["needed"], body["passed"]) == (
        120,
        85,
        35,
        80,
        False,
    )
    assert body["result"].startswith("Không thông qua: 78/85")
    assert body["counting_board"] is None  # staff only
    assert vote.pk in _ids(Client().get("/api/v1/democracy/votes?limit=500").json())


def test_an_online_ballot_through_the_api(officer, home_commune):
    online = new_village(home_commune, "Thôn Mạng")
    register(online, 4, opted_in=3)
    vote = opened(online, officer, matter=6, form="online", closes_at=at(days=1))
    code = codes_issue(vote=vote, by=officer)[0].code
    url = f"/api/v1/democracy/votes/{vote.pk}/ballots"
    sent = Client().post(url, {"code": code, "choice": "yes"}, content_type="application/json")
    assert sent.status_code == 201 and sent.json()["household"] == "1"
    again = Client().post(url, {"code": code, "choice": "no"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "ballot_exists"
    wrong = Client().post(url, {"code": "ZZZZZ-ZZZZZ", "choice": "yes"}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "code"
    bad = Client().post(url, {"code": code, "choice": "maybe"}, content_type="application/json")
    assert bad.status_code == 422
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_ballot_for_a_vote_not_taking_ballots_is_404(officer, village):
    draft = prepared(village, officer)
    answer = Client().post(
        f"/api/v1/democracy/votes/{draft.pk}/ballots",
        {"code": "AAAAA-BBBBB", "choice": "yes"},
        content_type="application/json",
    )
    assert answer.status_code == 404


@pytest.mark.parametrize(
    "query, passed, needed, threshold",
    [
        ("matter=1&households=120&yes=78", False, 80, "two_thirds"),
        ("matter=1&households=120&yes=80", True, 80, "two_thirds"),
        ("matter=2&households=3&yes=2", True, 2, "two_thirds"),
        ("matter=3&households=120&yes=60", False, 61, "majority"),
        ("matter=6&households=120&yes=61", True, 61, "majority"),
    ],
)
def test_the_calculator_counts_against_all_households(query, passed, needed, threshold):
    body = Client().get(f"{RULES}?{query}").json()
    assert (body["passed"], body["needed"], body["threshold"]) == (passed, needed, threshold)
    assert "10/2022/QH15" in body["basis"]


def test_the_calculator_allows_online_only_for_other_matters_after_more_than_half_opted_in():
    assert Client().get(f"{RULES}?matter=6&households=120&yes=0&online_optin=61").json()["forms_allowed"] == [
        "meeting",
        "ballot",
        "online",
    ]
    half = Client().get(f"{RULES}?matter=6&households=120&yes=0&online_optin=60").json()
    assert half["online_allowed"] is False and "online" not in half["forms_allowed"]
    contribution = Client().get(f"{RULES}?matter=1&households=120&yes=0&online_optin=120").json()
    assert contribution["online_allowed"] is False and contribution["forms_allowed"] == ["meeting", "ballot"]
    assert set(contribution) == {
        "matter",
        "passed",
        "needed",
        "threshold",
        "forms_allowed",
        "online_allowed",
        "basis",
    }


@pytest.mark.parametrize(
    "query, field",
    [
        ("matter=7&households=10&yes=1", "matter"),
        ("matter=0&households=10&yes=1", "matter"),
        ("matter=1&households=0&yes=0", "households"),
        ("matter=1&households=10&yes=11", "yes"),
        ("matter=1&households=10&yes=-1", "yes"),
        ("matter=6&households=10&yes=1&online_optin=11", "online_optin"),
        ("matter=abc&households=10&yes=1", "matter"),
        ("households=10&yes=1", "matter"),
    ],
)
def test_the_calculator_refuses_bad_input_in_vietnamese(query, field):
    answer = Client().get(f"{RULES}?{query}", HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code == 422
    body = answer.json()
    assert field in {e["field"] for e in body["errors"]}
    assert any(ch in body["message"] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
