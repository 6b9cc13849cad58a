"""Accepting Word (.docx) and Excel (.xlsx) documents by their content, beside the scans of `gandan.kit.uploads`.

A notice a commune posts is often the Word file of the decision or the Excel sheet of an estimate. Such a file is a
zip of XML parts; it is accepted only when:
- it is a zip whose directory declares at most `MAX_ENTRIES` parts, `MAX_UNPACKED_BYTES` in all, each large part
  packed at most `MAX_RATIO`:1 (a 1 MB upload must not unpack to gigabytes: the bounds of `kit.workbooks`);
- it holds `[Content_Types].xml` naming the main part of a Word document or an Excel workbook (not the
  macro-enabled kinds, .docm/.xlsm), and that main part (`word/document.xml`, `xl/workbook.xml`);
- it holds no macros (`vbaProject.bin`) and no embedded executables (`.exe`, `.dll`, `.bat`, `.js`, …);
- every part unpacks with the right checksum (the whole archive is read, never more than its declared size), and
  the content types and main part are well-formed XML.
The name the browser sent never decides the type; the stored bytes are the sender's, unchanged (a document is
evidence), and they are only ever served as downloads with `nosniff` (`gandan.kit.downloads`).

`document_check(upload)` is the one entry point for pages that take "PDF, images, Word or Excel": it hands PDF, JPEG
and PNG to `kit.uploads.upload_check` (which re-encodes images) and checks .docx/.xlsx here."""

import io
import re
import zipfile
from pathlib import PurePosixPath
from xml.etree import ElementTree

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.uploads import (
    MAX_BYTES,
    TOO_LARGE,
    CheckedUpload,
    UploadRefused,
    clean_original_name,
    upload_check,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_EXTENSIONS = {DOCX: ".docx", XLSX: ".xlsx"}
# The main part of each kind, and the content type [Content_Types].xml gives it (macro-free kinds only).
_MAIN = {
    DOCX: (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    XLSX: ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}
DOCUMENT_ACCEPT = f".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png,{DOCX},{XLSX}"
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
MAX_ENTRIES = 1000
MAX_XML_BYTES = 16 * 1024 * 1024  # the main part parsed as XML: a 300-page decision is a few MB
_EXECUTABLE = re.compile(r"\.(exe|dll|com|bat|cmd|ps1|vbs|js|jar|msi|scr|sh)$", re.IGNORECASE)

NOT_A_DOCUMENT = _(
    "This file is not a real PDF, JPG, PNG, Word (.docx) or Excel (.xlsx) file, or it is damaged (its name does not "
    "count, only its content). Save it again in one of these formats and send that file."
)
MACROS = _(
    "This Word or Excel file contains macros or programs, which the site does not accept. Save it again as a plain "
    ".docx or .xlsx (File › Save as), or print it to PDF, and send that file."
)
TOO_PACKED = _(
    "This Word or Excel file unpacks to far more than its size (it may be damaged or built to overload computers). "
    "Save it again, or print it to PDF, and send that file."
)


def _parse(data: bytes) -> None:
    """`data` is well-formed XML. Office parts never declare a DTD: one that does is refused before parsing, so no
    entity can expand (the "billion laughs") and nothing outside the file is fetched."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UploadRefused("not_a_document", NOT_A_DOCUMENT)
    try:
        ElementTree.fromstring(data)  # noqa: S314 - no DTD (refused above): nothing to expand or fetch
    except ElementTree.ParseError as error:
        raise UploadRefused("not_a_document", NOT_A_DOCUMENT) from error


def _kind(names: set[str], archive: zipfile.ZipFile) -> str:
    if "[Content_Types].xml" not in names:
        raise UploadRefused("not_a_document", NOT_A_DOCUMENT)
    types = archive.read("[Content_Types].xml")
    if len(types) > MAX_XML_BYTES:
        raise UploadRefused("not_a_document", NOT_A_DOCUMENT)
    _parse(types)
    text = types.decode("utf-8", errors="replace")
    if "macroEnabled" in text or "vbaProject" in text:
        raise UploadRefused("office_macros", MACROS)
    for kind, (part, content_type) in _MAIN.items():
        if part in names and content_type in text:
            return kind
    raise UploadRefused("not_a_document", NOT_A_DOCUMENT)


def office_check(content: bytes) -> str:
    """The type (DOCX or XLSX) of `content`, or `UploadRefused` saying what is wrong with it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UploadRefused("not_a_document", NOT_A_DOCUMENT) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UploadRefused("office_too_packed", TOO_PACKED)
        if sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise UploadRefused("office_too_packed", TOO_PACKED)
        for entry in entries:
            if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise UploadRefused("office_too_packed", TOO_PACKED)
        names = {e.filename for e in entries}
        if any(PurePosixPath(n).name.lower() == "vbaproject.bin" or _EXECUTABLE.search(n) for n in names):
            raise UploadRefused("office_macros", MACROS)
        try:
            kind = _kind(names, archive)
            main = _MAIN[kind][0]
            if archive.getinfo(main).file_size > MAX_XML_BYTES:
                raise UploadRefused("not_a_document", NOT_A_DOCUMENT)
            _parse(archive.read(main))
            if (
                archive.testzip() is not None
            ):  # every part inflated (within its declared size) and its CRC checked
                raise UploadRefused("not_a_document", NOT_A_DOCUMENT)
        except UploadRefused:
            raise
        except Exception as error:  # any failure of the zip or XML parsers on hostile input is a refusal
            raise UploadRefused("not_a_document", NOT_A_DOCUMENT) from error
    return kind


class _Named(io.BytesIO):
    """The bytes already read, with the sender's name, for `upload_check`."""

    def __init__(self, content: bytes, name: str) -> None:
        super().__init__(content)
        self.name = name
        self.size = len(content)


def document_check(upload) -> CheckedUpload:
    """Accept `upload` only if it is a whole PDF, JPEG or PNG (as `kit.uploads.upload_check`) or a macro-free Word
    .docx or Excel .xlsx, of at most 10 MB; raise `UploadRefused` otherwise."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise UploadRefused("too_large", TOO_LARGE)
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise UploadRefused("too_large", TOO_LARGE)
    sent_name = str(getattr(upload, "name", "") or "")
    if content[:4] != b"PK\x03\x04":
        try:
            return upload_check(_Named(content, sent_name))
        except UploadRefused as refused:
            if refused.code == "not_a_scan":
                raise UploadRefused("not_a_document", NOT_A_DOCUMENT) from refused
            raise
    kind = office_check(content)
    extension = OFFICE_EXTENSIONS[kind]
    path = PurePosixPath(clean_original_name(sent_name, extension=extension))
    name = path.name if path.suffix.lower() == extension else f"{path.stem or 'tep'}{extension}"
    return CheckedUpload(content=content, content_type=kind, extension=extension, original_name=name)


class DocumentField(forms.FileField):
    """A form field for one document (PDF, JPG, PNG, .docx, .xlsx): its cleaned value is a `CheckedUpload` or None."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return document_check(upload)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from refused
