"""The periodic report as documents: an editable Word file (.docx) in the Vietnamese administrative layout of Decree
30/2020 — the same heading as the printed forms (gandan.pdfdoc): the issuing body and the number on the left, the
national name and motto over the place and date on the right — then "BÁO CÁO" and its subject, the parts of the
report with the figures in tables and the officer's text, and the signature block; and its Excel annex with every
figure (a province's annex has a row per commune).

Both are built from the report's snapshot (`Report.figures`), never from live data: what the leader approved is
what prints. Every word is Vietnamese whatever the officer's interface language (an official document).
"""

import io
import re

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gandan.accounts.rules import Role
from gandan.core.mobilization.reports import NARRATIVE
from gandan.core.vntext import fold
from gandan.kit.spreadsheet import cell, styled, workbook_bytes
from gandan.mobilization.models import Report
from gandan.mobilization.selectors.reports import figure_text
from gandan.mobilization.services.reports import period_of, report_title
from gandan.pdfdoc import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    committee,
    date_line,
    fmt_date,
    issuing_body_lines,
    place_name,
    unit_name,
)

FONT = "Times New Roman"
SIZE = 13
ROMAN = ("I", "II", "III", "IV", "V", "VI")
COLUMNS = ("STT", "Chỉ tiêu", "Kết quả", "Ghi chú")


def file_stem(report: Report) -> str:
    """ "bao-cao-dan-van-xa-song-lo-2026-11" — ASCII, for every mail client and file system."""
    name = re.sub(r"[^a-z0-9]+", "-", fold(report.unit.name)).strip("-")
    suffix = report.period_start.strftime("%Y-%m")
    if report.period_kind != "month":
        suffix += f"-{report.period_end:%Y-%m}"
    return f"bao-cao-dan-van-{name}-{suffix}"


def _number(report: Report) -> str:
    return f"Số: {report.number}" if report.number else "Số:      -BC/"


def _day(report: Report):
    return timezone.localtime(report.approved_at).date() if report.approved_at else timezone.localdate()


def _heading_lines(report: Report) -> list[str]:
    lines: list[str] = []
    for line in issuing_body_lines(report.unit):
        if line not in lines:  # a province's own committee is also its province line
            lines.append(line)
    return lines


def _signature(report: Report) -> tuple[str, str, str]:
    """(on behalf of, title, name): the approving leader's, or the chairman's blank block on a draft."""
    leader = report.approved_by
    if (
        leader is not None
        and Role.PARTY_SECRETARY in leader.role_set
        and Role.UNIT_LEADER not in leader.role_set
    ):
        return "T/M ĐẢNG ỦY", "BÍ THƯ", leader.full_name or str(leader)
    if leader is not None:
        return "T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH", leader.full_name or str(leader)
    return "T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ""


# --- Word -------------------------------------------------------------------------------------------------------


def _para(
    container, text: str = "", *, bold=False, italic=False, size=SIZE, align=None, after=None, indent=None
):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3) if after is None else after
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = indent
    return paragraph


def _first_para(target: _Cell, text: str, **style):
    """Write into a cell's own first paragraph (a new cell has one, empty)."""
    paragraph = target.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.italic = style.get("bold", False), style.get("italic", False)
    run.font.size = Pt(style.get("size", SIZE))
    paragraph.alignment = style.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    return paragraph


def _text(doc, text: str) -> None:
    """The officer's text, paragraph by paragraph, indented and justified as an administrative text is."""
    blocks = [b.strip() for b in (text or "").split("\n") if b.strip()]
    if not blocks:
        _para(doc, "(Chưa viết)", italic=True, indent=Mm(10))
    for block in blocks:
        _para(doc, block, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Mm(10))


