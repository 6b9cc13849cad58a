"""The printed documents of petitions and citizen reception (gandan.petitions.pdf, gandan.reception.pdf), read back with pypdf.

The rows are built directly with the ORM (the services are tested on their own): each test sets the petition, its
clocks and its documents as the services would leave them, and asserts the exact Vietnamese text printed. A
protected denunciation must never print anything of the identity kept in its ProtectedIdentity."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from gandan.petitions.models import (
    Channel,
    Clock,
    ClockRule,
    Dialogue,
    Document,
    Kind,
    Petition,
    Petitioner,
    ProtectedIdentity,
    Status,
    Suspension,
)
from gandan.petitions.pdf import document_pdf_bytes, number_line
from gandan.reception.models import ReceptionRecord
from gandan.reception.pdf import (
    reception_receipt_pdf_bytes,
    reception_refusal_pdf_bytes,
)

VN = dt.timezone(dt.timedelta(hours=7))
Form = Document.Form

COMPLAINANT = "Nguyễn Văn Bình"
COMPLAINANT_ADDRESS = "Thôn Bến Đò, xã Sông Lô"
SUBJECT = "Khiếu nại quyết định thu hồi đất tại thôn Bến Đò"
RECEIVED = dt.datetime(2026, 11, 5, 9, 30, tzinfo=VN)
ACCEPTED = dt.date(2026, 11, 12)
DUE = dt.date(2026, 12, 14)

# The denunciator of the protected case: none of these may ever be printed.
IDENTITY = {
    "name": "Hoàng Minh Tuấn",
    "address": "Xóm Gò Mít, thôn Đồng Thịnh",
    "phone": "0987654321",
    "email": "tuan.hm@example.vn",
    "id_number": "025090001234",
}
DENOUNCED = "Tố cáo cán bộ địa chính xã nhận tiền khi cấp giấy chứng nhận"


def local(y, m, d, hh=9, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(data: bytes) -> str:
    """The text with its lines joined: a long value may wrap at the margin."""
    return " ".join(_text(data).split())


def _rule(key: str, on: dt.date) -> ClockRule:
    rules = ClockRule.objects.filter(key=key, valid_from__lte=on).exclude(valid_to__lt=on)
    rule = rules.order_by("-created_at", "-id").first()
    assert rule is not None, f"no rule {key} in force on {on}"
    return rule


def _petition(
    unit, code: str, *, kind=Kind.COMPLAINT, subject=SUBJECT, status=Status.ACCEPTED, **fields
) -> Petition:
    fields.setdefault("petitioner_display", COMPLAINANT)
    return Petition.objects.create(
        code=code,
        unit=unit,
        unit_path=unit.path,
        kind=kind,
        channel=Channel.DIRECT,
        status=status,
        received_at=RECEIVED,
        received_on=RECEIVED.date(),
        subject=subject,
        content="Nội dung đơn.",
        **fields,
    )


def _clock(petition, role, key, *, started_on, due, original_due=None) -> Clock:
    return Clock.objects.create(
        petition=petition,
        role=role,
        rule=_rule(key, petition.received_on),
        started_on=started_on,
        original_due=original_due or due,
        due=due,
    )


def _document(petition, form, by, *, on, number="", recipient="", body="") -> Document:
    return Document.objects.create(
        petition=petition,
        form=form,
        number=number,
        issued_on=on,
        recipient=recipient,
        body=body,
        created_by=by,
    )


def _heading(text: str) -> None:
    """Decree 30/2020: the issuing body with its province, the national heading, the chairman's signature."""
    assert "UBND TỈNH PHÚ THỌ" in text
    assert "UBND XÃ SÔNG LÔ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def _signed_by_the_chairman(text: str) -> None:
    assert "CHỦ TỊCH" in text
    assert "(Ký, ghi rõ họ tên, đóng dấu)" in text
    assert "Nơi nhận:" in text


