"""The household-register and vote pages as an officer uses them: the register with its counts, a household added
from the form, the import listing wrong lines; a vote prepared, opened, counted at a meeting (78 of 85 present in a
village of 120: the page says why it fails), its community decision as PDF with the four signature lines; slips
entered one by one; online codes printed; the citizen's online ballot on the portal, refused twice. Another
commune's officer gets 404."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gandan.democracy.models import Ballot, Household, Vote
from gandan.democracy.services.ballots import codes_issue
from gandan.democracy.services.vote_results import vote_count, vote_send
from gandan.democracy.tests.votes_support import (
    BOARD,
    LEADER,
    OFFICER,
    OTHER_OFFICER,
    at,
    new_village,
    opened,
    prepared,
    register,
    user,
    xlsx,
)
from gandan.tests_support import client_for, pdf_a4, pdf_flat

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def client(officer):
    return client_for(officer)


@pytest.fixture
def village(home_commune):
    found = new_village(home_commune, "Thôn Đồng Bầu")
    register(found, 120)
    return found


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def test_the_register_lists_villages_with_their_counts_and_a_village_its_households(client, village):
    page = client.get("/staff/democracy/households/")
    assert page.status_code == 200
    assert "Thôn Đồng Bầu" in page.content.decode()
    inside = client.get(f"/staff/democracy/households/?village={village.pk}&q=ho 17")
    text = inside.content.decode()
    assert "Nguyễn Văn Hộ 17" in text and "Nguyễn Văn Hộ 18" not in text


def test_a_household_is_added_from_the_form_and_a_mistake_is_shown(client, village):
    bad = client.post(
        "/staff/democracy/households/new/", {"village": village.pk, "code": "5", "representative": ""}
    )
    assert bad.status_code == 422
    ok = client.post(
        "/staff/democracy/households/new/",
        {"village": village.pk, "code": "500", "representative": "Bùi Thị Hạnh", "online_optin": "on"},
    )
    assert ok.status_code == 302
    assert Household.objects.get(village=village, code="500").online_optin


def test_the_import_page_lists_the_wrong_lines(client, village, home_commune):
    upload = SimpleUploadedFile("so-ho.xlsx", xlsx([["Đồng Bầu", "1", "Nguyễn Văn An", "", "", ""]]))
    page = client.post("/staff/democracy/households/import/", {"commune": home_commune.pk, "file": upload})
    assert page.status_code == 422
    assert "Dòng 2" in page.content.decode() and "đã có trong sổ" in page.content.decode()


def test_a_vote_is_prepared_opened_and_counted_and_the_page_says_why_it_failed(client, officer, village):
    notice = (timezone.localdate() - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    created = client.post(
        "/staff/democracy/votes/new/",
        {
            "village": village.pk,
            "matter": 1,
            "form": "meeting",
            "title": "Đóng góp làm đường bê tông liên xóm",
            "question": "Mỗi hộ 600.000 đồng và 2 ngày công.",
            "notice_on": notice,
            "opens_at": _local(at(hours=-2)),
            "closes_at": _local(at(hours=-1)),
            "counting_board": BOARD,
            "village_head": "Hoàng Văn Trưởng",
            "front_head": "Đỗ Thị Mặt Trận",
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    vote = Vote.objects.get(village=village)
    assert client.post(f"/staff/democracy/votes/{vote.pk}/open/").status_code == 302
    counted = client.post(
        f"/staff/democracy/votes/{vote.pk}/count/",
        {
            "present": 85,
            "yes": 78,
            "no": 5,
            "blank": 2,
            "counting_board": BOARD,
            "witness_1": "Phan Văn Một",
            "witness_2": "Vũ Thị Hai",
        },
        follow=True,
    )
    text = counted.content.decode()
    assert "78/85 hộ dự họp đồng ý nhưng chưa đạt 2/3 tổng số hộ của thôn (cần 80/120)" in text
    decision = client.get(f"/staff/democracy/votes/{vote.pk}/decision.pdf")
    assert decision.status_code == 200 and decision["Content-Type"] == "application/pdf"
    data = b"".join(decision.streaming_content)
    pdf_a4(data)
    flat = pdf_flat(data)
    for expected in (
        "QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ",
        "Tổng số hộ gia đình của thôn: 120 hộ",
        "dự họp: 85 hộ",
        "vắng mặt: 35 hộ",
        "không được thông qua",
        "TRƯỞNG THÔN",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
        "ĐẠI DIỆN HỘ GIA ĐÌNH",
        "Hoàng Văn Trưởng",
        "Vũ Thị Hai",
    ):
        assert expected in flat, expected


def test_a_refused_opening_says_why_on_the_page(client, officer, village):
    vote = prepared(village, officer, notice_on=None)
    page = client.post(f"/staff/democracy/votes/{vote.pk}/open/")
    assert page.status_code == 422
    assert "Ghi ngày thông báo" in page.content.decode()


def test_slips_are_entered_by_searching_the_household(client, officer, village):
    vote = opened(village, officer, form="ballot", matter=2)
    found = client.get(f"/staff/democracy/votes/{vote.pk}/slips/?q=ho 42")
    assert "Nguyễn Văn Hộ 42" in found.content.decode()
    household = Household.objects.get(village=village, code="42")
    done = client.post(
        f"/staff/democracy/votes/{vote.pk}/slips/", {"household": household.pk, "choice": "no"}
    )
    assert done.status_code == 302
    again = client.post(
        f"/staff/democracy/votes/{vote.pk}/slips/", {"household": household.pk, "choice": "yes"}
    )
    assert again.status_code == 422 and "đã biểu quyết" in again.content.decode()
    assert Ballot.objects.get(vote=vote).choice == "no"


def test_the_codes_print_as_a_pdf_and_a_household_votes_on_the_portal(client, officer, home_commune):
    online_village = new_village(home_commune, "Thôn Mạng")
    register(online_village, 4, opted_in=3)
    vote = opened(online_village, officer, matter=6, form="online", closes_at=at(days=1))
    printed = client.post(f"/staff/democracy/votes/{vote.pk}/codes/")
    assert printed.status_code == 200
    slips = pdf_flat(b"".join(printed.streaming_content))
    assert "PHIẾU MÃ BIỂU QUYẾT TRỰC TUYẾN" in slips and "Hộ số 1" in slips
    code = codes_issue(
        vote=vote, household=Household.objects.get(village=online_village, code="2"), by=officer
    )[0].code
    citizen = Client()
    page = citizen.get(f"/bieu-quyet/{vote.pk}/")
    assert page.status_code == 200 and "Gửi phiếu của hộ" in page.content.decode()
    sent = citizen.post(f"/bieu-quyet/{vote.pk}/", {"code": code, "choice": "yes"}, follow=True)
    assert "Đã ghi nhận phiếu của hộ" in sent.content.decode()
    twice = citizen.post(f"/bieu-quyet/{vote.pk}/", {"code": code, "choice": "no"})
    assert twice.status_code == 422 and "đã biểu quyết" in twice.content.decode()
    assert list(Ballot.objects.filter(vote=vote).values_list("choice", flat=True)) == ["yes"]


def test_a_draft_vote_is_not_public_and_a_counted_one_shows_its_result(officer, village):
    vote = prepared(village, officer)
    assert Client().get(f"/bieu-quyet/{vote.pk}/").status_code == 404
    vote = vote_count(
        vote=opened(village, officer), counting_board=BOARD, present=100, yes=90, no=10, blank=0, by=officer
    )
    page = Client().get(f"/bieu-quyet/{vote.pk}/")
    assert page.status_code == 200 and "Thông qua: 90/100 hộ dự họp đồng ý" in page.content.decode()


def test_sending_and_the_communes_answer_show_their_deadlines(officer, village):
    vote = vote_count(
        vote=opened(village, officer), counting_board=BOARD, present=100, yes=90, no=10, blank=0, by=officer
    )
    page = client_for(officer).get(f"/staff/democracy/votes/{vote.pk}/")
    assert f"hạn gửi {vote.send_by:%d/%m/%Y}" in page.content.decode()
    vote_send(vote=vote, on=timezone.localdate(), by=officer)
    leader = client_for(user(LEADER))
    answer = leader.post(
        f"/staff/democracy/votes/{vote.pk}/answer/",
        {"decision": "refuse", "on": timezone.localdate().strftime("%d/%m/%Y"), "reason": ""},
    )
    assert answer.status_code == 422 and "lý do" in answer.content.decode()
    leader.post(
        f"/staff/democracy/votes/{vote.pk}/answer/",
        {"decision": "recognise", "on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert Vote.objects.get(pk=vote.pk).status == "recognised"
    assert client_for(officer).get(f"/staff/democracy/votes/{vote.pk}/answer/").status_code == 403


def test_another_communes_officer_gets_404(officer, village):
    vote = opened(village, officer)
    household = Household.objects.filter(village=village).first()
    other = client_for(user(OTHER_OFFICER))
    for url in (
        f"/staff/democracy/votes/{vote.pk}/",
        f"/staff/democracy/votes/{vote.pk}/count/",
        f"/staff/democracy/households/{household.pk}/edit/",
        f"/staff/democracy/households/?village={village.pk}",
    ):
        assert other.get(url).status_code == 404, url
    assert vote.pk not in {v.pk for v in other.get("/staff/democracy/votes/").context["page_obj"]}


def test_the_home_lists_the_decisions_to_send_and_to_answer_with_late_marks(officer, village):
    from gandan.democracy.home_votes import votes_home_sections

    vote = vote_count(
        vote=opened(village, officer), counting_board=BOARD, present=100, yes=90, no=10, blank=0, by=officer
    )
    Vote.objects.filter(pk=vote.pk).update(send_by=timezone.localdate() - dt.timedelta(days=1))
    (section,) = votes_home_sections(officer)
    counts = {str(c.label): c.value for c in section.counts}
    assert counts["Văn bản cần gửi xã"] >= 1 and counts["Quá hạn gửi"] >= 1
    row = next(r for r in section.rows if r.url.endswith(f"/{vote.pk}/"))
    assert row.late and row.due == timezone.localdate() - dt.timedelta(days=1)
    assert votes_home_sections(user("xuly.songlo")) == []
