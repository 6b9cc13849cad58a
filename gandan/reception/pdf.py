"""The citizen-reception forms: `reception_refusal_pdf_bytes` (Form 01/TCD), `reception_receipt_pdf_bytes`
(Form 02/TCD) and `conclusion_notice_pdf_bytes` (the leader's conclusions after a reception day, with the tasks
set). A reception record linked to a protected case names the citizen only as "Người tố cáo", without name or
address; the citizen ID is never printed.
"""

from django.db.models import Count, Sum

from gandan.core.petition_clocks import LAW_136_IN_FORCE
from gandan.pdfdoc import (
    Signature,
    committee,
    fmt_date,
    local,
    time_and_date,
    unit_name,
)
from gandan.petitions.pdf.common import (
    CHAIRMAN,
    KIND_WORDS,
    NOTICE,
    PROTECTED_ADDRESSEE,
    SIGN_STAMP_HINT,
    capitalized,
    chairman_signature,
    number_line,
    paper,
)
from gandan.reception.models import ConclusionNotice, LeaderKind, ReceptionRecord

RECEPTION_LAW = "Luật Tiếp công dân 42/2013/QH13"
RECEPTION_REFUSAL_BASIS = f"Điều 9 {RECEPTION_LAW}"
RECEPTION_REFUSAL_DECREE = "Điều 4 Nghị định 154/2026/NĐ-CP"  # in force with Law 136/2025 (DOMAIN.md §5.2)


# --- Citizen reception ------------------------------------------------------------------------------------------
def _visitor(record: ReceptionRecord) -> tuple[str, str]:
    """(addressee, in running text) of the citizen received; only the role when the case is protected."""
    if record.protected:
        return PROTECTED_ADDRESSEE, PROTECTED_ADDRESSEE.lower()
    return f"Ông/bà {record.citizen_name}", f"ông/bà {record.citizen_name}"


def _reception_place(record: ReceptionRecord) -> str:
    if record.reception_day is not None and record.reception_day.place:
        return record.reception_day.place
    return f"nơi tiếp công dân của {committee(record.unit)}"


def reception_refusal_pdf_bytes(record: ReceptionRecord) -> bytes:
    """Form 01/TCD: notice refusing to receive a citizen, with the reason (Law on Citizen Reception Art. 9)."""
    record = ReceptionRecord.objects.select_related("unit", "reception_day", "petition").get(pk=record.pk)
    addressee, who = _visitor(record)
    body = committee(record.unit)
    doc = paper(
        record.unit,
        number_line("", NOTICE),
        title="Thông báo về việc từ chối tiếp công dân",
        code=fmt_date(record.at),
        subject="Mẫu số 01/TCD",
    )
    doc.heading(local(record.at).date())
    doc.title("THÔNG BÁO", "Về việc từ chối tiếp công dân")
    doc.addressee(addressee)
    if not record.protected:
        doc.line("Địa chỉ: ", record.citizen_address, indent=10)
    doc.para(
        f"Vào hồi {time_and_date(record.at)}, {who} đến {_reception_place(record)} để trình bày nội dung "
        f"{KIND_WORDS.get(record.kind, 'khiếu nại, tố cáo, kiến nghị, phản ánh')}."
    )
    basis = RECEPTION_REFUSAL_BASIS
    if local(record.at).date() >= LAW_136_IN_FORCE:
        basis += f" và {RECEPTION_REFUSAL_DECREE}"
    doc.para(f"Căn cứ {basis}, {body} từ chối tiếp công dân đối với {who} với lý do sau:")
    doc.free_text(record.refusal_reason, indent=10)
    doc.para(f"{body} thông báo để {who} biết./.")
    doc.signatures(None, chairman_signature(), recipients=["- Như trên;", "- Lưu: VT."])
    return doc.output()


