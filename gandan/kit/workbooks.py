"""Refusing an oversized Excel workbook (.xlsx) before openpyxl parses it.

An .xlsx is a zip of XML files: a 1 MB upload can unpack to gigabytes (637 MB tied a worker for 61 s, then 500).
Before parsing, `workbook_check` reads only the zip's directory and the first bytes of each sheet:
- the declared uncompressed size of all entries together (at most 64 MB: a 5,000-row catalogue is a few MB);
- each large entry's compression ratio (at most 200:1; real sheets stay well under 50:1);
- the number of entries;
- each sheet's declared dimension (`<dimension ref="A1:K5000"/>`): rows and columns.
Python's zipfile never inflates an entry past its declared size, so the declared sizes bound the work.
"""

import io
import re
import zipfile

from django.utils.translation import gettext as _

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024  # small entries (styles, empty sheets) may compress very well and cost nothing
MAX_ENTRIES = 500
MAX_COLUMNS = 200
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')


class WorkbookTooLarge(ValueError):
    """The message says, in the reader's language, what to do."""


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.decode():
        number = number * 26 + ord(ch) - 64
    return number


def workbook_check(content: bytes, *, max_rows: int) -> None:
    """Raise WorkbookTooLarge when the workbook would unpack too large or declares too many rows. A file that is
    not a zip at all is left to openpyxl, which reports it as unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        return
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise WorkbookTooLarge(
                _("The workbook holds too many parts (%(n)s). Save it again as a plain .xlsx with one sheet.")
                % {"n": len(entries)}
            )
        unpacked = sum(e.file_size for e in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookTooLarge(
                _(
                    "The workbook unpacks to %(mb)s MB, more than %(max)s MB. Delete the empty rows and columns, "
                    "or split it into smaller files."
                )
                % {"mb": unpacked // (1024 * 1024), "max": MAX_UNPACKED_BYTES // (1024 * 1024)}
            )
        for entry in entries:
            if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise WorkbookTooLarge(
                    _(
                        "The workbook is packed abnormally tightly; it may be damaged or hostile. "
                        "Save it again from Excel as .xlsx."
                    )
                )
        for entry in entries:
            if not (entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")):
                continue
            try:
                with archive.open(entry) as sheet:
                    head = sheet.read(16 * 1024)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
                return  # openpyxl will say it cannot read the file
            found = _DIMENSION.search(head)
            if found is None:
                continue
            last_row = int(found.group(4) or found.group(2))
            last_column = _column_number(found.group(3) or found.group(1))
            if last_row > max_rows or last_column > MAX_COLUMNS:
                raise WorkbookTooLarge(
                    _(
                        "The sheet declares %(rows)s rows and %(columns)s columns; at most %(max)s rows can be read "
                        "at once. Delete the empty rows, or split it into smaller files."
                    )
                    % {"rows": last_row, "columns": last_column, "max": max_rows}
                )
