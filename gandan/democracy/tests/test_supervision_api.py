"""People's supervision in the API: a board or a finding answers the officers of its commune and the province, 404
to another commune's officer and 401 without a login; the lists leave out another commune's boards and findings;
the filters (kind, board, state, overdue) narrow them, and a board carries its members and its counts."""

import pytest
from django.test import Client

from gandan.democracy.tests.supervision_support import (  # noqa: F401  (no_boards is a fixture)
    finding,
    inspection_board,
    no_boards,
    road_board,
    user,
)
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_boards")]
API = "/api/v1/democracy"


@pytest.fixture
def songlo(home_commune):
    officer = user("danvan.songlo")
    board = inspection_board(home_commune, officer, members=5)
    road = road_board(home_commune, officer)
    late = finding(road, officer, title="Chưa công khai dự toán", due_in=-1)
    waiting = finding(road, officer, title="Thiếu biển báo công trường", due_in=5)
    return {"board": board, "road": road, "late": late, "waiting": waiting}


def _ids(payload) -> list[int]:
    return [item["id"] for item in payload["items"]]


@pytest.mark.parametrize("path", ["boards/{board}", "boards/{road}", "findings/{late}"])
def test_a_record_answers_its_commune_and_is_hidden_from_another(path, songlo):
    url = f"{API}/" + path.format(**{k: v.pk for k, v in songlo.items()})
    assert client_for(user("danvan.songlo")).get(url).status_code == 200
    assert client_for(user("chutich.songlo")).get(url).status_code == 200
    assert client_for(user("giamsat.phutho")).get(url).status_code == 200
    assert client_for(user("danvan.tamson")).get(url).status_code == 404
    assert Client().get(url).status_code == 401


@pytest.mark.parametrize("path, record", [("boards", "board"), ("findings", "late")])
def test_a_list_holds_its_communes_records_and_none_of_anothers(path, record, songlo):
    mine = client_for(user("danvan.songlo")).get(f"{API}/{path}")
    theirs = client_for(user("danvan.tamson")).get(f"{API}/{path}")
    assert mine.status_code == theirs.status_code == 200
    assert songlo[record].pk in _ids(mine.json()) and songlo[record].pk not in _ids(theirs.json())
    assert Client().get(f"{API}/{path}").status_code == 401


def test_a_board_carries_its_members_and_counts(songlo):
    client = client_for(user("danvan.songlo"))
    board = client.get(f"{API}/boards/{songlo['board'].pk}").json()
    assert board["kind"] == "inspection" and board["commune"] == "Xã Sông Lô"
    assert board["member_count"] == len(board["members"]) == 5
    assert all(m["village"] for m in board["members"])
    road = client.get(f"{API}/boards/{songlo['road'].pk}").json()
    assert (road["open_findings"], road["overdue_findings"]) == (2, 1)
    only_investment = client.get(f"{API}/boards", {"kind": "investment"}).json()
    assert _ids(only_investment) == [songlo["road"].pk]


def test_the_findings_filters(songlo):
    client = client_for(user("chutich.songlo"))
    overdue = client.get(f"{API}/findings", {"overdue": "true"}).json()
    assert _ids(overdue) == [songlo["late"].pk]
    assert overdue["items"][0]["overdue"] is True and overdue["items"][0]["state_label"] == "Chờ trả lời"
    by_board = client.get(f"{API}/findings", {"board_id": songlo["road"].pk, "state": "open"}).json()
    assert sorted(_ids(by_board)) == sorted([songlo["late"].pk, songlo["waiting"].pk])
    assert client.get(f"{API}/findings", {"state": "done"}).json()["items"] == []
    assert (
        client_for(user("danvan.tamson")).get(f"{API}/findings", {"board_id": songlo["road"].pk}).status_code
        == 404
    )
    assert client.get(f"{API}/findings", {"state": "late"}).status_code in (400, 422)
