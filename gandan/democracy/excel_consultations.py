"""The opinions of one consultation as an .xlsx sheet: each with its channel, section, village, the commenter's name,
the decision (accepted, partly, not accepted, not yet considered) and its explanation — the table officials attach
to the summary (bảng tổng hợp, tiếp thu, giải trình ý kiến). Contacts are left out: the sheet is printed and passed
round. Written through kit.spreadsheet (a typed text never becomes a formula); its text is Vietnamese, whatever the
officer's interface language."""

from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gandan.democracy.models import Comment, Consultation
from gandan.kit.spreadsheet import day_text, grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled

TITLE = "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN"
SHEET_NAME = "Ý kiến"
CHANNELS: dict[str, str] = {
    Comment.Channel.PORTAL: "Cổng thông tin",
    Comment.Channel.MEETING: "Hội nghị, họp dân",
    Comment.Channel.SLIP: "Phiếu lấy ý kiến",
    Comment.Channel.BOX: "Hòm thư góp ý",
    Comment.Channel.HOTLINE: "Đường dây nóng",
    Comment.Channel.FRONT: "Qua Mặt trận, đoàn thể",
    Comment.Channel.SOCIAL: "Mạng xã hội",
    Comment.Channel.DIALOGUE: "Đối thoại",
}
DISPOSITIONS: dict[str, str] = {
    Comment.Disposition.PENDING: "Chưa xem xét",
    Comment.Disposition.ACCEPTED: "Tiếp thu",
    Comment.Disposition.PARTLY: "Tiếp thu một phần",
    Comment.Disposition.NOT_ACCEPTED: "Không tiếp thu",
}
COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Ngày", 12),
    ("Hình thức", 20),
    ("Phần dự thảo", 28),
    ("Thôn, tổ dân phố", 22),
    ("Người góp ý", 22),
    ("Nội dung ý kiến", 60),
    ("Tiếp thu", 16),
    ("Giải trình", 50),
]
HEADER_ROW = 5
FIRST_DATA_ROW = 6


def comment_line(comment: Comment, number: int) -> list:
    section = comment.section
    return [
        number,
        day_text(timezone.localtime(comment.created_at).date()),
        CHANNELS.get(comment.channel, comment.channel),
        f"{section.number}. {section.heading}" if section is not None else "Toàn bộ dự thảo",
        comment.village.name if comment.village is not None else None,
        comment.author_name or None,
        comment.text,
        DISPOSITIONS.get(comment.disposition, comment.disposition),
        comment.response or None,
    ]


def comments_bytes(consultation: Consultation, comments: Iterable[Comment]) -> bytes:
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
    window = f"Thời gian lấy ý kiến: từ ngày {day_text(consultation.opens)} đến ngày {day_text(consultation.closes)}"
    heading = [
        (TITLE, 14, True),
        (f"{consultation.title} — {consultation.unit.name}", 12, False),
        (window, 12, False),
    ]
    for row_number, (text, size, bold) in enumerate(heading, 1):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([_styled(ws, header, bold=True) for header, _ in COLUMNS])
    number = 0
    for number, comment in enumerate(comments, start=1):
        ws.append(_row(ws, comment_line(comment, number)))
    grid(ws, first_row=FIRST_DATA_ROW, last_column=last, rows=number)
    return workbook_bytes(wb)
