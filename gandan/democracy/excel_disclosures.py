"""The quarterly list of disclosures (Law 10/2022 Art. 13: what was disclosed, in which form and when) as an .xlsx
file, through kit.spreadsheet (the forms' styling; every typed text kept a text, never a formula). The sheet is a
document of the commune: its text is Vietnamese whatever the officer's interface language."""

import datetime as dt
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gandan.core.democracy import disclosure as rules
from gandan.democracy.models import Disclosure
from gandan.kit.spreadsheet import day_text, grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME = "Danh mục công khai"
CHANNELS = {
    "office_board": "Niêm yết tại trụ sở UBND xã",
    "village_houses": "Niêm yết tại nhà văn hóa thôn, tổ dân phố",
    "portal": "Trang thông tin điện tử của xã",
    "loudspeaker": "Hệ thống truyền thanh của xã",
    "village_heads": "Qua trưởng thôn, tổ trưởng tổ dân phố",
    "messages": "Tin nhắn, mạng xã hội đến hộ gia đình",
    "letters": "Gửi văn bản đến Nhân dân",
    "other": "Hình thức khác",
}
COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Xã, phường", 18),
    ("Nội dung công khai", 44),
    ("Thuộc khoản (Điều 11)", 30),
    ("Văn bản, ngày ban hành", 22),
    ("Hình thức công khai", 40),
    ("Thời gian công khai", 24),
    ("Hạn công khai", 13),
    ("Ghi chú", 30),
]
HEADER_ROW = 5
FIRST_DATA_ROW = 6


def channels_text(codes: Iterable[str]) -> str:
    return "; ".join(CHANNELS.get(c, c) for c in codes)


def period_text(d: Disclosure) -> str:
    if d.start is None:
        return ""
    if d.end is None:
        return f"Từ {day_text(d.start)}, thường xuyên"
    return f"{day_text(d.start)} – {day_text(d.end)}"


def note_text(d: Disclosure) -> str:
    notes = []
    if rules.started_late(deadline=d.deadline, start=d.start):
        notes.append("Công khai chậm so với hạn")
    if d.loudspeaker_days:
        notes.append(f"Truyền thanh {d.loudspeaker_days} ngày")
    if d.withdrawn_on:
        notes.append(f"Đã gỡ ngày {day_text(d.withdrawn_on)}: {d.withdraw_reason}")
    return "; ".join(notes)


def quarter_line(d: Disclosure, number: int, labels: dict[int, str]) -> list:
    decision = ", ".join(part for part in (d.decision_ref, f"ngày {day_text(d.decided_on)}") if part)
    return [
        number,
        d.unit.name,
        d.title,
        f"{d.item}. {labels.get(d.item, '')}",
        decision,
        channels_text(d.channels or []),
        period_text(d),
        day_text(d.deadline),
        note_text(d) or None,
    ]


def quarter_bytes(
    rows: Iterable[Disclosure], *, unit_name: str, year: int, quarter: int, made_on: dt.date
) -> bytes:
    labels = {r.item: r.label for r in rules.RULES if r.valid_to is None}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_NAME)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    first, end = rules.quarter_span(year, quarter)
    title = f"DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI QUÝ {quarter} NĂM {year}"
    period = f"Từ ngày {day_text(first)} đến ngày {day_text(end)} (lập ngày {day_text(made_on)})"
    for row_number, (text, size, bold) in enumerate(
        [(title, 14, True), (unit_name, 12, False), (period, 12, False)], 1
    ):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([_styled(ws, header, bold=True) for header, _ in COLUMNS])
    number = 0
    for number, disclosure in enumerate(rows, start=1):
        ws.append(_row(ws, quarter_line(disclosure, number, labels)))
    grid(ws, first_row=FIRST_DATA_ROW, last_column=last, rows=number)
    return workbook_bytes(wb)
