"""Word and Excel documents are accepted by their content: a real .docx or .xlsx passes whatever its name; a file
with macros, a zip that unpacks to far more than its size, a part declaring a DTD, or anything else named .docx is
refused with a Vietnamese message; scans still go through the scan check."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from gandan.kit.office_files import DOCX, XLSX, UploadRefused, document_check
from gandan.kit.tests.files import FAKE_PDF_HTML, pdf_bytes
from gandan.kit.uploads import MAX_BYTES, PDF


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _rebuilt(source: bytes, extra: dict[str, bytes]) -> bytes:
    """`source` with the parts of `extra` replaced or added."""
    original = zipfile.ZipFile(io.BytesIO(source))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in original.infolist():
            if entry.filename not in extra:
                archive.writestr(entry, original.read(entry))
        for name, data in extra.items():
            archive.writestr(name, data)
    return out.getvalue()


DTD = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'


def refused(data: bytes, name: str = "quyet-dinh.docx") -> str:
    with override("vi"), pytest.raises(UploadRefused) as caught:
        document_check(SimpleUploadedFile(name, data))
    return caught.value.code


def test_real_word_and_excel_files_pass_whatever_their_name():
    word = document_check(SimpleUploadedFile("quyet dinh", _docx()))
    sheet = document_check(SimpleUploadedFile("du-toan.docx", _xlsx()))
    assert (word.content_type, word.original_name) == (DOCX, "quyet dinh.docx")
    assert (sheet.content_type, sheet.original_name) == (XLSX, "du-toan.xlsx")


def test_a_scan_goes_through_the_scan_check():
    assert document_check(SimpleUploadedFile("x.pdf", pdf_bytes())).content_type == PDF
    assert refused(FAKE_PDF_HTML, "huong-dan.pdf") == "not_a_document"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (_rebuilt(_docx(), {"word/vbaProject.bin": b"\0" * 10}), "office_macros"),
        (_rebuilt(_docx(), {"word/embeddings/setup.exe": b"MZ"}), "office_macros"),
        (b"PK\x03\x04this is not a zip", "not_a_document"),
        (_rebuilt(_docx(), {"word/document.xml": DTD}), "not_a_document"),
        (_rebuilt(_docx(), {"word/document.xml": b"<w:document><unclosed>"}), "not_a_document"),
        (_rebuilt(_docx(), {"word/media/bomb.bin": b"\0" * (70 * 1024 * 1024)}), "office_too_packed"),
    ],
    ids=["macros", "an executable inside", "a broken zip", "a DTD", "broken XML", "a zip bomb"],
)
def test_hostile_or_broken_office_files_are_refused(data, code):
    assert refused(data) == code


def test_a_macro_enabled_workbook_is_refused_by_its_declared_type():
    types = (
        zipfile.ZipFile(io.BytesIO(_xlsx()))
        .read("[Content_Types].xml")
        .replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
    )
    assert refused(_rebuilt(_xlsx(), {"[Content_Types].xml": types}), "du-toan.xlsx") == "office_macros"


def test_a_file_over_10_mb_is_refused():
    assert refused(b"PK\x03\x04" + b"\0" * MAX_BYTES) == "too_large"
