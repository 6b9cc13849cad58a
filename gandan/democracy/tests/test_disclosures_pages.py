"""The staff pages of disclosures: recording through the form (with the "compute the dates" button, which saves
nothing), refusals shown next to their field with nothing saved, the compliance list with its states and counts,
filters and pages, a disclosure's page with its deadline and legal basis, documents, the withdrawal, the quarterly
list and its Excel file; another commune's officer gets 404."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gandan.democracy.models import Disclosure
from gandan.democracy.services.disclosures import disclosure_withdraw
from gandan.democracy.tests.disclosures_support import BOARDS, docx_bytes, officer, pdf_upload, record
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def form_data(**given) -> dict:
    data = {
        "unit": officer().unit_id,
        "item": "2",
        "title": "Dự toán ngân sách xã Sông Lô năm 2027",
        "summary": "Tổng thu 12,4 tỷ đồng; tổng chi 12,4 tỷ đồng.",
        "decision_ref": "45/QĐ-UBND",
        "decided_on": _day(TODAY() - dt.timedelta(days=3)),
        "channels": BOARDS,
        "start": _day(TODAY() - dt.timedelta(days=1)),
        "end": "",
        "loudspeaker_days": "",
    }
    data.update(given)
    return data


def test_an_official_records_the_budget_estimate_with_its_channels_and_a_document():
    client = client_for(officer())
    response = client.post(reverse("democracy:disclosure_new"), {**form_data(), "document": pdf_upload()})
    disclosure = Disclosure.objects.get(title="Dự toán ngân sách xã Sông Lô năm 2027")
    assert response.status_code == 302 and response["Location"] == reverse(
        "democracy:disclosure", args=[disclosure.pk]
    )
    assert disclosure.channels == BOARDS and disclosure.documents.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert _day(disclosure.deadline) in page and "Điều 11 khoản 2" in page
    assert _day(disclosure.end) in page and "Đang niêm yết" in page


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"end": _day(TODAY() - dt.timedelta(days=2))}, "không thể trước ngày bắt đầu"),
        ({"end": _day(TODAY() + dt.timedelta(days=5))}, "ít nhất 30 ngày liên tục"),
        ({"item": "13", "end": _day(TODAY() + dt.timedelta(days=40))}, "niêm yết thường xuyên"),
        ({"start": _day(TODAY() - dt.timedelta(days=5))}, "trước ngày ban hành"),
    ],
    ids=["end before start", "too short", "end on a permanent item", "start before the decision"],
)
def test_a_refused_posting_says_why_next_to_the_field_and_saves_nothing(given, words):
    before = Disclosure.objects.count()
    response = client_for(officer()).post(reverse("democracy:disclosure_new"), form_data(**given))
    assert response.status_code == 422
    assert words in response.content.decode()
    assert Disclosure.objects.count() == before


def test_the_compute_button_fills_in_the_law_s_dates_without_saving():
    before = Disclosure.objects.count()
    decided = TODAY() - dt.timedelta(days=2)
    response = client_for(officer()).post(
        reverse("democracy:disclosure_new"),
        form_data(item="7", title="", decided_on=_day(decided), start="", suggest="1"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and Disclosure.objects.count() == before
    start = max(TODAY(), decided)
    assert f'value="{_day(start + dt.timedelta(days=29))}"' in page  # the end: 30 days
    assert re.search(r'name="loudspeaker_days" value="3"', page)
    assert re.search(r'value="loudspeaker"[^>]*checked', page)  # items 7-12 go on the loudspeakers
    assert "Hạn công khai" in page and "Điều 11 khoản 7" in page


def test_the_compliance_list_counts_and_filters_each_state():
    late = record(title="Kế hoạch phát triển kinh tế - xã hội năm 2027", item=1, start=None, days_ago=30)
    due = record(
        title="Danh sách gọi nhập ngũ năm 2027",
        item=9,
        start=None,
        days_ago=0,
        channels=[*BOARDS, "loudspeaker"],
    )
    ended = record(title="Quyết toán ngân sách năm 2025", days_ago=80)
    withdrawn = record(title="Phí chợ phiên", item=12, channels=[*BOARDS, "loudspeaker"])
    disclosure_withdraw(disclosure=withdrawn, reason="Ghi nhầm", by=officer())
    running = record(title="Dự toán ngân sách xã năm 2027 (kiểm tra)")
    client = client_for(officer())
    page = client.get(reverse("democracy:disclosures")).content.decode()
    for d in (late, due, ended, withdrawn, running):
        assert d.title in page
    for state, shown, hidden in (
        ("late", late, running),
        ("due", due, late),
        ("ended", ended, running),
        ("withdrawn", withdrawn, running),
        ("running", running, ended),
    ):
        listed = client.get(reverse("democracy:disclosures"), {"show": state}).content.decode()
        assert shown.title in listed and hidden.title not in listed, state
    found = client.get(reverse("democracy:disclosures"), {"q": "quyet toan ngan sach"}).content.decode()
    assert ended.title in found and running.title not in found
    by_item = client.get(reverse("democracy:disclosures"), {"item": "9"}).content.decode()
    assert due.title in by_item and running.title not in by_item


def test_a_posting_started_after_its_deadline_is_flagged():
    slow = record(
        title="Danh sách hộ cận nghèo năm 2027",
        item=7,
        days_ago=40,
        start=TODAY() - dt.timedelta(days=20),
        channels=[*BOARDS, "loudspeaker"],
    )
    listed = (
        client_for(officer()).get(reverse("democracy:disclosures"), {"late_start": "on"}).content.decode()
    )
    assert slow.title in listed and "công khai chậm" in listed


def test_the_list_pages_and_another_commune_sees_none_of_it():
    for n in range(55):
        record(title=f"Thông báo số {n + 1} (kiểm tra phân trang)", days_ago=5)
    client = client_for(officer())
    second = client.get(
        reverse("democracy:disclosures"), {"q": "kiem tra phan trang", "page": 2}
    ).content.decode()
    assert "Thông báo số 1 (kiểm tra" in second and "Thông báo số 55" not in second
    other = client_for(officer("chutich.tamson")).get(
        reverse("democracy:disclosures"), {"q": "kiem tra phan trang"}
    )
    assert "Thông báo số" not in other.content.decode()


def test_documents_withdrawal_and_scope():
    disclosure = record()
    client = client_for(officer())
    added = client.post(
        reverse("democracy:disclosure_document_new", args=[disclosure.pk]),
        {
            "upload": SimpleUploadedFile("quyet-dinh.docx", docx_bytes()),
            "name": "Quyết định phê duyệt dự toán",
        },
    )
    assert added.status_code == 302
    document = disclosure.documents.get()
    download = client.get(reverse("democracy:disclosure_document", args=[disclosure.pk, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    refused = client.post(
        reverse("democracy:disclosure_document_new", args=[disclosure.pk]),
        {"upload": SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>")},
    )
    assert refused.status_code == 422 and disclosure.documents.count() == 1
    outsider = client_for(officer("chutich.tamson"))
    assert outsider.get(reverse("democracy:disclosure", args=[disclosure.pk])).status_code == 404
    assert (
        outsider.post(
            reverse("democracy:disclosure_withdraw", args=[disclosure.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    gone = client.post(
        reverse("democracy:disclosure_withdraw", args=[disclosure.pk]), {"reason": "Văn bản bị hủy"}
    )
    assert gone.status_code == 302
    page = client.get(reverse("democracy:disclosure", args=[disclosure.pk])).content.decode()
    assert "Đã gỡ" in page and "Văn bản bị hủy" in page


def test_the_quarterly_list_prints_and_exports():
    start = TODAY() - dt.timedelta(days=2)
    disclosure = record(
        title="Dự toán thu chi quỹ phòng chống thiên tai",
        item=5,
        start=start,
        days_ago=3,
        channels=[*BOARDS, "loudspeaker"],
        loudspeaker_days=2,
    )
    quarter = (start.month - 1) // 3 + 1
    params = {"year": start.year, "quarter": quarter}
    client = client_for(officer())
    page = client.get(reverse("democracy:disclosures_quarter"), params).content.decode()
    assert disclosure.title in page and f"QUÝ {quarter} NĂM {start.year}" in page
    assert "Hệ thống loa truyền thanh xã" in page
    sheet = client.get(reverse("democracy:disclosures_quarter_xlsx"), params)
    book = load_workbook(io.BytesIO(b"".join(sheet.streaming_content)))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
    assert any(disclosure.title == c for c in cells)
    assert any("Truyền thanh 2 ngày" in c for c in cells)
    assert f"DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI QUÝ {quarter} NĂM {start.year}" in cells


def test_entering_the_posting_later_on_the_edit_page_and_the_history_in_words():
    disclosure = record(title="Kế hoạch phát triển kinh tế - xã hội năm 2027", item=1, start=None, days_ago=2)
    client = client_for(officer())
    page = client.get(reverse("democracy:disclosure_edit", args=[disclosure.pk])).content.decode()
    assert 'name="unit"' not in page  # a disclosure keeps its commune
    data = form_data(
        item="1",
        title=disclosure.title,
        summary=disclosure.summary,
        decision_ref=disclosure.decision_ref,
        decided_on=_day(disclosure.decided_on),
        start=_day(TODAY()),
    )
    data.pop("unit")
    saved = client.post(reverse("democracy:disclosure_edit", args=[disclosure.pk]), data)
    assert saved.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.start == TODAY() and disclosure.end == TODAY() + dt.timedelta(days=29)
    shown = client.get(reverse("democracy:disclosure", args=[disclosure.pk])).content.decode()
    assert "Nội dung đã sửa: niêm yết từ ngày, niêm yết đến ngày" in shown  # the history's details, in words
    assert "Hạn công khai: " in shown
