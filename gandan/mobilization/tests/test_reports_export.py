"""The report as documents: the .docx read back with python-docx has the national heading, the unit and number, the
title "BÁO CÁO" with its period, the Vietnamese parts with the officer's text, each section's figures in a table and
the approving leader's signature block; the .xlsx annex has every figure, and a province's a row per commune."""

import io

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from gandan.mobilization.selectors.reports import figure_text
from gandan.mobilization.services import reports as services
from gandan.mobilization.tests import reports_support as w

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]

TEXT = {
    "opinion": "Nhân dân phấn khởi với kết quả xây dựng nông thôn mới.",
    "highlights": "Ra mắt mô hình “Đoạn đường tự quản”.",
    "shortcomings": "Một số tổ họp chưa đều.",
    "next": "Kiện toàn tổ dân vận thôn Cầu Gỗ.",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(w.NOW, tick=False):
        yield


@pytest.fixture
def approved():
    world = w.build()
    report = services.report_create(
        unit=world.commune,
        period_kind="month",
        year=2026,
        number=11,
        report_number="15-BC/UBND",
        by=world.officer,
    )
    services.report_write(report=report, narrative=TEXT, by=world.officer)
    services.report_submit(report=report, by=world.officer)
    return world, services.report_approve(report=report, by=world.chairman)


def _docx(report, user):
    content, name, content_type = services.report_export(report=report, kind="docx", by=user)
    assert content_type.endswith("wordprocessingml.document")
    return Document(io.BytesIO(content)), name


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_word_report_has_the_vietnamese_heading_title_parts_and_signature(approved):
    world, report = approved
    doc, name = _docx(report, world.officer)
    assert name.startswith("bao-cao-dan-van-xa-") and name.endswith("-2026-11.docx")
    left, right = doc.tables[0].rows[0].cells
    assert left.text.splitlines() == [
        "UBND TỈNH PHÚ THỌ",
        f"UBND {world.commune.name.upper()}",
        "-------",
        "Số: 15-BC/UBND",
    ]
    place = world.commune.name.removeprefix("Xã ")
    assert right.text.splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        f"{place}, ngày 10 tháng 12 năm 2026",
    ]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[:2] == ["BÁO CÁO", "Kết quả công tác dân vận tháng 11 năm 2026"]
    for heading in ("I. TÌNH HÌNH TƯ TƯỞNG NHÂN DÂN", "II. KẾT QUẢ CÔNG TÁC DÂN VẬN", "III. HẠN CHẾ",
                    "IV. PHƯƠNG HƯỚNG NHIỆM VỤ KỲ TỚI"):  # fmt: skip
        assert heading in paragraphs
    for text in TEXT.values():
        assert text in paragraphs
    assert paragraphs.index(TEXT["opinion"]) < paragraphs.index("II. KẾT QUẢ CÔNG TÁC DÂN VẬN")
    signature = doc.tables[-1].rows[0].cells[1].text.splitlines()
    assert [signature[0], signature[1], signature[-1]] == [
        "T/M ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        world.chairman.full_name,
    ]


def test_the_word_report_has_every_figure_in_its_sections_table(approved):
    world, report = approved
    doc, _name = _docx(report, world.officer)
    paragraphs = [p.text for p in doc.paragraphs]
    tables = doc.tables[1:-1]
    assert len(tables) == len(report.figures)
    for n, (section, table) in enumerate(zip(report.figures, tables, strict=True), start=1):
        assert f"{n}. {section['title']}" in paragraphs
        rows = _cells(table)
        assert rows[0] == ["STT", "Chỉ tiêu", "Kết quả", "Ghi chú"]
        assert [(r[1], r[2]) for r in rows[1:]] == [
            (f["label"], figure_text(f["value"])) for f in section["figures"]
        ]
    network = _cells(tables[0])
    assert network[2][2] == "3"  # the members on 30/11, each person once (one left that day)


def test_a_draft_has_a_blank_signature_and_number(approved):
    world, _report = approved
    draft = services.report_create(
        unit=world.commune, period_kind="quarter", year=2026, number=3, by=world.officer
    )
    doc, _name = _docx(draft, world.officer)
    assert doc.tables[0].rows[0].cells[0].text.splitlines()[-1].startswith("Số:")
    signature = doc.tables[-1].rows[0].cells[1].text.splitlines()
    assert signature == ["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]  # and no name under it
    assert "(Chưa viết)" in [p.text for p in doc.paragraphs]
    assert "Kết quả công tác dân vận quý III năm 2026" in [p.text for p in doc.paragraphs]


def test_the_excel_annex_has_every_figure(approved):
    world, report = approved
    content, name, _type = services.report_export(report=report, kind="xlsx", by=world.officer)
    assert name.endswith("-2026-11.xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0] is not None]
    figures = [(s["title"], f["label"], f["value"]) for s in report.figures for f in s["figures"]]
    assert [(r[1], r[2], r[3]) for r in rows] == figures
    assert all(str(r[5]).startswith("http") for r in rows if r[5])
    assert sheet["A1"].value == "PHỤ LỤC SỐ LIỆU" and "15-BC/UBND" in sheet["A2"].value


def test_a_province_annex_has_a_row_per_commune(approved, province_supervisor):
    from gandan.accounts.rules import Role
    from gandan.accounts.services import user_create

    world, _report = approved
    officer = user_create(
        username="danvan.tinh",
        password=w.PASSWORD,
        full_name="Cán bộ dân vận tỉnh",
        unit=province_supervisor.unit,
        roles=[Role.MOBILIZATION_OFFICER],
    )
    report = services.report_create(
        unit=province_supervisor.unit, period_kind="month", year=2026, number=11, by=officer
    )
    content, _name, _type = services.report_export(report=report, kind="xlsx", by=officer)
    sheet = load_workbook(io.BytesIO(content))["Theo xã, phường"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    communes = rows[:-1]
    keys = [(s["key"], f["key"]) for s in report.figures for f in s["figures"]]
    meetings = 2 + keys.index(("mobilization.network", "meetings"))
    mine = next(r for r in communes if r[1] == world.commune.name)
    assert mine[meetings] == 2
    assert rows[-1][1] == "Toàn tỉnh Phú Thọ" and rows[-1][meetings] == sum(
        r[meetings] or 0 for r in communes
    )
    assert len(communes) > 100


def test_an_export_is_in_the_audit_trail(approved):
    from gandan.audit.models import Event

    world, report = approved
    services.report_export(report=report, kind="docx", by=world.officer)
    assert Event.objects.filter(action="mobilization.report_export", object_id=str(report.pk)).count() == 1
