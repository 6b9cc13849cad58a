"""Helpers of the disclosure tests: a disclosure of xã Sông Lô recorded through the service, with dates relative to
today unless given, and small real files of each accepted kind."""

import datetime as dt
import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gandan.accounts.models import User
from gandan.democracy.services.disclosures import disclosure_create
from gandan.kit.tests.files import pdf_bytes

OFFICER = "chutich.songlo"
BOARDS = ["office_board", "village_houses", "portal"]


def officer(username: str = OFFICER) -> User:
    return User.objects.select_related("unit").get(username=username)


def record(unit=None, *, by: User | None = None, days_ago: int = 10, **given: Any) -> Any:
    """A disclosure of item 2 decided `days_ago` days ago and posted from the day after, for the legal minimum."""
    by = by or officer()
    today = timezone.localdate()
    values: dict[str, Any] = {
        "item": 2,
        "title": "Dự toán ngân sách xã năm 2026",
        "summary": "Tổng thu, tổng chi ngân sách xã.",
        "decision_ref": "15/QĐ-UBND",
        "decided_on": today - dt.timedelta(days=days_ago),
        "channels": BOARDS,
        "start": today - dt.timedelta(days=days_ago - 1),
    }
    values.update(given)
    return disclosure_create(unit=unit or by.unit, by=by, **values)  # type: ignore[arg-type]


def pdf_upload(name: str = "du-toan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def docx_bytes(*, macro: bool = False) -> bytes:
    """A minimal Word document (python-docx writes a real one)."""
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Quyết định phê duyệt dự toán ngân sách xã năm 2026")
    document.save(out)
    if not macro:
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return target.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    book = Workbook()
    book.active.append(["Khoản thu", "Dự toán"])
    book.active.append(["Thuế", 1200000000])
    book.save(out)
    return out.getvalue()
