"""Writing .xlsx registers: every cell that holds text a person typed goes through here, so that it stays text.

Formula injection (OWASP "CSV injection"): a citizen's name typed as `=HYPERLINK("http://x","y")` would be stored by
openpyxl as a formula, and `+1+1`, `-2+3`, `@SUM(A1)` become formulas as soon as an officer edits the cell. A string
whose first character — or first character after leading spaces, tabs and line breaks, since spreadsheet programs
skip those when they parse — is `=`, `+`, `-` or `@`, or that starts with a tab or a carriage return, is written as
a string cell with the style's `quotePrefix` set: what Excel and LibreOffice store when a person types a leading
apostrophe. The text itself is kept exactly (the book is an official register; no visible apostrophe is added).
Numbers, dates and None are written as they are. Characters XML cannot hold (control characters other than tab and
line breaks) are dropped instead of failing the whole export.

The styling helpers the desk's tracking book and the reception book share live here too.
"""

import datetime as dt
import io
from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, Side

TRIGGERS = ("=", "+", "-", "@")
LEADING_CONTROLS = ("\t", "\r")
FONT = "Times New Roman"  # the official forms' typeface


def needs_guard(text: str) -> bool:
    """True when a spreadsheet program could read `text` as a formula."""
    return text.startswith(LEADING_CONTROLS) or text.lstrip(" \t\r\n").startswith(TRIGGERS)


def clean_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def cell(ws, value) -> object:
    """`value` as a write-only sheet takes it: text that could be a formula becomes a string cell with quotePrefix;
    anything else is returned as is (a plain value costs far less than a cell object in a 50,000-line book)."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if not needs_guard(value):
        return value
    guarded = WriteOnlyCell(ws, value=value)
    _as_text(guarded)
    return guarded


def row(ws, values: Iterable) -> list:
    """One line of a register, every value through `cell`."""
    return [cell(ws, value) for value in values]


def _as_text(target: WriteOnlyCell) -> None:
    target.data_type = "s"  # openpyxl makes "=…" a formula ("f"); a string cell is never evaluated
    target.quotePrefix = True  # and stays text when an officer edits it


def styled(
    ws,
    value,
    *,
    bold: bool = False,
    size: float = 11,
    border: bool = True,
    wrap: bool = True,
    horizontal: str = "center",
) -> WriteOnlyCell:
    """A heading or title cell in the forms' typeface (text guarded as in `cell`)."""
    if isinstance(value, str):
        value = clean_text(value)
    result = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and needs_guard(value):
        _as_text(result)
    result.font = Font(name=FONT, bold=bold, size=size)
    result.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    if border:
        thin = Side(style="thin")
        result.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return result


def day_text(value: dt.date | None) -> str | None:
    """A calendar day as the official forms write it (dd/mm/yyyy); None stays empty."""
    return value.strftime("%d/%m/%Y") if value else None


def grid(ws, *, first_row: int, last_column: str, rows: int) -> None:
    """Thin borders around every cell of the data block (`rows` lines from `first_row`, columns A to `last_column`),
    drawn by one conditional format: a style object per cell would triple the time of a 50,000-line book."""
    if rows:
        thin = Side(style="thin")
        ws.conditional_formatting.add(
            f"A{first_row}:{last_column}{first_row + rows - 1}",
            FormulaRule(formula=["TRUE"], border=Border(left=thin, right=thin, top=thin, bottom=thin)),
        )


def workbook_bytes(wb) -> bytes:
    """The .xlsx file of a workbook, to send with `gandan.kit.downloads.generated_file`."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
