"""The citizen-reception forms as PDF (gandan.reception.pdf), read back with pypdf: the refusal notice (Form 01/TCD),
the receipt for documents (Form 02/TCD) and the notice of a leader's conclusions with its tasks. The rows are built
directly with the ORM, as the services leave them; the exact Vietnamese text printed is asserted."""

import datetime as dt

import pytest

from gandan.petitions.models import Kind, Task
from gandan.reception.models import ConclusionNotice, LeaderKind, ReceptionDay, ReceptionRecord
from gandan.reception.pdf import (
    conclusion_notice_pdf_bytes,
    reception_receipt_pdf_bytes,
    reception_refusal_pdf_bytes,
)
from gandan.tests_support import pdf_a4, pdf_flat, pdf_text

pytestmark = pytest.mark.django_db

VN = dt.timezone(dt.timedelta(hours=7))
COMPLAINANT = "Nguyễn Văn Bình"
COMPLAINANT_ADDRESS = "Thôn Bến Đò, xã Sông Lô"
SUBJECT = "Khiếu nại quyết định thu hồi đất tại thôn Bến Đò"


def local(y, m, d, hh=9, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


def _heading(text: str) -> None:
    """Decree 30/2020: the issuing body with its province and the national heading."""
    assert "UBND TỈNH PHÚ THỌ" in text
    assert "UBND XÃ SÔNG LÔ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def _signed_by_the_chairman(text: str) -> None:
    assert "CHỦ TỊCH" in text
    assert "(Ký, ghi rõ họ tên, đóng dấu)" in text
    assert "Nơi nhận:" in text


@pytest.fixture
def reception_day(home_commune, commune_leader):
    return ReceptionDay.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        leader=commune_leader,
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        day=dt.date(2026, 11, 26),
        place="Trụ sở UBND xã Sông Lô",
        held=True,
    )


@pytest.fixture
def record(home_commune, desk_officer, reception_day):
    return ReceptionRecord.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        reception_day=reception_day,
        at=local(2026, 11, 26, 8, 15),
        officer=desk_officer,
        citizen_name=COMPLAINANT,
        citizen_address=COMPLAINANT_ADDRESS,
        id_number="025190012345",
        people_count=2,
        content=SUBJECT,
        kind=Kind.COMPLAINT,
        outcome=ReceptionRecord.Outcome.REFUSED,
        refusal_reason="Vụ việc đã được giải quyết đúng chính sách, pháp luật, không có tình tiết mới.",
        documents_received="Đơn khiếu nại đề ngày 20/11/2026\n\nBản sao Quyết định số 45/QĐ-UBND\n  Ảnh chụp hiện trạng ",
    )


@pytest.mark.django_db
def test_reception_refusal_form_01(record):
    data = reception_refusal_pdf_bytes(record)
    text, flat = pdf_text(data), pdf_flat(data)
    _heading(text)
    assert "THÔNG BÁO" in text
    assert "Về việc từ chối tiếp công dân" in text
    assert "Số: ....../TB-UBND" in text
    assert "Sông Lô, ngày 26 tháng 11 năm 2026" in text
    assert f"Kính gửi: Ông/bà {COMPLAINANT}" in text
    assert f"Địa chỉ: {COMPLAINANT_ADDRESS}" in flat
    assert f"Vào hồi 08 giờ 15 phút, ngày 26/11/2026, ông/bà {COMPLAINANT} đến Trụ sở UBND xã Sông Lô" in flat
    assert "Căn cứ Điều 9 Luật Tiếp công dân 42/2013/QH13 và Điều 4 Nghị định 154/2026/NĐ-CP" in flat
    assert "Vụ việc đã được giải quyết đúng chính sách, pháp luật, không có tình tiết mới." in flat
    _signed_by_the_chairman(text)
    assert "025190012345" not in text.replace(" ", "")
    assert pdf_a4(data).metadata.subject == "Mẫu số 01/TCD"


@pytest.mark.django_db
def test_reception_receipt_form_02_lists_the_documents(record, desk_officer):
    data = reception_receipt_pdf_bytes(record)
    text, flat = pdf_text(data), pdf_flat(data)
    _heading(text)
    assert "GIẤY BIÊN NHẬN thông tin, tài liệu, bằng chứng" in flat
    assert "Vào hồi 08 giờ 15 phút, ngày 26/11/2026, tại Trụ sở UBND xã Sông Lô," in flat
    assert f"Tôi là: {desk_officer.full_name}, chức vụ: {desk_officer.position}" in flat
    assert f"Đã nhận của ông/bà {COMPLAINANT}, địa chỉ: {COMPLAINANT_ADDRESS}" in flat
    lines = text.splitlines()
    assert "1 Đơn khiếu nại đề ngày 20/11/2026" in lines
    assert "2 Bản sao Quyết định số 45/QĐ-UBND" in lines
    assert "3 Ảnh chụp hiện trạng" in lines
    assert "4 " not in " ".join(lines)  # the blank line is not an item
    assert "NGƯỜI NỘP" in text and "NGƯỜI NHẬN" in text
    assert desk_officer.full_name in text and COMPLAINANT in text
    assert "025190012345" not in text.replace(" ", "")


@pytest.mark.django_db
def test_conclusion_notice_lists_the_tasks(reception_day, record, commune_leader, case_handler):
    notice = ConclusionNotice.objects.create(
        reception_day=reception_day,
        number="05",
        issued_on=dt.date(2026, 11, 27),
        created_by=commune_leader,
        content="Giao công chức địa chính kiểm tra hiện trạng thửa đất và báo cáo kết quả.",
    )
    Task.objects.create(
        conclusion=notice,
        unit_path=reception_day.unit_path,
        title="Kiểm tra hiện trạng thửa đất",
        responsible_body="Công chức địa chính - xây dựng",
        due=dt.date(2026, 12, 10),
    )
    Task.objects.create(
        conclusion=notice,
        unit_path=reception_day.unit_path,
        title="Trả lời công dân bằng văn bản",
        assignee=case_handler,
        due=dt.date(2026, 12, 4),
    )
    data = conclusion_notice_pdf_bytes(notice)
    text, flat = pdf_text(data), pdf_flat(data)
    _heading(text)
    assert "Số: 05/TB-UBND" in text
    assert "Sông Lô, ngày 27 tháng 11 năm 2026" in text
    assert "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND XÃ SÔNG LÔ TẠI BUỔI TIẾP CÔNG DÂN ngày 26/11/2026" in flat
    assert (
        f"Ngày 26/11/2026, tại Trụ sở UBND xã Sông Lô, đồng chí {commune_leader.full_name}, Chủ tịch UBND xã "
        "Sông Lô, đã chủ trì buổi tiếp công dân định kỳ." in flat
    )
    assert "Tại buổi tiếp đã tiếp 1 lượt công dân (2 người)." in flat
    assert "Giao công chức địa chính kiểm tra hiện trạng thửa đất và báo cáo kết quả." in flat
    assert "STT Nhiệm vụ Cơ quan, đơn vị chịu trách nhiệm Thời hạn" in flat
    # By deadline: the handler's reply first.
    assert f"1 Trả lời công dân bằng văn bản {case_handler.full_name} 04/12/2026" in flat
    assert "2 Kiểm tra hiện trạng thửa đất Công chức địa chính - xây dựng 10/12/2026" in flat
    assert "- Công chức địa chính - xây dựng;" in flat
    assert "CHỦ TỊCH" in text and commune_leader.full_name in text
    assert COMPLAINANT not in text  # the citizens received are not listed in the leader's conclusions
