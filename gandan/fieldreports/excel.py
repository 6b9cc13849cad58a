"""The officers' list of field reports as .xlsx (Vietnamese headers, whatever the officer's language). No reporter's
name, phone or e-mail and no exact coordinates: an exported file leaves the system, so it holds what the report is
and where (the village, the address as given), never who sent it. Every text goes through kit.spreadsheet."""

from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from gandan.fieldreports.models import FieldReport
from gandan.kit.spreadsheet import day_text, grid, row, styled, workbook_bytes

STATUS_VI = {
    "new": "Đã tiếp nhận",
    "investigating": "Đang kiểm tra",
    "in_progress": "Đang khắc phục",
    "action_scheduled": "Đã lên lịch khắc phục",
    "fixed": "Đã khắc phục",
    "duplicate": "Trùng phản ánh khác",
    "not_responsible": "Không thuộc thẩm quyền xã",
    "no_further_action": "Không cần xử lý thêm",
    "to_petition": "Chuyển xử lý như đơn thư",
}
COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Mã phản ánh", 20),
    ("Ngày tiếp nhận", 14),
    ("Lĩnh vực", 24),
    ("Đơn vị xử lý", 20),
    ("Thôn, tổ dân phố", 20),
    ("Địa chỉ", 30),
    ("Nội dung", 60),
    ("Trạng thái", 20),
    ("Hạn xử lý", 12),
    ("Quá hạn", 9),
    ("Cán bộ được giao", 22),
    ("Ngày đóng", 12),
]


def report_line(report: FieldReport, number: int, today) -> list:
    overdue = report.is_open and report.due is not None and report.due < today
    return [
        number,
        report.code,
        timezone.localtime(report.received_at).strftime("%d/%m/%Y"),
        report.category.name,
        report.unit.name,
        report.village.name if report.village else None,
        report.address or None,
        report.description or None,
        STATUS_VI.get(report.status, report.status),
        day_text(report.due),
        "x" if overdue else None,
        str(report.assigned_to) if report.assigned_to else None,
        timezone.localtime(report.closed_at).strftime("%d/%m/%Y") if report.closed_at else None,
    ]


def queue_bytes(reports: Iterable[FieldReport], *, subtitle: str) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Phản ánh hiện trường")
    for index, (_h, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = "C5"
    for number, (text, size, bold) in enumerate(
        [("DANH SÁCH PHẢN ÁNH HIỆN TRƯỜNG", 14, True), (subtitle, 11, False)], start=1
    ):
        ws.merged_cells.add(f"A{number}:{last}{number}")
        ws.append([styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([styled(ws, header, bold=True) for header, _w in COLUMNS])
    today = timezone.localdate()
    number = 0
    for number, report in enumerate(reports, start=1):
        ws.append(row(ws, report_line(report, number, today)))
    grid(ws, first_row=5, last_column=last, rows=number)
    return workbook_bytes(wb)
