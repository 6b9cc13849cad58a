"""Form 07 of Circular 03/2025/TT-VPCP: the tracking book ("Sổ theo dõi hồ sơ", DOMAIN.md §1.5) as an .xlsx file.

Written in openpyxl's write-only mode (rows are streamed, memory stays flat for a year of a busy commune). The book
carries the applicant's name, address and phone as the official book does, never the citizen ID number. Text is
Vietnamese whatever the officer's interface language: the book is an official register.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gandan.kit.spreadsheet import day_text as _day
from gandan.kit.spreadsheet import grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled

TITLE = "SỔ THEO DÕI HỒ SƠ"
DATES_HEADER = "Ngày, tháng, năm"
# (header, sub-header under "Ngày, tháng, năm" or None, column width)
COLUMNS: list[tuple[str, str | None, float]] = [
    ("STT", None, 6),
    ("Mã hồ sơ", None, 20),
    ("Tên thủ tục", None, 36),
    ("Số lượng hồ sơ (bộ)", None, 9),
    ("Tên cá nhân, tổ chức", None, 24),
    ("Địa chỉ, số điện thoại", None, 32),
    ("Cơ quan chủ trì giải quyết", None, 20),
    (DATES_HEADER, "Nhận hồ sơ", 12),
    (DATES_HEADER, "Hẹn trả kết quả", 12),
    (DATES_HEADER, "Chuyển hồ sơ đến cơ quan giải quyết", 14),
    (DATES_HEADER, "Nhận kết quả từ cơ quan giải quyết", 14),
    (DATES_HEADER, "Trả kết quả cho cá nhân, tổ chức", 14),
    ("Ký nhận", None, 12),
    ("Ghi chú", None, 24),
]
HEADER_ROW = 5  # rows 1–3: title, unit, period; row 4 blank; rows 5–6 headers; row 7 column numbers
FIRST_DATA_ROW = 8
SHEET_NAME = "Sổ theo dõi hồ sơ"


@dataclass(frozen=True, slots=True)
class BookRow:
    """One line of the book. Dates are local calendar days (None: not happened yet)."""

    code: str
    procedure: str
    sets: int
    applicant: str
    address: str
    phone: str
    lead_body: str
    received: dt.date | None
    appointment: dt.date | None
    transferred: dt.date | None
    result_received: dt.date | None
    returned: dt.date | None
    note: str = ""


def tracking_book_bytes(rows: Iterable[BookRow], *, unit, start: dt.date, end: dt.date) -> bytes:
    """The tracking book of `unit`'s desk for the days `start`..`end`, one line per dossier of `rows` (in the
    order given), as .xlsx bytes."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_NAME)
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{FIRST_DATA_ROW - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    province = unit.province_name
    if province and not province.startswith(("Thành phố ", "Tỉnh ")):
        province = f"tỉnh {province}"
    where = f"Bộ phận Một cửa {unit.name[:1].lower()}{unit.name[1:]}" + (f", {province}" if province else "")
    for row_number, (text, size, bold) in enumerate(
        [(TITLE, 14, True), (where, 12, False), (f"Từ ngày {_day(start)} đến ngày {_day(end)}", 12, False)],
        start=1,
    ):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])

    top, sub = [], []
    for index, (header, subheader, _) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if subheader is None:
            ws.merged_cells.add(f"{letter}{HEADER_ROW}:{letter}{HEADER_ROW + 1}")
            top.append(_styled(ws, header, bold=True))
            sub.append(_styled(ws, None, bold=True))
        else:  # under the merged "Ngày, tháng, năm": the text once, in the first cell
            first = COLUMNS[index - 2][1] is None
            top.append(_styled(ws, header if first else None, bold=True))
            sub.append(_styled(ws, subheader, bold=True))
    dates = [i for i, (_, s, _) in enumerate(COLUMNS, start=1) if s is not None]
    ws.merged_cells.add(
        f"{get_column_letter(dates[0])}{HEADER_ROW}:{get_column_letter(dates[-1])}{HEADER_ROW}"
    )
    ws.append(top)
    ws.append(sub)
    ws.append([_styled(ws, f"({i})", size=10) for i in range(1, len(COLUMNS) + 1)])

    # Data rows are plain values: a style object per cell would triple the time of a 50,000-line book. The grid
    # comes from one conditional format over the whole block instead.
    number = 0
    for number, row in enumerate(rows, start=1):
        contact = "; ".join(part for part in (row.address, f"ĐT: {row.phone}" if row.phone else "") if part)
        ws.append(
            _row(
                ws,
                [
                    number,
                    row.code,
                    row.procedure,
                    row.sets,
                    row.applicant,
                    contact,
                    row.lead_body,
                    _day(row.received),
                    _day(row.appointment),
                    _day(row.transferred),
                    _day(row.result_received),
                    _day(row.returned),
                    None,
                    row.note or None,
                ],
            )
        )
    grid(ws, first_row=FIRST_DATA_ROW, last_column=last, rows=number)
    return workbook_bytes(wb)
