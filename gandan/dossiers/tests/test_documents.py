"""The printable documents of the desk: forms 01–06 as PDF (read back with pypdf) and the tracking book (Form 07)
as .xlsx (read back with openpyxl). Dossiers are moved through the real services on a frozen clock."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from gandan.audit.models import Event
from gandan.dossiers import services
from gandan.dossiers.excel import COLUMNS, FIRST_DATA_ROW, HEADER_ROW, BookRow, tracking_book_bytes
from gandan.dossiers.models import (
    Channel,
    CopyKind,
    Dossier,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    Status,
    TimeUnit,
)
from gandan.dossiers.pdf import (
    FORM_TITLES,
    FormUnavailable,
    available_forms,
    date_line,
    form_pdf_bytes,
    qr_target,
)
from gandan.dossiers.services.catalogue import procedures_load_demo
from gandan.dossiers.services.papers import PaperTick
from gandan.dossiers.views.documents import book_period
from gandan.tests_support import client_for
from gandan.units.models import subtree_q

VN = dt.timezone(dt.timedelta(hours=7))
CITIZEN_ID = "025190012345"
NAME = "Nguyễn Thị Hòa"
ITEMS = ["Bản sao Giấy chứng sinh", "Tờ khai có chữ ký của người đi khai"]


def local(y, m, d, hh=9, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


@pytest.fixture
def procedure(db):
    procedure = Procedure.objects.create(
        code="TEST.KS.01",
        name="Đăng ký khai sinh",
        name_search="dang ky khai sinh",
        field="Hộ tịch",
        legal_basis="Luật Hộ tịch 2014",
        time_value=3,
        time_unit=TimeUnit.WORKING_DAYS,
        online_level=OnlineLevel.FULL,
    )
    ProcedureComponent.objects.create(
        procedure=procedure,
        position=1,
        name="Tờ khai đăng ký khai sinh",
        copy_kind=CopyKind.ORIGINAL,
        count=1,
    )
    ProcedureComponent.objects.create(
        procedure=procedure, position=2, name="Giấy chứng sinh", copy_kind=CopyKind.CERTIFIED_COPY, count=2
    )
    return procedure


def _submit(procedure, unit, officer, at):
    return services.dossier_submit(
        procedure=procedure,
        unit=unit,
        channel=Channel.IN_PERSON,
        applicant_name=NAME,
        applicant_phone="0912345678",
        applicant_address="Thôn Bến Đò, xã Sông Lô",
        id_number=CITIZEN_ID,
        by=officer,
        at=at,
        present_component_ids=list(procedure.components.values_list("id", flat=True)),
    )


def _accepted(procedure, unit, officer, at):
    with time_machine.travel(at, tick=False):
        dossier = _submit(procedure, unit, officer, at)
        return services.dossier_accept(dossier=dossier, by=officer, at=at)


@pytest.fixture
def accepted(procedure, home_commune, desk_officer):
    return _accepted(procedure, home_commune, desk_officer, local(2026, 1, 9, 9, 30))


@pytest.fixture
def supplement(procedure, home_commune, desk_officer):
    with time_machine.travel(local(2026, 1, 12, 10), tick=False):
        dossier = _submit(procedure, home_commune, desk_officer, local(2026, 1, 12, 10))
        return services.dossier_request_supplement(
            dossier=dossier, by=desk_officer, items=ITEMS, reason="Hồ sơ còn thiếu giấy tờ theo quy định"
        )


@pytest.fixture
def refused(procedure, home_commune, desk_officer):
    with time_machine.travel(local(2026, 1, 12, 11), tick=False):
        dossier = _submit(procedure, home_commune, desk_officer, local(2026, 1, 12, 11))
        return services.dossier_refuse(
            dossier=dossier,
            by=desk_officer,
            reason="Việc đăng ký thuộc thẩm quyền của cơ quan đại diện ở nước ngoài",
        )


@pytest.fixture
def late(accepted, desk_officer, case_handler):
    """Handed to the handler, late, an apology with a new date, then finished (back at the desk)."""
    with time_machine.travel(local(2026, 1, 9, 10, 15), tick=False):
        services.dossier_transfer(dossier=accepted, by=desk_officer, to_user=case_handler)
    with time_machine.travel(local(2026, 1, 14, 8), tick=False):
        services.dossier_apologize(
            dossier=accepted,
            by=case_handler,
            reason="Cần xác minh thêm thông tin khai sinh",
            new_appointment=dt.date(2026, 1, 16),
        )
    with time_machine.travel(local(2026, 1, 15, 16, 5), tick=False):
        return services.dossier_complete(dossier=accepted, by=case_handler)


@pytest.fixture
def stopped(procedure, home_commune, desk_officer, case_handler):
    dossier = _accepted(procedure, home_commune, desk_officer, local(2026, 1, 13, 8))
    with time_machine.travel(local(2026, 1, 14, 9), tick=False):
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        return services.dossier_stop(
            dossier=dossier, by=case_handler, reason="Có tranh chấp, chờ kết luận của cơ quan có thẩm quyền"
        )


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    """Lines joined: a long value may wrap at the margin."""
    return " ".join(text.split())


def _common(text: str, dossier, form: str) -> None:
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND TỈNH PHÚ THỌ" in text
    assert "UBND XÃ SÔNG LÔ" in text
    assert "BỘ PHẬN MỘT CỬA" in text
    assert FORM_TITLES[form] in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert CITIZEN_ID not in text.replace(" ", "")
    assert CITIZEN_ID[-6:] not in text  # not even part of it


def test_form_01_receipt_and_appointment(accepted, desk_officer):
    data = form_pdf_bytes(accepted, "01")
    text = _text(data)
    _common(text, accepted, "01")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Sông Lô, ngày 09 tháng 01 năm 2026" in text
    assert NAME in text
    assert "Đăng ký khai sinh" in text
    assert "Tờ khai đăng ký khai sinh" in text and "Bản sao có chứng thực" in text
    assert "2. Số lượng hồ sơ: 01 (bộ)" in text
    assert "3 ngày làm việc" in text
    assert "09 giờ 30 phút, ngày 09/01/2026" in text
    assert f"ngày {accepted.appointment:%d/%m/%Y}" in text
    assert accepted.appointment == dt.date(2026, 1, 13)  # the make-up Saturday 10/01 counts
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "(Ký, ghi rõ họ tên)" in text
    assert desk_officer.full_name in text
    assert "0912345678" in text
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_form_01_keeps_the_original_appointment_after_an_apology(late):
    text = _text(form_pdf_bytes(late, "01"))
    assert "ngày 13/01/2026" in text
    assert "16/01/2026" not in text


def test_form_02_lists_the_items_and_the_reason(supplement, desk_officer):
    assert supplement.received_at is None and available_forms(supplement) == ["02"]
    text = _text(form_pdf_bytes(supplement, "02"))
    _common(text, supplement, "02")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert f"1. {ITEMS[0]}" in text and f"2. {ITEMS[1]}" in text
    assert "Hồ sơ còn thiếu giấy tờ theo quy định" in text
    assert "Sông Lô, ngày 12 tháng 01 năm 2026" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and desk_officer.full_name in text
    # No phone for the officer or the unit: no dotted blank to call, the guidance line still names him.
    assert not desk_officer.phone and "số điện thoại" not in text and "......" not in _flat(text)
    assert f"liên hệ với {desk_officer.full_name} để được hướng dẫn." in _flat(text)


def test_form_02_prints_the_officers_phone_when_he_has_one(supplement, desk_officer):
    desk_officer.phone = "0211 3822 123"
    desk_officer.save(update_fields=["phone"])
    supplement.refresh_from_db()

    text = _flat(_text(form_pdf_bytes(supplement, "02")))

    assert "số điện thoại 0211 3822 123 để được hướng dẫn." in text


def test_form_03_gives_the_refusal_reason(refused):
    text = _text(form_pdf_bytes(refused, "03"))
    _common(text, refused, "03")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Việc đăng ký thuộc thẩm quyền của cơ quan đại diện ở nước ngoài" in _flat(text)
    assert NAME in text


def test_form_04_apology_with_the_new_appointment(late):
    text = _text(form_pdf_bytes(late, "04"))
    flat = _flat(text)
    _common(text, late, "04")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert f"Kính gửi: Ông/bà {NAME}" in text
    assert "Sông Lô, ngày 14 tháng 01 năm 2026" in text
    assert "Thời hẹn trả kết quả giải quyết hồ sơ: ngày 13/01/2026" in flat
    assert "Cần xác minh thêm thông tin khai sinh" in flat
    assert "xin lỗi ông/bà" in flat
    assert "hẹn lại ngày trả kết quả: ngày 16/01/2026" in flat
    assert "THỦ TRƯỞNG CƠ QUAN" in text


def test_form_05_notice_stopping_processing(stopped):
    assert stopped.status == Status.STOPPED
    text = _text(form_pdf_bytes(stopped, "05"))
    _common(text, stopped, "05")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Có tranh chấp, chờ kết luận của cơ quan có thẩm quyền" in _flat(text)
    assert "Sông Lô, ngày 14 tháng 01 năm 2026" in text


def test_form_06_control_slip_has_one_row_per_hand_off(late, desk_officer, case_handler):
    text = _text(form_pdf_bytes(late, "06"))
    _common(text, late, "06")
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "10:15" in text and "09/01/2026" in text  # desk → handler
    assert "16:05" in text and "15/01/2026" in text  # handler → desk
    assert desk_officer.full_name in text and case_handler.full_name in text
    assert "Bộ phận Một cửa" in text
    # Handed over early (due 13/01), then back before the new appointment of 16/01.
    assert "Quá hạn" in text  # the handler's step ended after the original appointment
    assert "Đúng hạn" in text or "Trước hạn" in text


def test_form_06_exists_once_accepted_with_blank_rows(accepted):
    text = _text(form_pdf_bytes(accepted, "06"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Giao:" in text


def test_available_forms_follow_the_dossier(accepted, refused, supplement, late, stopped):
    assert available_forms(refused) == ["03"]
    assert available_forms(supplement) == ["02"]
    assert available_forms(late) == ["01", "04", "06"]
    assert available_forms(stopped) == ["01", "05", "06"]
    for form in ("02", "03", "04", "05", "07", "99", ""):
        with pytest.raises(FormUnavailable):
            form_pdf_bytes(stopped if form != "05" else refused, form)


def test_qr_links_to_the_citizen_lookup_page(accepted, client):
    with time_machine.travel(local(2026, 1, 9, 11), tick=False):
        target = qr_target(accepted)
        data = form_pdf_bytes(accepted, "01")
    assert target.startswith(settings.GANDAN_PUBLIC_URL.rstrip("/") + "/ho-so/tra-cuu/")
    links = [annot.get_object()["/A"]["/URI"] for annot in PdfReader(io.BytesIO(data)).pages[0]["/Annots"]]
    assert links == [target]
    page = client.get(target.removeprefix(settings.GANDAN_PUBLIC_URL.rstrip("/")))
    assert page.status_code == 200
    assert accepted.code in page.content.decode()


def test_every_form_is_a4_portrait_and_nfc(accepted, refused, supplement, late, stopped, tmp_path):
    for dossier in (refused, supplement, late, stopped):
        for form in available_forms(dossier):
            data = form_pdf_bytes(dossier, form)
            (tmp_path / f"mau-{form}-{dossier.pk}.pdf").write_bytes(data)
            reader = PdfReader(io.BytesIO(data))
            box = reader.pages[0].mediabox
            assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
            assert reader.metadata.title.endswith(dossier.code)


def test_decomposed_text_prints_precomposed(accepted):
    import unicodedata

    accepted.applicant_name = unicodedata.normalize("NFD", "Trần Thị Ánh Nguyệt")
    text = _text(form_pdf_bytes(accepted, "01"))
    assert "Trần Thị Ánh Nguyệt" in text


def test_date_line_follows_decree_30():
    assert date_line("Sông Lô", dt.date(2026, 1, 9)) == "Sông Lô, ngày 09 tháng 01 năm 2026"
    assert date_line("Sông Lô", dt.date(2026, 11, 25)) == "Sông Lô, ngày 25 tháng 11 năm 2026"
    assert date_line("Sông Lô", dt.date(2026, 5, 3)) == "Sông Lô, ngày 03 tháng 5 năm 2026"


# --- Views --------------------------------------------------------------------------------------------------------
def test_form_view_serves_the_pdf_inline(accepted, commune_leader):
    response = client_for(commune_leader).get(reverse("dossiers:form_pdf", args=[accepted.pk, "01"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{accepted.code}-mau-01.pdf"'
    assert response.getvalue().startswith(b"%PDF-")


def test_form_view_is_404_outside_the_commune(accepted, other_commune_leader):
    response = client_for(other_commune_leader).get(reverse("dossiers:form_pdf", args=[accepted.pk, "01"]))
    assert response.status_code == 404


def test_form_view_is_404_for_a_form_the_dossier_has_not(accepted, commune_leader):
    client = client_for(commune_leader)
    assert client.get(reverse("dossiers:form_pdf", args=[accepted.pk, "03"])).status_code == 404
    assert client.get(reverse("dossiers:form_pdf", args=[accepted.pk, "xx"])).status_code == 404


def test_form_view_needs_login(accepted, client):
    response = client.get(reverse("dossiers:form_pdf", args=[accepted.pk, "01"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_form_view_refuses_post(accepted, commune_leader):
    response = client_for(commune_leader).post(reverse("dossiers:form_pdf", args=[accepted.pk, "01"]))
    assert response.status_code == 405


# --- Tracking book (Form 07) ----------------------------------------------------------------------------------------
def _received_in_january(unit) -> list[str]:
    rows = Dossier.objects.filter(
        subtree_q(unit.path, "unit_path"),
        received_at__gte=local(2026, 1, 1, 0),
        received_at__lt=local(2026, 2, 1, 0),
    )
    return list(rows.order_by("received_at", "id").values_list("code", flat=True))


def _book(response):
    assert response.status_code == 200, response.getvalue()
    return load_workbook(io.BytesIO(response.getvalue())).active


def test_tracking_book_has_one_line_per_dossier_received_in_the_period(
    procedure, home_commune, other_commune, desk_officer, case_handler, late, stopped, supplement, refused
):
    _accepted(
        procedure, other_commune, desk_officer, local(2026, 1, 12, 9)
    )  # another commune: not in the book
    _accepted(procedure, home_commune, desk_officer, local(2026, 2, 2, 9))  # after the period
    url = reverse("dossiers:book")
    response = client_for(desk_officer).get(url, {"from": "01/01/2026", "to": "31/01/2026"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="so-theo-doi-ho-so-2026-01-01-2026-01-31.xlsx"'
    )
    ws = _book(response)
    assert ws["A1"].value == "SỔ THEO DÕI HỒ SƠ"
    assert ws["A2"].value == "Bộ phận Một cửa xã Sông Lô, tỉnh Phú Thọ"
    assert ws["A3"].value == "Từ ngày 01/01/2026 đến ngày 31/01/2026"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:7] == [
        "STT",
        "Mã hồ sơ",
        "Tên thủ tục",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ, số điện thoại",
        "Cơ quan chủ trì giải quyết",
    ]
    assert header[7] == "Ngày, tháng, năm"
    assert header[12:] == ["Ký nhận", "Ghi chú"]
    assert [c.value for c in ws[HEADER_ROW + 1]][7:12] == [
        "Nhận hồ sơ",
        "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức",
    ]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=FIRST_DATA_ROW)]
    expected = _received_in_january(home_commune)  # the demo data may add its own dossiers
    assert late.code in expected and stopped.code in expected
    assert supplement.code not in expected and refused.code not in expected  # never received
    assert [r[1] for r in rows] == expected  # by receipt time
    assert [r[0] for r in rows] == list(range(1, len(expected) + 1))
    by_code = {r[1]: r for r in rows}
    first = by_code[late.code]
    assert first[3] == 1
    assert first[4] == NAME
    assert first[5] == "Thôn Bến Đò, xã Sông Lô; ĐT: 0912345678"
    assert first[7:12] == ["09/01/2026", "13/01/2026", "09/01/2026", "15/01/2026", None]
    assert "Hẹn lại: 16/01/2026" in first[13]
    assert by_code[stopped.code][13] == "Dừng giải quyết"
    assert all(CITIZEN_ID not in str(v) for row in rows for v in row)
    assert ws.freeze_panes == f"C{FIRST_DATA_ROW}"
    event = Event.objects.filter(action="dossiers.export_book").latest("id")
    assert event.details == {"from": "2026-01-01", "to": "2026-01-31", "rows": len(expected)}
    assert event.actor_id == desk_officer.pk


def test_tracking_book_defaults_to_the_current_month(late, desk_officer, home_commune):
    with time_machine.travel(local(2026, 1, 20, 10), tick=False):
        response = client_for(desk_officer).get(reverse("dossiers:book"))
    ws = _book(response)
    assert ws["A3"].value == "Từ ngày 01/01/2026 đến ngày 31/01/2026"
    codes = [r[1].value for r in ws.iter_rows(min_row=FIRST_DATA_ROW)]
    assert late.code in codes
    assert codes == _received_in_january(home_commune)


def test_tracking_book_is_scoped_to_the_officer(late, other_commune_leader, other_commune):
    response = client_for(other_commune_leader).get(
        reverse("dossiers:book"), {"from": "2026-01-01", "to": "2026-01-31"}
    )
    ws = _book(response)
    codes = [r[1].value for r in ws.iter_rows(min_row=FIRST_DATA_ROW)]
    assert late.code not in codes
    assert codes == _received_in_january(other_commune)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "32/01/2026", "to": "31/01/2026"}, "Vui lòng nhập ngày theo dạng dd/mm/yyyy"),
        ({"from": "hôm qua"}, "Vui lòng nhập ngày theo dạng dd/mm/yyyy"),
        ({"from": "01/01/0001"}, "trong khoảng từ năm 1900 đến năm 2100"),
        ({"from": "31/01/2026", "to": "01/01/2026"}, "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu"),
        ({"from": "01/01/2025", "to": "02/01/2026"}, "tối đa 366 ngày"),
    ],
)
def test_tracking_book_refuses_bad_periods(desk_officer, params, message):
    response = client_for(desk_officer).get(reverse("dossiers:book"), params)
    assert response.status_code == 400
    assert message in response.content.decode("utf-8")
    assert not Event.objects.filter(action="dossiers.export_book", actor=desk_officer).exists()


def test_book_period_accepts_both_date_forms():
    today = dt.date(2026, 3, 15)
    assert book_period("", "", today=today) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert book_period("2026-02-01", "", today=today) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert book_period("", "10/01/2026", today=today) == (dt.date(2026, 1, 1), dt.date(2026, 1, 10))
    assert book_period("01/01/2024", "31/12/2024", today=today) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )


def test_tracking_book_needs_login(client):
    assert client.get(reverse("dossiers:book")).status_code == 302


LINES = 6_000  # a busy commune desk's year


def test_a_busy_years_tracking_book_has_every_line(home_commune):
    """Written row by row (openpyxl's write-only mode), so a year of a busy desk is one book with every dossier on
    it. How long it takes is the bench's business, not a test's."""
    row = BookRow(
        code="08848-260109-0001",
        procedure="Đăng ký khai sinh",
        sets=1,
        applicant=NAME,
        address="Thôn Bến Đò, xã Sông Lô",
        phone="0912345678",
        lead_body="UBND cấp xã",
        received=dt.date(2026, 1, 9),
        appointment=dt.date(2026, 1, 13),
        transferred=dt.date(2026, 1, 9),
        result_received=None,
        returned=None,
    )
    data = tracking_book_bytes(
        (row for _ in range(LINES)), unit=home_commune, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    last = FIRST_DATA_ROW - 1 + LINES
    assert f'<row r="{last}"' in sheet and f'<row r="{last + 1}"' not in sheet
    assert len(COLUMNS) == 14


def test_long_form_01_flows_onto_a_second_page(procedure, home_commune, desk_officer, tmp_path):
    for n in range(3, 31):
        ProcedureComponent.objects.create(
            procedure=procedure, position=n, name=f"Giấy tờ kèm theo số {n}", copy_kind=CopyKind.COPY, count=1
        )
    dossier = _accepted(procedure, home_commune, desk_officer, local(2026, 1, 9, 9, 30))
    data = form_pdf_bytes(dossier, "01")
    (tmp_path / "mau-01-long.pdf").write_bytes(data)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 2
    assert "Giấy tờ kèm theo số 30" in _text(data)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in pages[1].extract_text()
    assert "/Annots" in pages[1] and "/Annots" not in pages[0]  # the QR code is on the last page


BIRTH_ANSWERS = {
    "ten_tre": "Nguyễn Hoàng Minh Khôi", "gioi_tinh": "Nam", "ngay_sinh": "02/01/2026",
    "noi_sinh": "Trạm Y tế xã Sông Lô, tỉnh Phú Thọ", "dan_toc": "Kinh", "quoc_tich": "Việt Nam",
    "que_quan": "Xã Sông Lô, tỉnh Phú Thọ", "ten_me": "Nguyễn Thị Hòa", "ngay_sinh_me": "14/05/1996",
    "so_dinh_danh_me": "025196012345", "ten_cha": "Trần Văn Hùng", "ngay_sinh_cha": "20/11/1993",
    "so_dinh_danh_cha": "025093012345", "noi_cu_tru_cha_me": "Thôn Bến Đò, xã Sông Lô, tỉnh Phú Thọ",
    "quan_he": "Mẹ",
}  # fmt: skip


def test_form_01_of_a_birth_registration_with_every_field_and_three_papers_fits_one_page(
    home_commune, desk_officer, tmp_path
):
    procedures_load_demo()
    birth = Procedure.objects.get(code="1.001193")
    by_name = {c.name.split(" (")[0]: c for c in birth.components.all()}
    received = [
        c for name, c in by_name.items() if name.startswith(("Tờ khai", "Giấy chứng sinh", "Văn bản ủy"))
    ]
    assert len(received) == 3
    papers = [
        PaperTick(component_id=c.pk, received=c in received, applies=c in received)
        for c in birth.components.all()
    ]
    at = local(2026, 1, 9, 9, 30)
    with time_machine.travel(at, tick=False):
        dossier = services.dossier_submit(
            procedure=birth, unit=home_commune, channel=Channel.IN_PERSON, applicant_name=NAME,
            applicant_phone="0912345678", applicant_email="hoa.nguyen@example.com",
            applicant_address="Thôn Bến Đò, xã Sông Lô, tỉnh Phú Thọ", id_number=CITIZEN_ID,
            application=BIRTH_ANSWERS, papers=papers, accept=True, by=desk_officer, at=at,
        )  # fmt: skip

    data = form_pdf_bytes(dossier, "01")
    (tmp_path / "mau-01-khai-sinh.pdf").write_bytes(data)

    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 1
    text = _flat(_text(data))
    assert "Nguyễn Hoàng Minh Khôi" in text and "Thôn Bến Đò, xã Sông Lô, tỉnh Phú Thọ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Văn bản ủy quyền" in text
