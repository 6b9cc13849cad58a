"""Careless and hostile input on the public forms of dialogues and consultations: NUL bytes, oversized texts, a
village of another commune, ids that are not numbers — a clear 4xx and nothing saved, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from gandan.democracy.models import Comment
from gandan.democracy.tests.support import officer, opened, villages_of
from gandan.dialogues.models import Question
from gandan.dialogues.tests.factories import planned, villages

pytestmark = pytest.mark.django_db
__all__ = ["officer"]


def _question(where, **changes) -> dict:
    data = {
        "name": "Phạm Thị Hạnh",
        "village": where.pk,
        "phone": "0977 111 222",
        "email": "",
        "text": "Bãi rác ven đê gây ô nhiễm, đề nghị xã xử lý dứt điểm.",
        "consent": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"text": "Bãi rác\x00 ven đê gây ô nhiễm nặng."},
        {"name": "Phạm\x00 Hạnh"},
        {"text": "Bãi rác ven đê. " * 2000},
        {"name": "A" * 5000},
        {"village": "abc"},
        {"village": "99999999999999999999999"},
        {"email": "a@" + "b" * 300 + ".vn"},
    ],
)
def test_a_hostile_question_is_refused_plainly(home_commune, changes):
    dialogue = planned(home_commune)
    village = villages(home_commune)[0]
    response = Client().post(
        reverse("dialogues_public:ask", args=[dialogue.pk]), _question(village, **changes)
    )
    assert response.status_code == 422
    assert not Question.objects.filter(dialogue=dialogue).exists()


def test_a_question_for_a_village_of_another_commune_is_refused(home_commune, other_commune):
    dialogue = planned(home_commune)
    response = Client().post(
        reverse("dialogues_public:ask", args=[dialogue.pk]), _question(villages(other_commune)[0])
    )
    assert response.status_code == 422
    assert not Question.objects.filter(dialogue=dialogue).exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"text": "Đề nghị\x00 làm rãnh thoát nước."},
        {"author_name": "Bà\x00 Hạnh"},
        {"contact": "0987\x00654321"},
        {"text": "Đề nghị làm rãnh. " * 5000},
        {"author_name": "A" * 5000},
        {"contact": "9" * 5000},
        {"village": "abc"},
        {"section": "abc"},
        {"village": "99999999999999999999999"},
    ],
)
def test_a_hostile_opinion_is_refused_plainly(officer, home_commune, changes):
    made = opened(officer)
    data = {
        "text": "Đề nghị làm rãnh thoát nước.",
        "village": villages_of(home_commune)[1].pk,
        "author_name": "Bà Hạnh",
        "contact": "0987654321",
        **changes,
    }
    response = Client().post(reverse("democracy_public:consultation", args=[made.pk]), data)
    assert response.status_code == 422
    assert not Comment.objects.filter(consultation=made).exists()


def test_an_opinion_for_a_village_of_another_commune_is_refused(officer, home_commune, other_commune):
    made = opened(officer)
    data = {"text": "Đề nghị làm rãnh thoát nước.", "village": villages_of(other_commune)[0].pk}
    response = Client().post(reverse("democracy_public:consultation", args=[made.pk]), data)
    assert response.status_code == 422
    assert not Comment.objects.filter(consultation=made).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/doi-thoai/hoi/%00/",
        "/doi-thoai/hoi/" + "A" * 3000 + "/",
        "/lay-y-kien/?xa=%00",
        "/lay-y-kien/?page=-1",
        "/lay-y-kien/?page=99999999999999999999",
        "/doi-thoai/?xa=%00",
        "/doi-thoai/?page=abc",
        "/cong-khai/xa/%00/",
        "/doi-thoai/hoi/?ma=%00",
    ],
)
def test_odd_addresses_are_answered_without_error(home_commune, url):
    assert Client().get(url).status_code < 500


@pytest.mark.parametrize("item", ["²", "١٢", "1²"])
def test_the_disclosure_calculator_refuses_odd_digits(item):
    response = Client().get("/api/v1/democracy/rules/disclosure", {"item": item, "decided": "2027-02-01"})
    assert response.status_code == 422
    assert "item" in response.content.decode()


def test_printing_a_code_for_an_odd_household_number_is_refused_without_error(home_commune):
    from gandan.democracy.models import BallotCode
    from gandan.democracy.tests.votes_support import at, new_village, opened, register, user
    from gandan.tests_support import client_for

    officer = user("danvan.songlo")
    village = new_village(home_commune, "Thôn Mạng")
    register(village, 4, opted_in=3)
    vote = opened(village, officer, matter=6, form="online", closes_at=at(days=1))
    response = client_for(officer).post(f"/staff/democracy/votes/{vote.pk}/codes/", {"household": "²"})
    assert response.status_code in (404, 422)
    assert not BallotCode.objects.filter(vote=vote).exists()


def test_a_code_cannot_be_printed_for_a_household_of_another_commune(home_commune, other_commune):
    from gandan.democracy.models import BallotCode
    from gandan.democracy.tests.votes_support import at, new_village, opened, register, user
    from gandan.tests_support import client_for

    officer = user("danvan.songlo")
    village = new_village(home_commune, "Thôn Mạng")
    register(village, 2, opted_in=2)
    foreign = register(new_village(other_commune, "Thôn Xa"), 1, opted_in=1, prefix="X")[0]
    vote = opened(village, officer, matter=6, form="online", closes_at=at(days=1))
    response = client_for(officer).post(f"/staff/democracy/votes/{vote.pk}/codes/", {"household": foreign.pk})
    assert response.status_code in (404, 422)
    assert not BallotCode.objects.filter(vote=vote).exists()


API_ODD = [
    "/api/v1/democracy/rules/vote?matter=1&households=-5&yes=3",
    "/api/v1/democracy/rules/vote?matter=1&households=99999999999999999999&yes=3",
    "/api/v1/democracy/rules/vote?matter=1&households=10&yes=11",
    "/api/v1/democracy/rules/vote?matter=abc&households=10&yes=1",
    "/api/v1/democracy/rules/vote?matter=6&households=10&yes=1&online_optin=-1",
    "/api/v1/democracy/rules/disclosure?item=4&decided=0000-01-01",
    "/api/v1/democracy/rules/disclosure?item=4&decided=9999-12-31",
    "/api/v1/democracy/rules/disclosure?item=99999999999999999999999&decided=2027-01-01",
    "/api/v1/democracy/votes?offset=-1",
    "/api/v1/democracy/votes?offset=99999999999999999999",
    "/api/v1/democracy/votes/99999999999999999999",
    "/api/v1/democracy/votes/abc",
    "/api/v1/democracy/consultations?commune=%00",
    "/api/v1/democracy/consultations?phase=x",
    "/api/v1/democracy/covenants?village_id=-1",
    "/api/v1/democracy/disclosures?year=0",
    "/api/v1/democracy/disclosures?item=0",
    "/api/v1/democracy/disclosures?q=" + "a" * 5000,
    "/api/v1/democracy/boards",
    "/api/v1/democracy/findings",
    "/api/v1/dialogues/dialogues?offset=-1",
    "/api/v1/dialogues/dialogues/0",
    "/api/v1/dialogues/dialogues/99999999999999999999/questions",
    "/api/v1/dialogues/questions/" + "A" * 500,
    "/api/v1/dialogues/commitments?limit=0",
]


@pytest.mark.parametrize("url", API_ODD)
def test_odd_api_requests_are_answered_with_a_4xx_or_data(url):
    response = Client().get(url)
    assert response.status_code < 500, response.content[:300]


@pytest.mark.parametrize(
    "url,body",
    [
        ("/api/v1/democracy/votes/1/ballots", {"code": "A" * 41, "choice": "yes"}),
        ("/api/v1/democracy/votes/99999999999999999999/ballots", {"code": "AAAAA", "choice": "yes"}),
        ("/api/v1/democracy/votes/1/ballots", {"code": 12, "choice": "maybe"}),
        ("/api/v1/democracy/consultations/1/comments", {"text": ["a"]}),
        (
            "/api/v1/dialogues/dialogues/1/questions",
            {"name": "A", "village_id": -1, "text": "x", "consent": True},
        ),
    ],
)
def test_odd_api_posts_are_refused_plainly(url, body):
    response = Client().post(url, body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content[:300]


def test_a_json_body_that_is_not_an_object_is_refused():
    response = Client().post("/api/v1/democracy/votes/1/ballots", "[1,2]", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_another_communes_officer_reads_a_vote_only_as_the_public_does(home_commune):
    from gandan.democracy.services.vote_results import vote_count
    from gandan.democracy.tests.votes_support import BOARD, new_village, opened, prepared, register, user
    from gandan.tests_support import client_for

    officer = user("danvan.songlo")
    village = new_village(home_commune, "Thôn Thử")
    register(village, 10)
    draft = prepared(village, officer, title="Biểu quyết nội bộ chưa mở")
    counted = vote_count(
        vote=opened(village, officer), counting_board=BOARD, present=8, yes=7, no=1, blank=0, by=officer
    )
    foreign = client_for(user("danvan.tamson"))
    assert foreign.get(f"/api/v1/democracy/votes/{draft.pk}").status_code == 404
    seen = foreign.get(f"/api/v1/democracy/votes/{counted.pk}").json()
    assert seen["counting_board"] is None and seen["village_head"] is None
    listed = foreign.get("/api/v1/democracy/votes", {"limit": 200})
    assert draft.pk not in {v["id"] for v in listed.json()["items"]}
    assert foreign.get("/api/v1/democracy/votes", {"village_id": village.pk}).status_code in (404, 422)


def test_wrong_ballot_codes_are_throttled_and_nothing_is_saved(home_commune, settings):
    from gandan.democracy.models import Ballot, Household
    from gandan.democracy.services.ballots import codes_issue
    from gandan.democracy.tests.votes_support import at, new_village, opened, register, user

    settings.GANDAN_LOOKUP_FAILURES = 3
    officer = user("danvan.songlo")
    village = new_village(home_commune, "Thôn Mạng")
    register(village, 3, opted_in=3)
    vote = opened(village, officer, matter=6, form="online", closes_at=at(days=1))
    code = codes_issue(vote=vote, household=Household.objects.get(village=village, code="1"), by=officer)[
        0
    ].code
    citizen = Client()
    url = f"/bieu-quyet/{vote.pk}/"
    answers = [citizen.post(url, {"code": "AAAAA-BBBBB", "choice": "yes"}).status_code for _n in range(4)]
    assert answers[0] == 422 and answers[-1] == 429
    assert citizen.post(url, {"code": code, "choice": "yes"}).status_code == 429
    assert not Ballot.objects.filter(vote=vote).exists()
    api = Client().post(
        f"/api/v1/democracy/votes/{vote.pk}/ballots",
        {"code": "AAAAA-BBBBB", "choice": "yes"},
        content_type="application/json",
    )
    assert api.status_code == 429  # the same address, whichever door it knocks at


def test_disclosure_periods_that_make_no_sense_are_refused_and_a_withdrawn_document_is_gone():
    import datetime as dt

    from django.utils import timezone
    from django.utils.translation import override

    from gandan.democracy.models import Disclosure
    from gandan.democracy.services.disclosures import disclosure_withdraw, document_add
    from gandan.democracy.tests.disclosures_support import officer as discloser
    from gandan.democracy.tests.disclosures_support import pdf_upload, record
    from gandan.errors import DomainError

    today = timezone.localdate()
    before = Disclosure.objects.count()
    for changes in (
        {"item": 4, "end": today + dt.timedelta(days=40)},  # a permanent item given an end
        {"end": today - dt.timedelta(days=30)},  # the end before the start
        {"start": dt.date(2100, 12, 31)},
    ):
        with override("vi"), pytest.raises(DomainError) as refused:
            record(**changes)
        assert set(refused.value.errors) & {"end", "start"}, changes
    assert "kiểm tra lại năm" in str(refused.value.errors["start"])  # 2100 typed for a start this year
    assert Disclosure.objects.count() == before
    shown = record()
    document = document_add(disclosure=shown, upload=pdf_upload(), by=discloser())
    url = f"/cong-khai/{shown.pk}/tai-lieu/{document.pk}/"
    assert Client().get(url).status_code == 200
    disclosure_withdraw(disclosure=shown, reason="Ghi nhầm số liệu", by=discloser())
    assert Client().get(url).status_code == 404
    assert Client().get(f"/cong-khai/{shown.pk}/").status_code == 404
    assert Client().get(f"/api/v1/democracy/disclosures/{shown.pk}").status_code == 404


@pytest.mark.parametrize("field", ["opens", "closes"])
def test_a_consultation_window_typed_years_ahead_is_refused(officer, field):
    import datetime as dt

    from django.utils.translation import override

    from gandan.democracy.models import Consultation
    from gandan.democracy.tests.support import days, draft
    from gandan.errors import DomainError

    window = {"opens": days(-3), "closes": days(10)}
    window[field] = dt.date(2062, 1, 31) if field == "closes" else days(800)
    if field == "opens":
        window["closes"] = days(810)
    with override("vi"), pytest.raises(DomainError) as refused:
        draft(officer, **window)
    assert "kiểm tra lại năm" in str(refused.value.errors[field])
    assert not Consultation.objects.filter(unit=officer.unit, opens=window["opens"]).exists()
