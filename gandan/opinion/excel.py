"""The board's issues and one issue's signals as .xlsx (Vietnamese headers, whatever the officer's language).

The board's sheet holds no citizen's text beyond the issue's title; an issue's sheet holds its signals' texts as
stored, that is with personal data masked. Every text goes through kit.spreadsheet (a text stays a text)."""

from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from gandan.kit.spreadsheet import grid, workbook_bytes
from gandan.kit.spreadsheet import row as _row
from gandan.kit.spreadsheet import styled as _styled
from gandan.opinion.models import Issue, Signal

STATUS = {"open": "Đang theo dõi", "resolved": "Đã giải quyết", "dismissed": "Đã bỏ qua", "merged": "Đã gộp"}
LEVELS = {0: "", 1: "Theo dõi", 2: "Cảnh báo", 3: "Khẩn cấp"}
ISSUE_COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Vấn đề", 50),
    ("Chủ đề", 20),
    ("Xã/phường", 20),
    ("Thôn, tổ dân phố (số ý kiến)", 36),
    ("Số ý kiến", 10),
    ("Số người", 10),
    ("7 ngày qua", 10),
    ("7 ngày trước đó", 12),
    ("Cảnh báo", 12),
    ("Trạng thái", 14),
    ("Xuất hiện lần đầu", 14),
    ("Gần nhất", 14),
]
SIGNAL_COLUMNS: list[tuple[str, float]] = [
    ("STT", 6),
    ("Thời gian", 17),
    ("Nơi", 24),
    ("Nguồn", 30),
    ("Số người", 9),
    ("Chủ đề", 20),
    ("Nội dung (đã che thông tin cá nhân)", 80),
]


def _day(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def _sheet(wb, name: str, title: str, subtitle: str, columns):
    ws = wb.create_sheet(name)
    for index, (_h, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(columns))
    ws.freeze_panes = "C5"
    for number, (text, size, bold) in enumerate([(title, 14, True), (subtitle, 11, False)], start=1):
        ws.merged_cells.add(f"A{number}:{last}{number}")
        ws.append([_styled(ws, text, bold=bold, size=size, border=False, wrap=False)])
    ws.append([])
    ws.append([_styled(ws, header, bold=True) for header, _w in columns])
    return ws, last


def issue_line(issue: Issue, number: int) -> list:
    """One line of the board's sheet (`issue` as board_queries.board_rows gives it, then places_named)."""
    villages = "; ".join(f"{name} ({n})" for name, n in getattr(issue, "villages", []))
    return [
        number,
        issue.title,
        issue.topic.name if issue.topic else "",
        issue.unit.name,
        villages or None,
        issue.signal_count,
        issue.people_count,
        getattr(issue, "recent", 0),
        getattr(issue, "previous", 0),
        LEVELS.get(issue.alert_level, str(issue.alert_level)) or None,
        STATUS.get(issue.status, issue.status),
        _day(issue.first_seen),
        _day(issue.last_seen),
    ]


def board_bytes(issues: Iterable[Issue], *, subtitle: str) -> bytes:
    wb = Workbook(write_only=True)
    ws, last = _sheet(wb, "Vấn đề dư luận", "CÁC VẤN ĐỀ DƯ LUẬN", subtitle, ISSUE_COLUMNS)
    number = 0
    for number, issue in enumerate(issues, start=1):
        ws.append(_row(ws, issue_line(issue, number)))
    grid(ws, first_row=5, last_column=last, rows=number)
    return workbook_bytes(wb)


def signal_line(signal: Signal, number: int) -> list:
    return [
        number,
        timezone.localtime(signal.at).strftime("%d/%m/%Y %H:%M"),
        signal.unit.name,
        signal.source_display,
        signal.people,
        signal.topic.name if signal.topic else None,
        signal.shown_text,  # set by sources.withhold_confidential: a denunciation's words only for its grant holders
    ]


def issue_bytes(issue: Issue, signals: Iterable[Signal]) -> bytes:
    wb = Workbook(write_only=True)
    subtitle = f"{issue.unit.name} — từ {_day(issue.first_seen)} đến {_day(issue.last_seen)}"
    ws, last = _sheet(wb, "Ý kiến", issue.title.upper(), subtitle, SIGNAL_COLUMNS)
    number = 0
    for number, signal in enumerate(signals, start=1):
        ws.append(_row(ws, signal_line(signal, number)))
    grid(ws, first_row=5, last_column=last, rows=number)
    return workbook_bytes(wb)