def _a4(data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    return reader


@pytest.fixture
def complaint(home_commune):
    """A first-instance complaint accepted on 12/11/2026, its resolution clock due 14/12/2026."""
    petition = _petition(home_commune, "DT-08848-99-00001", accepted_on=ACCEPTED, statutory_due=DUE)
    Petitioner.objects.create(
        petition=petition,
        name=COMPLAINANT,
        address=COMPLAINANT_ADDRESS,
        phone="0912345678",
        id_number="025190012345",
    )
    _clock(
        petition,
        Clock.Role.INTAKE,
        "complaint.accept",
        started_on=petition.received_on,
        due=dt.date(2026, 11, 16),
    )
    _clock(petition, Clock.Role.RESOLVE, "complaint.first", started_on=ACCEPTED, due=DUE)
    return petition


@pytest.fixture
def protected(home_commune, commune_leader):
    """A protected denunciation: the petition keeps a neutral label, the identity is in ProtectedIdentity."""
    petition = _petition(
        home_commune,
        "DT-08848-99-00002",
        kind=Kind.DENUNCIATION,
        subject=DENOUNCED,
        protected=True,
        petitioner_display="Người tố cáo (được bảo vệ danh tính)",
        accepted_on=ACCEPTED,
        complex_case=True,
        complexity_criteria=2,
    )
    ProtectedIdentity.objects.create(
        petition=petition,
        persons=[IDENTITY],
        original_text=f"Tôi là {IDENTITY['name']}, trú tại {IDENTITY['address']}, điện thoại {IDENTITY['phone']}.",
    )
    _clock(
        petition, Clock.Role.INTAKE, "denunciation.classify", started_on=petition.received_on, due=ACCEPTED
    )
    _clock(
        petition, Clock.Role.RESOLVE, "denunciation.resolve", started_on=ACCEPTED, due=dt.date(2027, 1, 11)
    )
    return petition


# --- Notices and decisions on a case ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_acceptance_notice_of_a_complaint(complaint, commune_leader):
    document = _document(
        complaint,
        Form.ACCEPTANCE,
        commune_leader,
        on=ACCEPTED,
        number="15",
        recipient=complaint.petitioner_display,
    )
    data = document_pdf_bytes(document)
    text, flat = _text(data), _flat(data)
    _heading(text)
    assert "Số: 15/TB-UBND" in text
    assert "Sông Lô, ngày 12 tháng 11 năm 2026" in text
    assert "THÔNG BÁO" in text
    assert "Về việc thụ lý giải quyết khiếu nại" in text
    assert f"Kính gửi: Ông/bà {COMPLAINANT}" in text
    assert "Mã đơn: DT-08848-99-00001" in text
    assert "Ngày nhận đơn: 05/11/2026" in text
    assert f"Nội dung đơn: {SUBJECT}" in flat
    assert "kể từ ngày 12/11/2026; thời hạn giải quyết 30 ngày, đến ngày 14/12/2026." in flat
    basis = _rule("complaint.first", complaint.received_on).legal_basis
    assert basis.startswith("Luật Khiếu nại 02/2011/QH13, Điều 28")
    assert f"Căn cứ {basis}, UBND xã Sông Lô thông báo đã thụ lý giải quyết khiếu nại" in flat
    _signed_by_the_chairman(text)
    assert "025190012345" not in text.replace(" ", "")  # the citizen ID is never printed
    reader = _a4(data)
    assert len(reader.pages) == 1
    assert reader.metadata.title.endswith("DT-08848-99-00001")


@pytest.mark.django_db
def test_acceptance_prints_the_original_deadline_after_an_extension(protected, commune_leader):
    resolve = protected.clocks.get(role=Clock.Role.RESOLVE)
    resolve.extensions, resolve.due = 1, dt.date(2027, 2, 10)
    resolve.save()
    acceptance = _document(protected, Form.ACCEPTANCE, commune_leader, on=ACCEPTED, number="16/TB-UBND")
    _document(
        protected,
        Form.EXTENSION,
        commune_leader,
        on=dt.date(2027, 1, 5),
        number="2",
        body="Cần xác minh thêm",
    )
    flat = _flat(document_pdf_bytes(acceptance))
    assert "Số: 16/TB-UBND" in flat
    assert "Về việc thụ lý giải quyết tố cáo" in flat
    assert "thời hạn giải quyết 30 ngày, đến ngày 11/01/2027." in flat
    assert "10/02/2027" not in flat


@pytest.mark.django_db
def test_acceptance_of_a_recommendation(home_commune, commune_leader):
    petition = _petition(
        home_commune, "DT-08848-99-00003", kind=Kind.RECOMMENDATION, subject="Kiến nghị sửa đường liên thôn"
    )
    Petitioner.objects.create(petition=petition, name="Trần Thị Lan", address="Thôn Đồng Thịnh")
    _clock(petition, Clock.Role.RESOLVE, "online.answer", started_on=ACCEPTED, due=dt.date(2026, 12, 3))
    flat = _flat(document_pdf_bytes(_document(petition, Form.ACCEPTANCE, commune_leader, on=ACCEPTED)))
    assert "Số: ....../TB-UBND" in flat
    assert "THÔNG BÁO Về việc tiếp nhận kiến nghị, phản ánh" in flat
    assert "Kính gửi: Ông/bà Trần Thị Lan" in flat
    assert "thời hạn trả lời 15 ngày làm việc, đến ngày 03/12/2026." in flat


@pytest.mark.django_db
def test_non_acceptance_gives_the_reasons_and_the_basis(complaint, commune_leader):
    reason = "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại."
    document = _document(
        complaint, Form.NON_ACCEPTANCE, commune_leader, on=dt.date(2026, 11, 10), body=reason
    )
    flat = _flat(document_pdf_bytes(document))
    assert "THÔNG BÁO Về việc không thụ lý giải quyết khiếu nại" in flat
    assert "Sông Lô, ngày 10 tháng 11 năm 2026" in flat
    basis = _rule("complaint.accept", complaint.received_on).legal_basis
    assert f"Căn cứ {basis}, UBND xã Sông Lô thông báo không thụ lý giải quyết khiếu nại nêu trên" in flat
    assert reason in flat
    assert "Mã đơn: DT-08848-99-00001" in flat


@pytest.mark.django_db
def test_forwarding_letter_is_addressed_to_the_competent_body(complaint, commune_leader):
    complaint.status, complaint.handled_to = Status.FORWARDED, "UBND xã Tam Sơn"
    complaint.handling_reason = "Đất tranh chấp thuộc địa giới xã Tam Sơn."
    complaint.save()
    document = _document(
        complaint,
        Form.FORWARDING,
        commune_leader,
        on=dt.date(2026, 11, 9),
        number="3",
        recipient="UBND xã Tam Sơn",
    )
    text, flat = _text(document_pdf_bytes(document)), _flat(document_pdf_bytes(document))
    assert "PHIẾU CHUYỂN ĐƠN" in text
    assert "Số: 3/PC-UBND" in text
    assert "Kính gửi: UBND xã Tam Sơn" in text
    assert "chuyển đơn nêu trên đến UBND xã Tam Sơn để xem xét, giải quyết theo thẩm quyền." in flat
    assert "Đất tranh chấp thuộc địa giới xã Tam Sơn." in flat
    assert f"- Ông/bà {COMPLAINANT} (để biết);" in flat


@pytest.mark.django_db
def test_guidance_letter_names_the_competent_body(complaint, commune_leader):
    complaint.status, complaint.handled_to = Status.GUIDED, "Sở Tài nguyên và Môi trường tỉnh Phú Thọ"
    complaint.save()
    document = _document(complaint, Form.GUIDANCE, commune_leader, on=dt.date(2026, 11, 9), body="Hướng dẫn")
    flat = _flat(document_pdf_bytes(document))
    assert "PHIẾU HƯỚNG DẪN" in flat
    assert "Số: ....../HD-UBND" in flat
    assert f"Kính gửi: Ông/bà {COMPLAINANT}" in flat
    assert "không thuộc thẩm quyền giải quyết của UBND xã Sông Lô." in flat
    assert f"hướng dẫn ông/bà {COMPLAINANT} gửi đơn đến Sở Tài nguyên và Môi trường tỉnh Phú Thọ" in flat


@pytest.mark.django_db
def test_first_instance_complaint_decision(complaint, commune_leader):
    complaint.status, complaint.resolved_on = Status.RESOLVED, dt.date(2026, 12, 10)
    complaint.save()
    result = "Giữ nguyên Quyết định thu hồi đất số 45/QĐ-UBND ngày 01/9/2026."
    document = _document(
        complaint, Form.RESOLUTION, commune_leader, on=dt.date(2026, 12, 10), number="88", body=result
    )
    data = document_pdf_bytes(document)
    text, flat = _text(data), _flat(data)
    _heading(text)
    assert "Số: 88/QĐ-UBND" in text
    assert "QUYẾT ĐỊNH Về việc giải quyết khiếu nại (lần đầu)" in flat
    assert "CHỦ TỊCH UBND XÃ SÔNG LÔ" in text
    assert f"Căn cứ {_rule('complaint.first', complaint.received_on).legal_basis};" in flat
    assert (
        f"Xét đơn khiếu nại của ông/bà {COMPLAINANT} (mã đơn DT-08848-99-00001) nhận ngày 05/11/2026" in flat
    )
    assert "thụ lý ngày 12/11/2026" in flat
    assert "QUYẾT ĐỊNH:" in text
    assert f"Điều 1. Kết quả giải quyết: {result}" in flat
    assert "Trong thời hạn 30 ngày kể từ ngày nhận được Quyết định này" in flat
    assert "(Luật Khiếu nại 02/2011/QH13, Điều 33)" in flat
    assert (
        "Điều 4. Người khiếu nại và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"
        in flat
    )
    assert (
        "Điều 2. Trong thời hạn 30 ngày" in flat
        and "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in flat
    )
    assert "- Như Điều 4;" in flat
    _signed_by_the_chairman(text)


@pytest.mark.django_db
def test_second_instance_complaint_decision(complaint, home_commune, commune_leader):
    second = _petition(
        home_commune,
        "DT-08848-99-00010",
        status=Status.RESOLVED,
        instance=2,
        first_instance=complaint,
        accepted_on=dt.date(2026, 12, 20),
    )
    _clock(
        second,
        Clock.Role.RESOLVE,
        "complaint.second",
        started_on=dt.date(2026, 12, 20),
        due=dt.date(2027, 2, 3),
    )
    document = _document(second, Form.RESOLUTION, commune_leader, on=dt.date(2027, 1, 25), body="Công nhận")
    flat = _flat(document_pdf_bytes(document))
    assert "QUYẾT ĐỊNH Về việc giải quyết khiếu nại (lần hai)" in flat
    assert "Xét quyết định giải quyết khiếu nại lần đầu (mã đơn DT-08848-99-00001);" in flat
    assert "Đây là quyết định giải quyết khiếu nại lần hai." in flat
    assert "Luật Khiếu nại 02/2011/QH13, Điều 37" in flat


@pytest.mark.django_db
def test_answer_to_a_reflection(home_commune, commune_leader):
    petition = _petition(
        home_commune,
        "DT-08848-99-00004",
        kind=Kind.REFLECTION,
        status=Status.RESOLVED,
        subject="Phản ánh đèn đường thôn Bến Đò không sáng",
    )
    Petitioner.objects.create(petition=petition, name="Lê Văn Hải", address="Thôn Bến Đò")
    answer = "Đã giao Ban quản lý thôn thay bóng đèn trong tuần."
    document = _document(
        petition, Form.RESOLUTION, commune_leader, on=dt.date(2026, 11, 20), number="20", body=answer
    )
    flat = _flat(document_pdf_bytes(document))
    assert "VĂN BẢN TRẢ LỜI KIẾN NGHỊ, PHẢN ÁNH" in flat
    assert "Số: 20/UBND" in flat
    assert "Kính gửi: Ông/bà Lê Văn Hải" in flat
    assert "nhận được đơn phản ánh của ông/bà Lê Văn Hải" in flat
    assert answer in flat


@pytest.mark.django_db
def test_suspension_and_resumption_of_a_complaint(complaint, commune_leader):
    Suspension.objects.create(
        petition=complaint,
        start=dt.date(2026, 11, 20),
        end=dt.date(2026, 12, 1),
        reason="Bão lũ",
        decision_no="90/QĐ-UBND",
    )
    suspend = _document(
        complaint,
        Form.SUSPENSION,
        commune_leader,
        on=dt.date(2026, 11, 20),
        number="90",
        body="Bão lũ làm ngập khu đất cần xác minh.",
    )
    flat = _flat(document_pdf_bytes(suspend))
    assert "Số: 90/QĐ-UBND" in flat
    assert "QUYẾT ĐỊNH Về việc tạm đình chỉ giải quyết khiếu nại" in flat
    assert (
        "Điều 1. Tạm đình chỉ việc giải quyết khiếu nại mã đơn DT-08848-99-00001 kể từ ngày 20/11/2026."
        in flat
    )
    assert "Lý do: Bão lũ làm ngập khu đất cần xác minh." in flat
    # From 01/07/2026 the complaint's time limit restarts from the resume decision (Law 136/2025, Form 14b).
    assert "thời hạn giải quyết được tính lại từ ngày ra quyết định đó." in flat

    resolve = complaint.clocks.get(role=Clock.Role.RESOLVE)
    resolve.due = dt.date(2026, 12, 31)
    resolve.save()
    resume = _document(complaint, Form.RESUMPTION, commune_leader, on=dt.date(2026, 12, 1), number="95")
    flat = _flat(document_pdf_bytes(resume))
    assert "QUYẾT ĐỊNH Về việc tiếp tục giải quyết khiếu nại" in flat
    assert (
        "Căn cứ Quyết định số 90/QĐ-UBND ngày 20/11/2026 về việc tạm đình chỉ giải quyết khiếu nại;" in flat
    )
    assert "Tiếp tục giải quyết khiếu nại mã đơn DT-08848-99-00001 kể từ ngày 01/12/2026." in flat
    assert "Thời hạn giải quyết đến ngày 31/12/2026." in flat


@pytest.mark.django_db
def test_termination_decision(complaint, commune_leader):
    complaint.status = Status.TERMINATED
    complaint.save()
    document = _document(
        complaint,
        Form.RESOLUTION,
        commune_leader,
        on=dt.date(2026, 11, 25),
        body="Người khiếu nại chết mà không có người thừa kế quyền, nghĩa vụ.",
    )
    flat = _flat(document_pdf_bytes(document))
    assert "QUYẾT ĐỊNH Về việc đình chỉ giải quyết khiếu nại" in flat
    assert "Điều 1. Đình chỉ việc giải quyết khiếu nại mã đơn DT-08848-99-00001." in flat
    assert "(lần đầu)" not in flat


@pytest.mark.django_db
def test_dialogue_minutes(complaint, commune_leader):
    complaint.resolver = commune_leader
    complaint.save()
    Dialogue.objects.create(
        petition=complaint,
        scheduled_at=local(2026, 11, 26, 9),
        place="Hội trường UBND xã Sông Lô",
        notified_on=dt.date(2026, 11, 18),
        held=True,
        minutes="Hai bên thống nhất đo đạc lại ranh giới thửa đất.",
        created_by=commune_leader,
    )
    document = _document(
        complaint,
        Form.DIALOGUE,
        commune_leader,
        on=dt.date(2026, 11, 26),
        body="Hai bên thống nhất đo đạc lại ranh giới thửa đất.",
    )
    data = document_pdf_bytes(document)
    text, flat = _text(data), _flat(data)
    assert "BIÊN BẢN ĐỐI THOẠI" in text
    assert "Số: ....../BB-UBND" in text
    assert "Sông Lô, ngày 26 tháng 11 năm 2026" in text
    assert "Vào hồi 09 giờ 00 phút, ngày 26/11/2026, tại Hội trường UBND xã Sông Lô" in flat
    assert f"tổ chức đối thoại với ông/bà {COMPLAINANT} về khiếu nại mã đơn DT-08848-99-00001" in flat
    assert f"1. Người chủ trì đối thoại: {commune_leader.full_name}" in flat
    assert f"2. Người khiếu nại: {COMPLAINANT}" in flat
    assert "Hai bên thống nhất đo đạc lại ranh giới thửa đất." in flat
    assert "Biên bản được lập thành 03 bản" in flat
    assert "NGƯỜI KHIẾU NẠI" in text and "NGƯỜI CHỦ TRÌ ĐỐI THOẠI" in text


# --- Protected denunciations ----------------------------------------------------------------------------------------
def _no_identity(data: bytes) -> None:
    text = _text(data)
    squeezed = "".join(text.split())
    for field, value in IDENTITY.items():
        assert value not in text, field
        assert "".join(value.split()) not in squeezed, field
    assert IDENTITY["phone"][-4:] not in text
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None
    assert not any(IDENTITY["name"] in str(value) for value in metadata.values())


@pytest.mark.django_db
def test_protected_denunciation_never_prints_the_identity(
    protected, home_commune, commune_leader, desk_officer
):
    protected.status = Status.RESOLVED
    protected.save()
    Suspension.objects.create(
        petition=protected, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 5), reason="Lũ"
    )
    documents = [
        _document(
            protected,
            Form.ACCEPTANCE,
            commune_leader,
            on=ACCEPTED,
            number="30",
            recipient=protected.petitioner_display,
        ),
        _document(protected, Form.SUSPENSION, commune_leader, on=dt.date(2026, 12, 1), body="Lũ"),
        _document(protected, Form.RESUMPTION, commune_leader, on=dt.date(2026, 12, 5)),
        _document(
            protected,
            Form.EXTENSION,
            commune_leader,
            on=dt.date(2027, 1, 5),
            number="2",
            body="Vụ việc đặc biệt phức tạp, cần xác minh tại nhiều nơi.",
        ),
        _document(protected, Form.NON_ACCEPTANCE, commune_leader, on=ACCEPTED, body="Không đủ điều kiện."),
        _document(
            protected, Form.GUIDANCE, commune_leader, on=ACCEPTED, recipient=protected.petitioner_display
        ),
        _document(
            protected, Form.FORWARDING, commune_leader, on=ACCEPTED, recipient="Thanh tra tỉnh Phú Thọ"
        ),
        _document(
            protected,
            Form.RESOLUTION,
            commune_leader,
            on=dt.date(2027, 2, 1),
            number="7",
            body="Nội dung tố cáo là đúng một phần.",
        ),
    ]
    texts = {}
    for document in documents:
        data = document_pdf_bytes(document)
        _no_identity(data)
        texts[document.form] = _flat(data)
    for form in (Form.ACCEPTANCE, Form.NON_ACCEPTANCE, Form.GUIDANCE):
        assert "Kính gửi: Người tố cáo" in texts[form]
        assert "nhận được đơn tố cáo của người tố cáo:" in texts[form]
    assert "Người tố cáo (được bảo vệ" not in " ".join(texts.values())  # not even the neutral list label
    assert "Kính gửi: Thanh tra tỉnh Phú Thọ" in texts[Form.FORWARDING]
    assert "- Người tố cáo (để biết);" in texts[Form.FORWARDING]
    assert "Điều 47 và Điều 56 Luật Tố cáo 25/2018/QH14" in texts[Form.FORWARDING]
    assert "QUYẾT ĐỊNH Về việc gia hạn giải quyết tố cáo" in texts[Form.EXTENSION]
    assert "Số: 2/QĐ-UBND" in texts[Form.EXTENSION]
    assert "Luật Tố cáo 25/2018/QH14, Điều 30 khoản 1" in texts[Form.EXTENSION]
    assert (
        "Gia hạn thời hạn giải quyết tố cáo mã đơn DT-08848-99-00002 đến ngày 11/01/2027."
        in texts[Form.EXTENSION]
    )
    assert "Điều 3. Người tố cáo, người bị tố cáo và các cơ quan" in texts[Form.EXTENSION]
    assert "QUYẾT ĐỊNH Về việc tạm đình chỉ giải quyết tố cáo" in texts[Form.SUSPENSION]
    assert "QUYẾT ĐỊNH Về việc tiếp tục giải quyết tố cáo" in texts[Form.RESUMPTION]
    # The resumption was followed by an extension: its own deadline is no longer the clock's, so none is printed.
    assert "Thời hạn giải quyết đến ngày" not in texts[Form.RESUMPTION]
    conclusion = texts[Form.RESOLUTION]
    assert "KẾT LUẬN NỘI DUNG TỐ CÁO" in conclusion
    assert "Số: 7/KL-UBND" in conclusion
    assert (
        "nhận được đơn tố cáo của người tố cáo (mã đơn DT-08848-99-00002), thụ lý ngày 12/11/2026"
        in conclusion
    )
    assert "Nội dung tố cáo là đúng một phần." in conclusion

    # The identity is really there to leak: a reception record of the same person, linked to the case.
    record = ReceptionRecord.objects.create(
        unit=home_commune,
        unit_path=home_commune.path,
        at=local(2026, 11, 5, 9, 30),
        officer=desk_officer,
        citizen_name=IDENTITY["name"],
        citizen_address=IDENTITY["address"],
        id_number=IDENTITY["id_number"],
        content=DENOUNCED,
        kind=Kind.DENUNCIATION,
        petition=protected,
        outcome=ReceptionRecord.Outcome.REFUSED,
        refusal_reason="Công dân quay phim sau khi đã được yêu cầu dừng.",
        documents_received="Ảnh chụp biên lai thu tiền\nBản sao giấy chứng nhận",
    )
    assert record.protected
    for data in (reception_refusal_pdf_bytes(record), reception_receipt_pdf_bytes(record)):
        _no_identity(data)
    assert "Kính gửi: Người tố cáo" in _flat(reception_refusal_pdf_bytes(record))
    assert "Đã nhận của người tố cáo" in _flat(reception_receipt_pdf_bytes(record))


