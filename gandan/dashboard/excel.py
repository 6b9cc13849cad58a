"""The dashboard as a workbook (gandan.kit.spreadsheet): a sheet of the month's indicators by commune, and a sheet of
the twelve months over the communes shown. Percentages are numbers rounded to one decimal (None: an empty cell), so
the figures read back as the page shows them."""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gandan.dashboard.hooks import PERCENT, RATIO
from gandan.dashboard.selectors import Board, Cell
from gandan.kit.spreadsheet import row, styled, workbook_bytes


def number(cell: Cell | None, unit: str):
    if cell is None:
        return None
    if unit == PERCENT:
        return None if cell.value is None else round(float(cell.value), 1)
    if unit == RATIO:
        return cell.text
    return cell.numerator


def board_workbook(board: Board) -> bytes:
    wb = Workbook(write_only=True)
    heads = [str(i.label) for i in board.indicators]
    sheet = wb.create_sheet(_("By commune"))
    sheet.append(
        [styled(sheet, _("Indicators of %(month)s") % {"month": f"{board.month:%m/%Y}"}, border=False)]
    )
    sheet.append([styled(sheet, h, bold=True) for h in [_("Commune"), *heads]])
    for commune in board.communes:
        sheet.append(
            row(sheet, [commune.name, *(number(commune.cells.get(i.key), i.unit) for i in board.indicators)])
        )
    sheet.append(
        row(
            sheet,
            [_("All communes shown"), *(number(board.totals.get(i.key), i.unit) for i in board.indicators)],
        )
    )
    months = wb.create_sheet(_("12 months"))
    months.append([styled(months, h, bold=True) for h in [_("Month"), *heads]])
    by_key = {t.indicator.key: dict(t.points) for t in board.trends}
    for month in board.months:
        months.append(
            row(
                months,
                [
                    f"{month:%m/%Y}",
                    *(number(by_key.get(i.key, {}).get(month), i.unit) for i in board.indicators),
                ],
            )
        )
    return workbook_bytes(wb)
