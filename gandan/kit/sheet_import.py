"""Reading a register typed in Excel (.xlsx) for an all-or-nothing import: the file's checks before it is parsed, the
header row found among the first rows (a sheet may open with a title), the data lines by column, and the cells that
hold a formula (refused: a formula's value is whatever the sheet last computed, or nothing).

The importer names its columns (key → the template's header and other headers meaning the same, as search keys),
checks each line's meaning itself and reports every problem with its line number. A file that is not a workbook, is
larger than `max_bytes`, unpacks too large (gandan.kit.workbooks) or has more than `max_rows` lines raises
`SheetError` with the message to show."""

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from gandan.core.vntext import normalize, search_key
from gandan.kit.params import DAY_FORMATS, day_in_range

HEADER_SEARCH_ROWS = 10
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # the .xls (and old .doc) container
Columns = dict[str, tuple[str, tuple[str, ...]]]


class SheetError(Exception):
    """The file as a whole cannot be read; the message says what to do."""


@dataclass
class Sheet:
    headers: dict[int, str]  # column index → key
    lines: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # (row number, key → value)
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row number, column key)


def upload_content(upload: Any, *, max_bytes: int) -> tuple[bytes, str]:
    """The bytes of an upload (or bytes as they are) and its file name; refused past `max_bytes`."""
    if isinstance(upload, bytes):
        return upload, ""
    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise SheetError(_too_large(max_bytes))
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(max_bytes + 1), str(getattr(upload, "name", "") or "")


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(mb)s MB. Split it into smaller files.") % {
        "mb": max_bytes // (1024 * 1024)
    }


def header_key(value: object, columns: Columns) -> str | None:
    key = search_key(str(value or ""))
    for column, (title, aliases) in columns.items():
        if key == search_key(title) or key in aliases or key == column:
            return column
    return None


def read_sheet(
    content: bytes, *, columns: Columns, identify: set[str], max_rows: int, max_bytes: int
) -> Sheet:
    """The first sheet's columns and lines. The header row is the first (of the first ten) that names every column
    of `identify`; empty lines are skipped."""
    from openpyxl import load_workbook  # only an import pays for it

    from gandan.kit.workbooks import WorkbookTooLarge, workbook_check

    if not content.strip():
        raise SheetError(_("The file is empty."))
    if len(content) > max_bytes:
        raise SheetError(_too_large(max_bytes))
    if content[:4] == _OLD_EXCEL:
        raise SheetError(
            _("This is an old Excel file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)”.")
        )
    if content[:4] != b"PK\x03\x04":
        raise SheetError(
            _("The file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it.")
        )
    try:
        workbook_check(content, max_rows=max_rows + HEADER_SEARCH_ROWS)
    except WorkbookTooLarge as exc:
        raise SheetError(str(exc)) from exc
    unreadable = _("The Excel file could not be read. Open it in Excel and save it again as .xlsx.")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # any broken workbook gets the same answer: save it again
        raise SheetError(unreadable) from exc
    sheet = Sheet(headers={})
    try:
        for number, cells in enumerate(book.worksheets[0].iter_rows(), start=1):
            if not sheet.headers:
                keys = {i: header_key(c.value, columns) for i, c in enumerate(cells)}
                if identify <= set(keys.values()):
                    sheet.headers = {i: k for i, k in keys.items() if k is not None}
                elif number >= HEADER_SEARCH_ROWS:
                    break
                continue
            row: dict[str, object] = {}
            for i, key in sheet.headers.items():
                if i >= len(cells):
                    continue
                if getattr(cells[i], "data_type", None) == "f":
                    sheet.formulas.append((number, key))
                    continue
                row[key] = cells[i].value
            if any(str(v if v is not None else "").strip() for v in row.values()) or any(
                n == number for n, _key in sheet.formulas
            ):
                if len(sheet.lines) >= max_rows:
                    raise SheetError(
                        _("The file has more than %(max)s lines. Split it into smaller files.")
                        % {"max": max_rows}
                    )
                sheet.lines.append((number, row))
    except SheetError:
        raise
    except Exception as exc:  # a sheet openpyxl cannot walk: the same answer as an unreadable file
        raise SheetError(unreadable) from exc
    finally:
        book.close()
    if not sheet.headers:
        raise SheetError(
            _(
                "No header row was found. The first row must name the columns: “%(columns)s”. Download the "
                "template to see them."
            )
            % {"columns": "”, “".join(title for title, _aliases in columns.values())}
        )
    return sheet


def cell_text(value: object) -> str:
    """A cell as text: a whole number typed in a number cell loses its ".0"; NFC, single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def cell_day(value: object) -> dt.date | None:
    """A date cell, or text written dd/mm/yyyy; None when empty; ValueError when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        for fmt in DAY_FORMATS:
            try:
                day = dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 — a calendar day
                break
            except ValueError:
                continue
        else:
            raise ValueError(value)
    else:
        raise ValueError(value)
    if not day_in_range(day):
        raise ValueError(value)
    return day
