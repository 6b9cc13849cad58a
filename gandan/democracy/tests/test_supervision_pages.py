"""The people's supervision pages as an officer uses them: the boards with what each lacks and the overdue count, a
board with its members and findings, the forms that set up a board and add a member (the eligibility refusal shown
in Vietnamese, nothing saved), the findings list with its filters, a finding answered from its page, and the overdue
recommendations on the chairman's home. Another commune's officer gets 404."""

import datetime as dt

import pytest
from django.urls import reverse

from gandan.democracy.models import Board, BoardMember
from gandan.democracy.selectors.supervision import commune_villages
from gandan.democracy.tests.supervision_support import (  # noqa: F401  (no_boards is a fixture)
    MEMBER_NAMES,
    finding,
    inspection_board,
    no_boards,
    road_board,
    today,
    user,
)
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_boards")]

BOARDS = reverse("democracy:boards")
FINDINGS = reverse("democracy:findings")


def _officer():
    return user("danvan.songlo")


def _text(response) -> str:
    return response.content.decode()


def test_the_boards_show_what_they_lack_and_the_overdue_answers(home_commune):
    board = inspection_board(home_commune, _officer(), members=3)
    road = road_board(home_commune, _officer())
    finding(road, _officer(), due_in=-2)
    page = _text(client_for(_officer()).get(BOARDS))
    assert "Ban Thanh tra nhân dân xã Sông Lô" in page and "Ban Giám sát đầu tư của cộng đồng" in page
    assert "thiếu 4" in page and "thiếu 5" in page  # 7 villages with 3 members; a road board with none
    assert "1 kiến nghị đã quá hạn chính quyền phải trả lời." in page
    detail = _text(client_for(_officer()).get(reverse("democracy:board", args=[board.pk])))
    assert "cần thêm 4 người" in detail and "Thôn chưa có thành viên:" in detail
    assert MEMBER_NAMES[0] in detail
    assert (
        client_for(user("danvan.tamson")).get(reverse("democracy:board", args=[board.pk])).status_code == 404
    )
    assert "Ban Thanh tra nhân dân xã Sông Lô" not in _text(client_for(user("danvan.tamson")).get(BOARDS))


def test_setting_up_the_inspection_board_from_the_form(home_commune):
    client = client_for(_officer())
    form = client.get(reverse("democracy:board_new"))
    assert form.status_code == 200 and "Thành lập ban giám sát" in _text(form)
    response = client.post(
        reverse("democracy:board_new"),
        {"commune": home_commune.pk, "kind": "inspection", "term_start": "01/07/2025", "term_end": ""},
    )
    board = Board.objects.get(unit=home_commune)
    assert response.status_code == 302 and response["Location"] == reverse("democracy:board", args=[board.pk])
    assert board.term_start == dt.date(2025, 7, 1)


def test_adding_a_commune_officer_is_refused_on_the_form_and_saves_nothing(home_commune):
    board = inspection_board(home_commune, _officer())
    url = reverse("democracy:board_member_new", args=[board.pk])
    village = commune_villages(home_commune)[0]
    refused = client_for(_officer()).post(
        url, {"full_name": "Tran Van Nam", "village": village.pk, "post": "member", "resident": "on"}
    )
    assert refused.status_code == 422
    assert "Trần Văn Nam là cán bộ của xã Sông Lô" in _text(refused)  # the case handler of the commune
    assert not BoardMember.objects.exists()
    added = client_for(_officer()).post(
        url, {"full_name": MEMBER_NAMES[0], "village": village.pk, "post": "head", "resident": "on"}
    )
    assert added.status_code == 302
    assert BoardMember.objects.get().post == "head"


def test_the_findings_filters_and_answering_from_the_page(home_commune):
    road = road_board(home_commune, _officer())
    late = finding(road, _officer(), title="Chưa công khai dự toán", due_in=-1)
    finding(road, _officer(), title="Thiếu biển báo công trường", due_in=5)
    chairman = client_for(user("chutich.songlo"))
    overdue = _text(chairman.get(FINDINGS, {"overdue": "on"}))
    assert "Chưa công khai dự toán" in overdue and "Thiếu biển báo công trường" not in overdue
    assert "Quá hạn" in overdue
    assert "1 phát hiện" in overdue
    answer = client_for(_officer()).post(
        reverse("democracy:finding_answer", args=[late.pk]),
        {"answer": "Đã niêm yết dự toán tại nhà văn hóa thôn.", "answered_on": today().strftime("%d/%m/%Y")},
    )
    assert answer.status_code == 302
    answered = _text(chairman.get(FINDINGS, {"state": "done"}))
    assert "Chưa công khai dự toán" in answered and "Đã trả lời" in answered
    assert "Chưa công khai dự toán" not in _text(chairman.get(FINDINGS, {"overdue": "on"}))
    page = _text(chairman.get(reverse("democracy:finding", args=[late.pk])))
    assert "Đã niêm yết dự toán tại nhà văn hóa thôn." in page
    assert (
        client_for(user("chutich.tamson")).get(reverse("democracy:finding", args=[late.pk])).status_code
        == 404
    )


def test_an_answer_before_the_finding_is_refused_on_the_form(home_commune):
    made = finding(road_board(home_commune, _officer()), _officer())
    response = client_for(_officer()).post(
        reverse("democracy:finding_answer", args=[made.pk]),
        {"answer": "Đã làm lại.", "answered_on": (made.found_on - dt.timedelta(days=1)).strftime("%d/%m/%Y")},
    )
    assert response.status_code == 422
    assert "ngày trả lời phải từ ngày đó trở đi" in _text(response)
    made.refresh_from_db()
    assert made.state == "open"


def test_the_overdue_recommendations_are_on_the_chairmans_home(home_commune):
    road = road_board(home_commune, _officer())
    finding(road, _officer(), title="Chưa công khai dự toán", due_in=-3)
    home = _text(client_for(user("chutich.songlo")).get(reverse("portal:staff_home")))
    assert "Giám sát của Nhân dân" in home and "Quá hạn trả lời" in home
    assert "Chưa công khai dự toán" in home
    other = _text(client_for(user("chutich.tamson")).get(reverse("portal:staff_home")))
    assert "Chưa công khai dự toán" not in other