@pytest.mark.django_db
def test_a_denunciator_who_waived_protection_is_named(home_commune, commune_leader):
    petition = _petition(
        home_commune, "DT-08848-99-00005", kind=Kind.DENUNCIATION, subject=DENOUNCED, accepted_on=ACCEPTED
    )
    Petitioner.objects.create(petition=petition, name=IDENTITY["name"], address=IDENTITY["address"])
    flat = _flat(document_pdf_bytes(_document(petition, Form.ACCEPTANCE, commune_leader, on=ACCEPTED)))
    assert (
        f"Kính gửi: Ông/bà {IDENTITY['name']}" in flat
    )  # the name prints when allowed: the test above is real


@pytest.mark.django_db
def test_crowd_petition_names_its_representatives(home_commune, commune_leader):
    petition = _petition(home_commune, "DT-08848-99-00006", signers=12, accepted_on=ACCEPTED)
    Petitioner.objects.create(petition=petition, position=0, name="Phạm Văn Đức", address="Thôn Bến Đò")
    Petitioner.objects.create(
        petition=petition, position=1, name="Đỗ Thị Mai", address="Thôn Bến Đò", representative=True
    )
    Petitioner.objects.create(
        petition=petition, position=2, name="Vũ Văn Long", address="Thôn Bến Đò", representative=True
    )
    flat = _flat(document_pdf_bytes(_document(petition, Form.ACCEPTANCE, commune_leader, on=ACCEPTED)))
    assert "Kính gửi: Ông/bà Đỗ Thị Mai, Vũ Văn Long và 10 người khác" in flat


def test_number_line():
    assert number_line("", "TB-UBND") == "Số: ....../TB-UBND"
    assert number_line(" 12 ", "QĐ-UBND") == "Số: 12/QĐ-UBND"
    assert number_line("12/QĐ-CT", "QĐ-UBND") == "Số: 12/QĐ-CT"