def reception_receipt_pdf_bytes(record: ReceptionRecord) -> bytes:
    """Form 02/TCD: receipt of the information, documents and evidence a citizen handed in at a reception."""
    record = ReceptionRecord.objects.select_related("unit", "reception_day", "petition", "officer").get(
        pk=record.pk
    )
    _addressee, who = _visitor(record)
    officer = record.officer
    doc = paper(
        record.unit,
        "",
        title="Giấy biên nhận thông tin, tài liệu, bằng chứng",
        code=fmt_date(record.at),
        subject="Mẫu số 02/TCD",
    )
    doc.heading(local(record.at).date())
    doc.title("GIẤY BIÊN NHẬN", "thông tin, tài liệu, bằng chứng")
    doc.para(f"Vào hồi {time_and_date(record.at)}, tại {_reception_place(record)},")
    doc.line(
        "Tôi là: ", (officer.full_name, "B"), *([", chức vụ: ", officer.position] if officer.position else [])
    )
    doc.line(f"Đã nhận của {who}", *([", địa chỉ: ", record.citizen_address] if not record.protected else []))
    doc.line("các thông tin, tài liệu, bằng chứng sau đây:")
    items = [line.strip() for line in record.documents_received.splitlines() if line.strip()]
    doc.table(
        ("STT", "Tên thông tin, tài liệu, bằng chứng"),
        [(str(i), item) for i, item in enumerate(items, start=1)] or [("", "(Không có)")],
        widths=(14, 156),
        aligns=("C", "L"),
    )
    doc.para("Giấy biên nhận được lập thành 02 bản, mỗi bên giữ 01 bản./.")
    doc.signatures(
        Signature("NGƯỜI NỘP", name="" if record.protected else record.citizen_name),
        Signature("NGƯỜI NHẬN", name=officer.full_name),
    )
    return doc.output()


# --- Conclusions of a reception day -----------------------------------------------------------------------------
def _leader(day) -> tuple[str, str]:
    """(the leader's office in running text, the signature title) for a reception day."""
    unit = day.unit
    kind = day.leader_kind
    if kind in (LeaderKind.COMMUNE_CHAIRMAN, LeaderKind.PROVINCE_CHAIRMAN):
        return f"Chủ tịch {committee(unit)}", CHAIRMAN
    if kind == LeaderKind.COMMUNE_PARTY_SECRETARY:
        return f"Bí thư Đảng ủy {unit_name(unit)}", "BÍ THƯ"
    if kind == LeaderKind.PROVINCE_PARTY_SECRETARY:
        return f"Bí thư {capitalized(unit_name(unit))} ủy", "BÍ THƯ"
    return day.leader.position or "Thủ trưởng cơ quan", "THỦ TRƯỞNG CƠ QUAN"


def conclusion_notice_pdf_bytes(notice: ConclusionNotice) -> bytes:
    """The notice of the leader's conclusions after a reception day (Law on Citizen Reception Art. 25): the
    conclusions and a numbered table of the tasks set, each with the responsible body and its deadline."""
    notice = ConclusionNotice.objects.select_related("reception_day__unit", "reception_day__leader").get(
        pk=notice.pk
    )
    day = notice.reception_day
    unit = day.unit
    office, signer = _leader(day)
    doc = paper(
        unit,
        number_line(notice.number, NOTICE),
        title=f"Thông báo kết luận tại buổi tiếp công dân ngày {fmt_date(day.day)}",
        code=notice.number,
        subject=office,
    )
    doc.heading(notice.issued_on)
    doc.title(f"THÔNG BÁO\nKẾT LUẬN CỦA {office.upper()} TẠI BUỔI TIẾP CÔNG DÂN", f"ngày {fmt_date(day.day)}")
    session = "đột xuất" if day.ad_hoc else "định kỳ"
    doc.para(
        f"Ngày {fmt_date(day.day)}, tại {day.place}, đồng chí {day.leader.full_name}, {office}, đã chủ trì buổi "
        f"tiếp công dân {session}."
    )
    records = day.records.aggregate(visits=Count("id"), people=Sum("people_count"))
    if records["visits"]:
        doc.para(f"Tại buổi tiếp đã tiếp {records['visits']} lượt công dân ({records['people']} người).")
    doc.para(
        f"Sau khi nghe công dân trình bày, ý kiến của các cơ quan, đơn vị có liên quan, {office} kết luận như sau:"
    )
    doc.free_text(notice.content, indent=10)
    tasks = list(notice.tasks.select_related("assignee").order_by("due", "id"))
    bodies: list[str] = []
    if tasks:
        doc.line(("Giao nhiệm vụ:", "B"))
        rows = []
        for i, task in enumerate(tasks, start=1):
            responsible = task.responsible_body or (task.assignee.full_name if task.assignee else "")
            rows.append((str(i), task.title, responsible, fmt_date(task.due)))
            if responsible and responsible not in bodies:
                bodies.append(responsible)
        doc.table(
            ("STT", "Nhiệm vụ", "Cơ quan, đơn vị chịu trách nhiệm", "Thời hạn"),
            rows,
            widths=(12, 82, 50, 26),
            aligns=("C", "L", "L", "C"),
        )
    doc.para(f"{committee(unit)} thông báo để các cơ quan, đơn vị, cá nhân có liên quan biết, thực hiện./.")
    doc.signatures(
        None,
        Signature(signer, hint=SIGN_STAMP_HINT, name=day.leader.full_name),
        recipients=[*(f"- {body};" for body in bodies), "- Lưu: VT."],
    )
    return doc.output()
