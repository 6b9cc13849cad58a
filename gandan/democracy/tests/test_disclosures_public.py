"""The public pages of disclosures (no login): a commune's list shows what is posted today (permanent ones included),
never a withdrawn one or one not yet posted; the search works without diacritics; a disclosure's page shows its end
date, channels, documents and legal basis; its documents download; the portal's tile leads there."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gandan.democracy.services.disclosures import disclosure_withdraw
from gandan.democracy.tests.disclosures_support import BOARDS, officer, pdf_upload, record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def shown_and_hidden(home_commune):
    running = record(title="Dự toán ngân sách xã năm 2027", documents=[pdf_upload("du-toan-2027.pdf")])
    permanent = record(title="Danh mục thủ tục hành chính cấp xã", item=13, days_ago=400)
    ended = record(title="Quyết toán ngân sách năm 2024", days_ago=90)
    planned = record(
        title="Kế hoạch lấy ý kiến về quy hoạch chợ",
        item=11,
        start=TODAY() + dt.timedelta(days=3),
        days_ago=1,
        channels=[*BOARDS, "loudspeaker"],
    )
    not_posted = record(
        title="Danh sách hỗ trợ hộ nghèo đón Tết",
        item=7,
        start=None,
        days_ago=1,
        channels=[*BOARDS, "loudspeaker"],
    )
    withdrawn = record(title="Phí trông giữ xe ngày hội", item=12, channels=[*BOARDS, "loudspeaker"])
    disclosure_withdraw(disclosure=withdrawn, reason="Ghi nhầm mức phí", by=officer())
    return {"running": running, "permanent": permanent}, {
        "ended": ended,
        "planned": planned,
        "not_posted": not_posted,
        "withdrawn": withdrawn,
    }


def test_the_commune_list_shows_what_is_posted_today_and_nothing_else(shown_and_hidden, home_commune):
    shown, hidden = shown_and_hidden
    page = Client().get(reverse("democracy_public:disclosures", args=[home_commune.code])).content.decode()
    for d in shown.values():
        assert d.title in page
    for d in hidden.values():
        assert d.title not in page
    assert f"niêm yết đến {shown['running'].end:%d/%m/%Y}" in page
    assert "niêm yết thường xuyên" in page


def test_the_search_needs_no_diacritics_and_the_item_filter_narrows(shown_and_hidden, home_commune):
    shown, _hidden = shown_and_hidden
    url = reverse("democracy_public:disclosures", args=[home_commune.code])
    found = Client().get(url, {"q": "du toan ngan sach"}).content.decode()
    assert shown["running"].title in found and shown["permanent"].title not in found
    procedures = Client().get(url, {"item": "13"}).content.decode()
    assert shown["permanent"].title in procedures and shown["running"].title not in procedures


def test_a_disclosure_page_shows_its_end_channels_documents_and_basis(shown_and_hidden):
    shown, _hidden = shown_and_hidden
    d = shown["running"]
    page = Client().get(reverse("democracy_public:disclosure", args=[d.pk])).content.decode()
    assert f"niêm yết đến {d.end:%d/%m/%Y}" in page
    assert "Bảng niêm yết tại trụ sở xã" in page and "Điều 11 khoản 2" in page
    document = d.documents.get()
    link = reverse("democracy_public:disclosure_document", args=[d.pk, document.pk])
    assert link in page
    download = Client().get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_hidden_disclosures_and_their_documents_answer_404_and_an_ended_one_says_so(shown_and_hidden):
    _shown, hidden = shown_and_hidden
    for name in ("planned", "not_posted", "withdrawn"):
        assert (
            Client().get(reverse("democracy_public:disclosure", args=[hidden[name].pk])).status_code == 404
        ), name
    ended = Client().get(reverse("democracy_public:disclosure", args=[hidden["ended"].pk])).content.decode()
    assert "thời gian niêm yết đã kết thúc" in ended


def test_the_communes_page_and_the_portal_tile(shown_and_hidden, home_commune, other_commune):
    page = Client().get(reverse("democracy_public:disclosure_communes")).content.decode()
    assert reverse("democracy_public:disclosures", args=[home_commune.code]) in page
    home = Client().get("/").content.decode()
    assert "/cong-khai/" in home
    assert Client().get(reverse("democracy_public:disclosures", args=["99999"])).status_code == 404


def test_the_public_list_reads_in_a_bounded_number_of_queries(
    shown_and_hidden, home_commune, django_assert_max_num_queries
):
    for n in range(30):
        record(title=f"Thông báo công khai số {n}", days_ago=3)
    with django_assert_max_num_queries(12):
        response = Client().get(reverse("democracy_public:disclosures", args=[home_commune.code]))
    assert response.status_code == 200


def test_the_public_list_reads_the_showing_index_not_the_commune_s_history(shown_and_hidden, home_commune):
    """The query the benchmark times (100,000 disclosures of one commune): SQLite starts from the partial index of
    what is still posted and reads rows by id, with or without statistics."""
    from django.db import connection

    from gandan.democracy.selectors.disclosures import public_list

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL chooses from its statistics")
    rows = public_list(home_commune, today=TODAY())
    sql, params = rows[:12].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "dem_disclosure_showing" in plan, plan
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
