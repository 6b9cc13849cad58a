"""Form 03/TCD (Decree 154/2026): the reception book ("Sổ tiếp công dân", DOMAIN.md §5.2) as an .xlsx file.

Streamed in openpyxl's write-only mode through kit.spreadsheet (the shared styling, and every typed text kept a text,
never a formula). The book is an official register: its text is Vietnamese whatever the officer's interface language.
Citizen ID numbers are masked (last three digits), and a record linked to a protected denunciation shows no identity
at all, only the neutral label.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gandan.core.citizen_id import mask_citizen_id
from gandan.kit.spreadsheet import day_text as _day
from gandan.kit.spreadsheet import grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled
from gandan.reception.models import ReceptionRecord

FORM = "Mẫu số 03/TCD"
TITLE = "SỔ TIẾP CÔNG DÂN"
SHEET_NAME = "Sổ tiếp công dân"
PROTECTED_LABEL = "Người tố cáo (được bảo vệ)"
# The 13 columns of Form 03/TCD, with their widths.
COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Ngày tiếp", 12),
    ("Họ tên - địa chỉ", 28),
    ("CCCD/Hộ chiếu", 16),
    ("Nội dung", 44),
    ("Loại đơn", 12),
    ("Số người", 8),
    ("Cơ quan đã giải quyết", 20),
    ("Thuộc thẩm quyền (x)", 10),
    ("Hướng dẫn", 22),
    ("Cơ quan thụ lý", 22),
    ("Theo dõi kết quả", 24),
    ("Ghi chú", 28),
]
HEADER_ROW = 6  # 1: form number, 2: title, 3: unit, 4: period, 5: blank, 6: headers, 7: column numbers
FIRST_DATA_ROW = 8
KINDS = {
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "recommendation": "Kiến nghị",
    "reflection": "Phản ánh",
    "anonymous": "Thông tin không rõ người gửi",
}
OUTCOME_NOTES: dict[str, str] = {
    ReceptionRecord.Outcome.ANSWERED: "Đã trả lời trực tiếp",
    ReceptionRecord.Outcome.GUIDED: "Đã hướng dẫn",
    ReceptionRecord.Outcome.REFUSED: "Từ chối tiếp",
}


def _unit_line(unit) -> str:
    name = f"{unit.name[:1].lower()}{unit.name[1:]}"
    province = unit.province_name
    if province and not province.startswith(("Thành phố ", "Tỉnh ")):
        province = f"tỉnh {province}"
    return f"Ủy ban nhân dân {name}" + (f", {province}" if province else "")


def book_line(record: ReceptionRecord, number: int) -> list:
    """One row of the book for `record` (its petition and unit loaded with it)."""
    protected = record.protected
    if protected:
        who, id_text = PROTECTED_LABEL, None
    else:
        who = "\n".join(part for part in (record.citizen_name, record.citizen_address) if part)
        id_text = mask_citizen_id(record.id_number) or None
    petition = record.petition if record.petition_id else None
    accepting = None
    if petition is not None:
        accepting = f"{petition.unit.name} (đơn {petition.code})"
    elif record.outcome == ReceptionRecord.Outcome.RECORDED and record.competent:
        accepting = record.unit.name
    follow_up = record.follow_up
    if not follow_up and petition is not None:
        with override("vi"):
            follow_up = f"Đơn {petition.code}: {petition.get_status_display()}"
    notes = [OUTCOME_NOTES[record.outcome]] if record.outcome in OUTCOME_NOTES else []
    if record.refusal_reason:
        notes[-1:] = [f"Từ chối tiếp: {record.refusal_reason}"]
    if record.documents_received:
        notes.append(f"Đã nhận tài liệu (Mẫu 02/TCD): {record.documents_received}")
    if record.note:
        notes.append(record.note)
    return [
        number,
        _day(timezone.localtime(record.at).date()),
        who,
        id_text,
        record.content,
        KINDS.get(record.kind, record.kind),
        record.people_count,
        record.prior_body or None,
        "x" if record.competent else None,
        record.guided_to or None,
        accepting,
        follow_up or None,
        "\n".join(notes) or None,
    ]


def reception_book_bytes(records: Iterable[ReceptionRecord], *, unit, start: dt.date, end: dt.date) -> bytes:
    """The reception book of `unit` for the days `start`..`end`: one line per record of `records`, in the order
    given (load each record with `petition`, `petition__unit` and `unit`), as .xlsx bytes."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_NAME)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"D{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{FIRST_DATA_ROW - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    ws.merged_cells.add(f"A1:{last}1")
    ws.append([_styled(ws, FORM, size=10, border=False, wrap=False, horizontal="right")])
    for row_number, (text, size, bold) in enumerate(
        [
            (TITLE, 14, True),
            (_unit_line(unit), 12, False),
            (f"Từ ngày {_day(start)} đến ngày {_day(end)}", 12, False),
        ],
        start=2,
    ):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([_styled(ws, header, bold=True) for header, _ in COLUMNS])
    ws.append([_styled(ws, f"({i})", size=10) for i in range(1, len(COLUMNS) + 1)])

    number = 0
    for number, record in enumerate(records, start=1):
        ws.append(_row(ws, book_line(record, number)))
    grid(ws, first_row=FIRST_DATA_ROW, last_column=last, rows=number)
    return workbook_bytes(wb)
