"""Disclosures in the API: without a login, what the public pages show; with a staff session, every disclosure of my
units (another commune's only as the public sees it); the calculator of the law's periods, its refusals in
Vietnamese."""

import pytest
from django.test import Client
from django.utils import timezone

from gandan.democracy.services.disclosures import disclosure_withdraw
from gandan.democracy.tests.disclosures_support import BOARDS, officer, record
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

LIST = "/api/v1/democracy/disclosures"
RULE = "/api/v1/democracy/rules/disclosure"
TODAY = timezone.localdate


@pytest.fixture
def songlo():
    running = record(title="Dự toán ngân sách xã năm 2027 (API)")
    not_posted = record(
        title="Danh sách hỗ trợ nhà ở (API)",
        item=7,
        start=None,
        days_ago=1,
        channels=[*BOARDS, "loudspeaker"],
    )
    withdrawn = record(title="Phí chợ (API)", item=12, channels=[*BOARDS, "loudspeaker"])
    disclosure_withdraw(disclosure=withdrawn, reason="Ghi nhầm", by=officer())
    return {"running": running, "not_posted": not_posted, "withdrawn": withdrawn}


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_without_a_login_the_list_and_reads_are_what_the_public_page_shows(songlo, home_commune):
    public = _ids(Client().get(LIST, {"commune": home_commune.code, "limit": 200}))
    assert songlo["running"].pk in public
    assert not {songlo["not_posted"].pk, songlo["withdrawn"].pk} & public
    read = Client().get(f"{LIST}/{songlo['running'].pk}").json()
    assert read["state"] == "running" and read["disclose_by"] == songlo["running"].deadline.isoformat()
    assert read["end"] == songlo["running"].end.isoformat() and read["channels"] == BOARDS
    for hidden in ("not_posted", "withdrawn"):
        assert Client().get(f"{LIST}/{songlo[hidden].pk}").status_code == 404
    assert Client().get(LIST, {"commune": "00000"}).status_code == 404


def test_staff_read_every_state_of_their_units_only(songlo):
    mine = _ids(client_for(officer()).get(LIST, {"limit": 200}))
    assert {d.pk for d in songlo.values()} <= mine
    late = client_for(officer()).get(f"{LIST}/{songlo['withdrawn'].pk}").json()
    assert late["state"] == "withdrawn" and late["withdraw_reason"] == "Ghi nhầm"
    theirs = client_for(officer("chutich.tamson"))
    assert not {d.pk for d in songlo.values()} & _ids(theirs.get(LIST, {"limit": 200}))
    assert theirs.get(f"{LIST}/{songlo['withdrawn'].pk}").status_code == 404
    assert theirs.get(f"{LIST}/{songlo['running'].pk}").json()["state"] == "running"  # public anyway
    by_state = _ids(client_for(officer()).get(LIST, {"state": "due", "limit": 200}))
    assert songlo["not_posted"].pk in by_state and songlo["running"].pk not in by_state


def test_the_calculator_answers_with_the_law_s_periods():
    budget = Client().get(RULE, {"item": "2", "decided": "2027-02-01"}).json()
    assert budget == {
        "item": 2,
        "disclose_by": "2027-02-15",
        "permanent": False,
        "posting_days": 30,
        "loudspeaker_days": None,
        "basis": budget["basis"],
    }
    assert "Điều 11 khoản 2" in budget["basis"] and "10/2022/QH15" in budget["basis"]
    procedures = Client().get(RULE, {"item": "13", "decided": "2026-06-01"}).json()
    assert procedures["permanent"] is True and procedures["posting_days"] is None
    support = Client().get(RULE, {"item": "7", "decided": "2026-06-01"}).json()
    assert support["loudspeaker_days"] == 3 and support["disclose_by"] == "2026-06-08"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"item": "15", "decided": "2026-06-01"}, "item"),
        ({"item": "x", "decided": "2026-06-01"}, "item"),
        ({"decided": "2026-06-01"}, "item"),
        ({"item": "2", "decided": "01/06/2026"}, "decided"),
        ({"item": "2", "decided": "2026-02-30"}, "decided"),
        ({"item": "2", "decided": "2023-06-30"}, "decided"),
        ({"item": "2", "decided": "9999-01-01"}, "decided"),
    ],
)
def test_the_calculator_refuses_a_bad_item_or_date_in_vietnamese(params, field):
    response = Client().get(RULE, params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 422
    body = response.json()
    assert field in {e["field"] for e in body["errors"]}
    message = " ".join(e["message"] for e in body["errors"])
    assert "khoản" in message or "ngày" in message
