"""Recording, correcting, documenting and withdrawing disclosures through the services: every refusal is a clear
Vietnamese message on its field and saves nothing; every change is in the audit trail; an officer acts only on his
own commune."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import override

from gandan.audit.models import Event
from gandan.democracy.models import Disclosure, DisclosureDocument
from gandan.democracy.services.disclosures import (
    disclosure_update,
    disclosure_withdraw,
    document_add,
)
from gandan.democracy.tests.disclosures_support import (
    BOARDS,
    docx_bytes,
    officer,
    pdf_upload,
    record,
    xlsx_bytes,
)
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.kit.tests.files import FAKE_PDF_HTML

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def refused(**given) -> dict[str, list[str]]:
    before = Disclosure.objects.count()
    with override("vi"), pytest.raises(DomainError) as caught:
        record(**given)
    assert Disclosure.objects.count() == before
    return caught.value.errors


def test_a_disclosure_gets_its_deadline_legal_basis_and_the_legal_minimum_end():
    disclosure = record(decided_on=TODAY() - dt.timedelta(days=10), start=TODAY() - dt.timedelta(days=9))
    assert disclosure.end == disclosure.start + dt.timedelta(days=29)
    assert disclosure.deadline > disclosure.decided_on
    assert "Điều 11 khoản 2" in disclosure.legal_basis and "10/2022/QH15" in disclosure.legal_basis
    assert not disclosure.permanent
    event = Event.objects.get(action="democracy.disclosure_create", object_id=str(disclosure.pk))
    assert event.details["item"] == 2


def test_the_procedures_list_is_permanent_and_a_support_list_goes_on_the_loudspeakers():
    procedures = record(item=13, title="Danh mục thủ tục hành chính cấp xã")
    assert procedures.permanent and procedures.end is None
    support = record(item=7, title="Danh sách hộ nghèo được hỗ trợ nhà ở", channels=[*BOARDS, "loudspeaker"])
    assert support.loudspeaker_days == 3


@pytest.mark.parametrize(
    ("given", "field", "words"),
    [
        ({"end": TODAY() - dt.timedelta(days=20)}, "end", "không thể trước ngày bắt đầu"),
        ({"end": TODAY()}, "end", "ít nhất 30 ngày liên tục"),
        ({"item": 4, "end": TODAY() + dt.timedelta(days=60)}, "end", "niêm yết thường xuyên"),
        ({"start": TODAY() - dt.timedelta(days=12)}, "start", "trước ngày ban hành"),
        ({"item": 7, "channels": BOARDS}, "channels", "truyền thanh"),
        (
            {"item": 8, "channels": [*BOARDS, "loudspeaker"], "loudspeaker_days": 2},
            "loudspeaker_days",
            "ít nhất 3",
        ),
        ({"decided_on": TODAY() + dt.timedelta(days=1)}, "decided_on", "tương lai"),
        ({"decided_on": dt.date(2023, 6, 30), "start": dt.date(2023, 7, 3)}, "decided_on", "01/07/2023"),
        ({"item": 15}, "item", "1 đến 14"),
        ({"channels": []}, "channels", "ít nhất một"),
        ({"title": "  "}, "title", "tiêu đề"),
    ],
    ids=[
        "end before start",
        "shorter than 30 days",
        "an end on a permanent item",
        "start before the decision",
        "items 7-12 without the loudspeakers",
        "2 days on the loudspeakers",
        "a decision in the future",
        "a decision before the Law",
        "item 15",
        "no channel",
        "no title",
    ],
)
def test_bad_input_is_refused_on_its_field_in_vietnamese_and_nothing_is_saved(given, field, words):
    errors = refused(**given)
    assert field in errors, errors
    assert words in " ".join(errors[field]).lower() or words in " ".join(errors[field]), errors[field]


def test_every_problem_is_reported_at_once():
    errors = refused(title="", channels=[], end=TODAY() - dt.timedelta(days=30))
    assert {"title", "channels", "end"} <= set(errors)


def test_an_officer_records_only_for_his_commune(other_commune):
    errors = refused(unit=other_commune)
    assert "unit" in errors
    with pytest.raises(NotAllowed):
        record(by=officer("thanhtra.songlo"))  # the inspector reads disclosures, does not record them


def test_correcting_the_decision_date_moves_the_deadline_and_other_corrections_do_not():
    disclosure = record(start=None)
    first_deadline = disclosure.deadline
    same = disclosure_update(
        disclosure=disclosure,
        item=2,
        title="Dự toán ngân sách xã năm 2026 (điều chỉnh)",
        summary=disclosure.summary,
        decision_ref=disclosure.decision_ref,
        decided_on=disclosure.decided_on,
        channels=BOARDS,
        start=TODAY(),
        by=officer(),
    )
    assert (
        same.deadline == first_deadline
        and same.start == TODAY()
        and same.end == TODAY() + dt.timedelta(days=29)
    )
    moved = disclosure_update(
        disclosure=same,
        item=2,
        title=same.title,
        summary=same.summary,
        decision_ref=same.decision_ref,
        decided_on=same.decided_on - dt.timedelta(days=7),
        channels=BOARDS,
        start=TODAY(),
        by=officer(),
    )
    assert moved.deadline < first_deadline
    changes = Event.objects.filter(action="democracy.disclosure_update", object_id=str(disclosure.pk))
    fields = [e.details["fields"] for e in changes.order_by("id")]
    assert fields == ["title, start, end", "decided_on"]


def test_a_withdrawal_needs_a_reason_is_audited_and_freezes_the_disclosure():
    disclosure = record()
    with override("vi"), pytest.raises(DomainError) as caught:
        disclosure_withdraw(disclosure=disclosure, reason=" ", by=officer())
    assert "reason" in caught.value.errors
    disclosure_withdraw(disclosure=disclosure, reason="Quyết định bị thay thế", by=officer())
    disclosure.refresh_from_db()
    assert disclosure.withdrawn_on == TODAY() and disclosure.withdraw_reason == "Quyết định bị thay thế"
    assert Event.objects.filter(action="democracy.disclosure_withdraw", object_id=str(disclosure.pk)).exists()
    with pytest.raises(Conflict):
        disclosure_update(
            disclosure=disclosure,
            item=2,
            title="x",
            decided_on=disclosure.decided_on,
            channels=BOARDS,
            by=officer(),
        )
    with pytest.raises(Conflict):
        document_add(disclosure=disclosure, upload=pdf_upload(), by=officer())


def test_documents_are_checked_by_their_content():
    disclosure = record(documents=[pdf_upload()])
    word = document_add(
        disclosure=disclosure,
        upload=SimpleUploadedFile("quyet-dinh.docx", docx_bytes()),
        name="Quyết định phê duyệt",
        by=officer(),
    )
    sheet = document_add(
        disclosure=disclosure, upload=SimpleUploadedFile("du-toan", xlsx_bytes()), by=officer()
    )
    assert word.content_type.endswith("wordprocessingml.document") and word.name == "Quyết định phê duyệt"
    assert sheet.content_type.endswith("spreadsheetml.sheet") and sheet.name == "du-toan.xlsx"
    assert disclosure.documents.count() == 3
    for bad in (
        SimpleUploadedFile("thong-bao.pdf", FAKE_PDF_HTML),
        SimpleUploadedFile("macro.docx", docx_bytes(macro=True)),
        SimpleUploadedFile("trang.docx", b"PK\x03\x04 not really a zip"),
    ):
        with override("vi"), pytest.raises(DomainError) as caught:
            document_add(disclosure=disclosure, upload=bad, by=officer())
        assert caught.value.field == "upload"
    assert DisclosureDocument.objects.filter(disclosure=disclosure).count() == 3


def test_a_bad_document_on_recording_saves_nothing():
    errors = refused(documents=[SimpleUploadedFile("x.docx", b"<html>")])
    assert "documents" in errors
