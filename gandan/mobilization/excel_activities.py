"""The list of mobilisation activities as an .xlsx file, with the page's filters.

Streamed in openpyxl's write-only mode through kit.spreadsheet (the shared styling, every typed text kept a text,
never a formula). The sheet is a working document of the commune: its text is Vietnamese whatever the officer's
interface language. A mediation case shows its title and result only: its content and outcome name private people.
"""

import datetime as dt
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gandan.kit.spreadsheet import day_text as _day
from gandan.kit.spreadsheet import grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled
from gandan.mobilization.models import Activity

TITLE = "DANH SÁCH HOẠT ĐỘNG CÔNG TÁC DÂN VẬN"
SHEET_NAME = "Hoạt động dân vận"
KINDS: dict[str, str] = {
    Activity.Kind.MEETING: "Sinh hoạt định kỳ",
    Activity.Kind.CAMPAIGN: "Tuyên truyền, vận động",
    Activity.Kind.MEDIATION: "Hòa giải ở cơ sở",
    Activity.Kind.NOTE: "Tình hình dư luận",
}
RESULTS: dict[str, str] = {
    Activity.MediationResult.SUCCESS: "Hòa giải thành",
    Activity.MediationResult.FAILED: "Hòa giải không thành",
    Activity.MediationResult.ONGOING: "Đang hòa giải",
    Activity.MediationResult.REFERRED: "Chuyển cơ quan có thẩm quyền",
}
PRIVATE = "(không đưa vào danh sách: vụ việc hòa giải có thông tin cá nhân)"
COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Ngày", 12),
    ("Loại hoạt động", 18),
    ("Tổ dân vận", 26),
    ("Thôn, tổ dân phố", 28),
    ("Tiêu đề, chủ đề", 40),
    ("Nội dung", 60),
    ("Số người dự", 10),
    ("Số người được tuyên truyền, vận động", 14),
    ("Kết quả hòa giải", 18),
    ("Kết quả", 40),
]
HEADER_ROW = 5  # 1: title, 2: unit, 3: period, 4: blank, 5: headers
FIRST_DATA_ROW = 6


def activity_line(activity: Activity, number: int, villages: list[str]) -> list:
    """One row for `activity` (its team and village loaded with it); `villages`: the names of its villages."""
    private = activity.kind == Activity.Kind.MEDIATION
    return [
        number,
        _day(activity.held_on),
        KINDS.get(activity.kind, activity.kind),
        activity.team.name if activity.team is not None else None,
        ", ".join(villages) or None,
        activity.title,
        PRIVATE if private else (activity.content or None),
        activity.attendees,
        activity.people_reached,
        RESULTS.get(activity.mediation_result) if activity.mediation_result else None,
        None if private else (activity.outcome or None),
    ]


def activities_bytes(
    rows: Iterable[tuple[Activity, list[str]]],
    *,
    unit_name: str,
    start: dt.date | None,
    end: dt.date | None,
) -> bytes:
    """The sheet: one line per (activity, its villages' names) of `rows`, in the order given."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_NAME)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"D{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if start and end:
        period = f"Từ ngày {_day(start)} đến ngày {_day(end)}"
    elif start:
        period = f"Từ ngày {_day(start)}"
    elif end:
        period = f"Đến ngày {_day(end)}"
    else:
        period = "Toàn bộ thời gian"
    for row_number, (text, size, bold) in enumerate(
        [(TITLE, 14, True), (unit_name, 12, False), (period, 12, False)], 1
    ):
        ws.merged_cells.add(f"A{row_number}:{last}{row_number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([_styled(ws, header, bold=True) for header, _ in COLUMNS])
    number = 0
    for number, (activity, villages) in enumerate(rows, start=1):
        ws.append(_row(ws, activity_line(activity, number, villages)))
    grid(ws, first_row=FIRST_DATA_ROW, last_column=last, rows=number)
    return workbook_bytes(wb)