def _figures_table(doc, section: dict) -> None:
    figures = section["figures"]
    table = doc.add_table(rows=1 + len(figures), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(12), Mm(88), Mm(25), Mm(40))
    for i, title in enumerate(COLUMNS):
        _first_para(table.rows[0].cells[i], title, bold=True, size=12)
    for n, figure in enumerate(figures, start=1):
        cells = table.rows[n].cells
        _first_para(cells[0], str(n), size=12)
        _first_para(cells[1], figure["label"], size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        _first_para(cells[2], figure_text(figure["value"]), size=12, bold=True)
        _first_para(cells[3], figure.get("note") or "", size=11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = width


def _setup(doc) -> None:
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)


def _heading(doc, report: Report) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    lines = _heading_lines(report)
    for i, line in enumerate(lines):
        target = left.paragraphs[0] if i == 0 else left.add_paragraph()
        run = target.add_run(line)
        run.bold, run.font.size = i == len(lines) - 1, Pt(12)
        target.alignment = WD_ALIGN_PARAGRAPH.CENTER
        target.paragraph_format.space_after = Pt(0)
    _para(left, "-------", align=WD_ALIGN_PARAGRAPH.CENTER, size=12, after=Pt(0))
    _para(left, _number(report), align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    _first_para(right, NATIONAL_NAME, bold=True, size=12).paragraph_format.space_after = Pt(0)
    _para(right, NATIONAL_MOTTO, bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
    _para(right, "---------------", align=WD_ALIGN_PARAGRAPH.CENTER, size=12, after=Pt(0))
    _para(
        right, date_line(place_name(report.unit), _day(report)), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )


def _signature_block(doc, report: Report) -> None:
    on_behalf, title, name = _signature(report)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    _first_para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in ("- Ban Tuyên giáo và Dân vận (để báo cáo);", "- Lưu: VT."):
        _para(left, line, size=11, after=Pt(0))
    _first_para(right, on_behalf, bold=True)
    _para(right, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(48))
    _para(right, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def report_docx(report: Report) -> bytes:
    """The report as a .docx the officer can still edit in Word or LibreOffice."""
    doc = Document()
    _setup(doc)
    _heading(doc, report)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
    _para(doc, report_title(report), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
    _para(doc, "-----------", align=WD_ALIGN_PARAGRAPH.CENTER)
    period = period_of(report)
    _para(
        doc,
        f"{committee(report.unit)} báo cáo kết quả công tác dân vận từ ngày {fmt_date(period.start)} đến ngày "
        f"{fmt_date(period.end)} như sau:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=Mm(10),
    )
    narrative = report.narrative or {}
    headings = dict(NARRATIVE)
    _para(doc, f"{ROMAN[0]}. {headings['opinion'].upper()}", bold=True)
    _text(doc, narrative.get("opinion", ""))
    _para(doc, f"{ROMAN[1]}. KẾT QUẢ CÔNG TÁC DÂN VẬN", bold=True)
    sections = report.figures or []
    for n, section in enumerate(sections, start=1):
        _para(doc, f"{n}. {section['title']}", bold=True)
        _figures_table(doc, section)
        _para(doc, after=Pt(0))
    _para(doc, f"{len(sections) + 1}. {headings['highlights']}", bold=True)
    _text(doc, narrative.get("highlights", ""))
    _para(doc, f"{ROMAN[2]}. {headings['shortcomings'].upper()}", bold=True)
    _text(doc, narrative.get("shortcomings", ""))
    _para(doc, f"{ROMAN[3]}. {headings['next'].upper()}", bold=True)
    _text(doc, narrative.get("next", ""))
    computed = timezone.localtime(report.computed_at) if report.computed_at else None
    if computed is not None:
        _para(
            doc,
            f"Số liệu tổng hợp từ hệ thống Gần Dân lúc {computed:%H:%M} ngày {computed:%d/%m/%Y}; "
            "chi tiết theo từng chỉ tiêu tại phụ lục kèm theo.",
            italic=True,
            size=11,
        )
    _para(doc, after=Pt(6))
    _signature_block(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- Excel --------------------------------------------------------------------------------------------------------


def _link(url: str) -> str:
    return f"{settings.GANDAN_PUBLIC_URL.rstrip('/')}{url}" if url else ""


def report_xlsx(report: Report) -> bytes:
    """The annex: every figure of every section (and for a province, a sheet with a row per commune)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    number = f" số {report.number}" if report.number else ""
    ws.append([styled(ws, "PHỤ LỤC SỐ LIỆU", bold=True, size=13, border=False)])
    ws.append([styled(ws, f"(Kèm theo Báo cáo{number} của {committee(report.unit)})", size=11, border=False)])
    period = period_of(report)
    subject = f"{report_title(report)} (từ {fmt_date(period.start)} đến {fmt_date(period.end)})"
    ws.append([styled(ws, subject, size=11, border=False)])
    ws.append([])
    headers = ["STT", "Nhóm chỉ tiêu", "Chỉ tiêu", "Kết quả", "Ghi chú", "Xem danh sách"]
    ws.append([styled(ws, h, bold=True) for h in headers])
    n = 0
    for section in report.figures or []:
        for figure in section["figures"]:
            n += 1
            ws.append(
                [
                    n,
                    cell(ws, section["title"]),
                    cell(ws, figure["label"]),
                    figure["value"],
                    cell(ws, figure.get("note") or ""),
                    cell(ws, _link(figure.get("url") or "")),
                ]
            )
    for i, width in enumerate((6, 34, 46, 12, 44, 50), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for line in range(1, 4):
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(headers))
    if any("communes" in f for s in report.figures or [] for f in s["figures"]):
        _by_commune_sheet(wb, report)
    return workbook_bytes(wb)


def _by_commune_sheet(wb, report: Report) -> None:
    ws = wb.create_sheet("Theo xã, phường")
    columns = [(s, f) for s in report.figures for f in s["figures"]]
    ws.append(
        [styled(ws, f"SỐ LIỆU THEO XÃ, PHƯỜNG — {report_title(report).upper()}", bold=True, border=False)]
    )
    ws.append([])
    ws.append(
        [styled(ws, "STT", bold=True), styled(ws, "Xã, phường", bold=True)]
        + [styled(ws, f"{s['title']}: {f['label']}", bold=True) for s, f in columns]
    )
    names = [c["name"] for c in columns[0][1].get("communes", [])] if columns else []
    for i, name in enumerate(names):
        ws.append([i + 1, cell(ws, name)] + [f["communes"][i]["value"] for _s, f in columns])
    total = [styled(ws, "", bold=True), styled(ws, f"Toàn {unit_name(report.unit)}", bold=True)]
    ws.append(total + [f["value"] for _s, f in columns])
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 26
    for i in range(len(columns)):
        ws.column_dimensions[get_column_letter(i + 3)].width = 16
    for row in ws.iter_rows(min_row=3, max_row=3):
        for target in row:
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            target.font = Font(name="Times New Roman", bold=True, size=10)
    ws.freeze_panes = "C4"
