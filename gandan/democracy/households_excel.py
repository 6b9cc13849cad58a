"""The household registers as .xlsx: the export (one sheet of villages with their counts, one of households) and the
import template (its header row, an example line, the commune's villages to copy from).

Written in openpyxl's write-only mode through gandan.kit.spreadsheet, so a typed name stays text, never a formula. A
register's text is Vietnamese whatever the officer's interface language."""

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from gandan.democracy.models import Household
from gandan.democracy.selectors.households import VillageRegister
from gandan.democracy.services.households_import import COLUMNS
from gandan.kit.spreadsheet import day_text, grid, styled, workbook_bytes
from gandan.kit.spreadsheet import row as text_row
from gandan.units.models import Unit

EXAMPLE = ["15", "Nguyễn Văn An", "Xóm Giữa", "Có", "01/07/2026"]
EXAMPLE_VILLAGE = "Thôn Bến Đò"


def _widths(ws, widths: list[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def registers_workbook(
    registers: list[VillageRegister], households: Iterable[Household], *, scope: Unit | None, today: dt.date
) -> bytes:
    """The villages' figures, then every household (current and left) with its representative and opt-in."""
    with override("vi"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Tổng hợp")
        headers = [
            "STT",
            "Xã, phường",
            "Thôn, tổ dân phố",
            "Số hộ",
            "Đồng ý biểu quyết trực tuyến",
            "Đã chuyển đi",
        ]
        _widths(ws, [6, 24, 26, 10, 16, 12])
        ws.merged_cells.add("A1:F1")
        ws.append(
            [styled(ws, "SỔ HỘ GIA ĐÌNH CÁC THÔN, TỔ DÂN PHỐ", bold=True, size=14, border=False, wrap=False)]
        )
        ws.merged_cells.add("A2:F2")
        where = scope.display_name if scope is not None else ""
        ws.append([styled(ws, f"{where} — ngày {day_text(today)}", border=False, wrap=False)])
        ws.append([])
        ws.append([styled(ws, h, bold=True) for h in headers])
        number = 0
        for number, item in enumerate(registers, start=1):
            parent = item.village.parent.name if item.village.parent else ""
            ws.append(
                text_row(ws, [number, parent, item.village.name, item.households, item.opted_in, item.left])
            )
        ws.append([styled(ws, v, bold=True) for v in ["", "Tổng cộng", "", sum(r.households for r in registers),
                   sum(r.opted_in for r in registers), sum(r.left for r in registers)]])  # fmt: skip
        grid(ws, first_row=5, last_column="F", rows=number)

        sheet = wb.create_sheet("Danh sách hộ")
        titles = [title for title, _aliases in COLUMNS.values()]
        _widths(sheet, [24, 10, 28, 30, 16, 14, 14])
        sheet.append([styled(sheet, h, bold=True) for h in [*titles, "Ngày chuyển đi"]])
        count = 0
        for h in households:
            count += 1
            sheet.append(
                text_row(
                    sheet,
                    [
                        h.village.name,
                        h.code,
                        h.representative,
                        h.address or None,
                        "Có" if h.online_optin else None,
                        day_text(h.optin_on),
                        day_text(h.left_on),
                    ],
                )  # fmt: skip
            )
        grid(sheet, first_row=2, last_column="G", rows=count)
        return workbook_bytes(wb)


def import_template(*, villages: list[Unit]) -> bytes:
    """The import template: the header row and an example line, and the commune's villages (their names as the
    import matches them)."""
    with override("vi"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Danh sách hộ")
        _widths(ws, [24, 10, 28, 30, 16, 14])
        ws.append([styled(ws, title, bold=True) for title, _aliases in COLUMNS.values()])
        village = villages[0].name if villages else EXAMPLE_VILLAGE
        ws.append(text_row(ws, [village, *EXAMPLE]))

        notes = wb.create_sheet("Hướng dẫn")
        _widths(notes, [36, 80])
        notes.append([styled(notes, "Cột", bold=True), styled(notes, "Cách ghi", bold=True)])
        for column, note in [
            (
                "Thôn/Tổ dân phố",
                "Tên thôn như trong danh sách thôn (có hoặc không có chữ “Thôn”, có dấu hoặc không dấu)",
            ),
            ("Số hộ", "Số thứ tự của hộ trong sổ của thôn; mỗi số một lần trong một thôn"),
            ("Người đại diện hộ", "Họ và tên người đại diện hộ đi họp, bỏ phiếu (bắt buộc)"),
            ("Địa chỉ", "Xóm, số nhà (nếu có)"),
            (
                "Đồng ý biểu quyết trực tuyến",
                "Ghi “Có” nếu hộ đã đồng ý biểu quyết trực tuyến; để trống nếu không",
            ),
            ("Ngày đồng ý", "Ngày hộ đồng ý biểu quyết trực tuyến, dạng dd/mm/yyyy"),
        ]:
            notes.append(text_row(notes, [column, note]))

        names = wb.create_sheet("Danh sách thôn")
        _widths(names, [32, 12])
        names.append([styled(names, "Thôn, tổ dân phố", bold=True), styled(names, "Mã", bold=True)])
        for unit in villages:
            names.append(text_row(names, [unit.name, unit.code or None]))
        return workbook_bytes(wb)
