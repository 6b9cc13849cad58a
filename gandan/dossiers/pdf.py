"""The printable forms of the one-stop desk (Circular 03/2025/TT-VPCP, Appendix I; DOMAIN.md §1.5), as PDF.

Current numbering: 01 receipt and appointment slip · 02 request to supplement · 03 refusal · 04 apology and request
to extend the processing time · 05 notice stopping processing · 06 process control slip (07, the tracking book, is
in excel.py). Every form is A4 portrait with the issuing body and the national heading, the place and date, the title,
the dossier code and a QR code that opens the citizen's lookup page. The layout itself is gandan.pdfdoc.

These are legal documents: every word printed is Vietnamese whatever the officer's interface language, and the
citizen ID number is never printed. Builders are pure: they read the dossier and return bytes.
"""

from django.conf import settings

from gandan.dossiers.models import CopyKind, Dossier, Step, TimeUnit
from gandan.dossiers.public import lookup_url
from gandan.dossiers.rules import Action, Status
from gandan.errors import DomainError
from gandan.pdfdoc import (
    BODY_SIZE,
    FONT,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    QR_SIZE,
    SIGN_SEAL_HINT,
    OfficialDocument,
    Signature,
    committee,
    lower_first,
    time_and_date,
)
from gandan.pdfdoc import date_line as date_line  # re-exported: part of this module's interface
from gandan.pdfdoc import fmt_date as _date
from gandan.pdfdoc import local as _local

FORM_TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    # Circular 03/2025 renamed the old "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (Circular 01/2018, Form 04).
    "04": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}
FORMS = tuple(FORM_TITLES)
QR_CAPTION = "Quét mã để tra cứu hồ sơ"

DESK = "Bộ phận Một cửa"

COPY_KINDS: dict[str, str] = {
    CopyKind.ORIGINAL: "Bản chính",
    CopyKind.COPY: "Bản sao",
    CopyKind.CERTIFIED_COPY: "Bản sao có chứng thực",
    CopyKind.ORIGINAL_OR_COPY: "Bản chính hoặc bản sao có chứng thực",
}
TIME_UNITS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
}
STEP_RESULTS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


class FormUnavailable(DomainError):
    """The form does not exist (yet) for this dossier: the view answers 404."""

    status = 404

    def __init__(self, form: str) -> None:
        super().__init__("form_unavailable", f"Mẫu {form} không có cho hồ sơ này.", field="form")
        self.form = form


# --- Which forms a dossier has ---------------------------------------------------------------------------------
def available_forms(dossier: Dossier) -> list[str]:
    """The forms that can be printed for `dossier` now, in number order."""
    forms = []
    if dossier.received_at is not None:
        forms.append("01")
    if dossier.supplements.exists():
        forms.append("02")
    if dossier.status == Status.REFUSED:
        forms.append("03")
    if dossier.apologies.exists():
        forms.append("04")
    if dossier.status == Status.STOPPED:
        forms.append("05")
    if dossier.received_at is not None:
        forms.append("06")
    return forms


def qr_target(dossier: Dossier) -> str:
    """The absolute address the QR code opens: the citizen's lookup page for this dossier (signed token, no
    personal data in the link)."""
    return settings.GANDAN_PUBLIC_URL.rstrip("/") + lookup_url(dossier)


def form_pdf_bytes(dossier: Dossier, form: str, *, qr_url: str | None = None) -> bytes:
    """Form `form` ("01".."06") of `dossier` as a PDF, or FormUnavailable."""
    if form not in FORM_TITLES or form not in available_forms(dossier):
        raise FormUnavailable(form)
    doc = _Document(dossier, form, qr_url or qr_target(dossier))
    _BUILDERS[form](doc, dossier)
    return doc.finish()


# --- Text helpers ------------------------------------------------------------------------------------------------
def _desk(unit) -> str:
    return f"{DESK} {lower_first(unit.name)}"


def _time_limit(procedure) -> str:
    if procedure.time_unit == TimeUnit.SAME_DAY:
        return "Trong ngày"
    return f"{procedure.time_value} {TIME_UNITS.get(procedure.time_unit, 'ngày')}"


def _person(user, label: str) -> str:
    position = getattr(user, "position", "") if user is not None else ""
    return f"{label}, {position}" if position else label


def _step(dossier: Dossier, *actions: str) -> Step | None:
    return dossier.steps.filter(action__in=actions).order_by("-at", "-id").first()


# --- The document ----------------------------------------------------------------------------------------------
class _Document(OfficialDocument):
    """A desk form: issued by the one-stop desk, the dossier code under it, a QR code to the lookup page."""

    def __init__(self, dossier: Dossier, form: str, qr_url: str) -> None:
        super().__init__(
            dossier.unit,
            note=f"Mã hồ sơ: {dossier.code}",
            office=DESK,
            title=f"{FORM_TITLES[form].capitalize()} - {dossier.code}",
            subject=f"Mẫu số {form} - {dossier.procedure.name}",
            author=_desk(dossier.unit),
        )
        self.dossier = dossier
        self.form = form
        self.qr_url = qr_url

    def form_title(self, subtitle: str = "") -> None:
        self.title(FORM_TITLES[self.form], subtitle)

    def applicant(self) -> None:
        d = self.dossier
        self.line("Địa chỉ: ", d.applicant_address)
        contact: list[tuple[str, str] | str] = ["Số điện thoại: ", d.applicant_phone]
        if d.applicant_email:
            contact += ["; thư điện tử: ", d.applicant_email]
        self.line(*contact)

    def request(self) -> None:
        d = self.dossier
        self.line("Nội dung yêu cầu giải quyết: ", (d.procedure.name, "B"))
        if d.request:
            self.free_text(d.request, indent=6)

    leading = LINE  # mm per line of `line`; Form 01 sets it a little tighter to keep to one page

    def line(self, *parts, indent: float = 0) -> None:
        pdf = self.pdf
        pdf.set_x(MARGIN_LEFT + indent)
        for part in parts:
            text, style = (part, "") if isinstance(part, str) else part
            pdf.set_font(FONT, style, BODY_SIZE)
            pdf.write(self.leading, text)
        pdf.ln(self.leading)

    def answers(self, answers: list[dict], *, size: float = 12, leading: float = 5.4) -> None:
        """The application's answers two to a row ("label: value", the value in bold), each wrapping within its
        half of the page: a birth registration's fifteen answers take eight rows, so Form 01 stays on one page."""
        pdf = self.pdf
        half = pdf.epw / 2
        limit = pdf.h - MARGIN_BOTTOM
        for i in range(0, len(answers), 2):
            top = pdf.get_y()
            if top + 2 * leading > limit:
                pdf.add_page()
                top = pdf.get_y()
            bottom = top
            for j, answer in enumerate(answers[i : i + 2]):
                left = MARGIN_LEFT + j * half
                pdf.set_left_margin(left)
                pdf.set_right_margin(pdf.w - left - half + 2)
                pdf.set_xy(left, top)
                pdf.set_font(FONT, "", size)
                pdf.write(leading, f"{answer['label']}: ")
                pdf.set_font(FONT, "B", size)
                pdf.write(leading, answer["value"])
                pdf.ln(leading)
                bottom = max(bottom, pdf.get_y())
            pdf.set_left_margin(MARGIN_LEFT)
            pdf.set_right_margin(MARGIN_RIGHT)
            pdf.set_y(bottom + 0.6)

    qr_drawn = False

    def beside_qr(self, draw) -> None:
        """`draw` the next lines with the QR code at their right (the text wraps before it), instead of at the
        foot of the page: Form 01's signatures then leave no page of its own to the QR code."""
        pdf = self.pdf
        room = QR_SIZE + 5
        if pdf.get_y() + room > pdf.h - MARGIN_BOTTOM:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_right_margin(MARGIN_RIGHT + room)
        draw()
        pdf.set_right_margin(MARGIN_RIGHT)
        bottom = pdf.get_y()
        self.qr(self.qr_url, QR_CAPTION, top=top + 1)
        self.qr_drawn = True
        pdf.set_xy(MARGIN_LEFT, max(bottom, top + room))

    def finish(self) -> bytes:
        if not self.qr_drawn:
            self.qr(self.qr_url, QR_CAPTION)
        return self.output()


# --- The forms -------------------------------------------------------------------------------------------------
def _form_01(doc: _Document, d: Dossier) -> None:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả. The appointment printed is the original one, even after an
    apology: the slip records what was promised at intake (the new date is on Form 04)."""
    assert d.received_at is not None  # every form is of a received dossier (available_forms)
    doc.heading(_local(d.received_at).date())
    doc.form_title()
    desk = _desk(d.unit)
    doc.leading = 6.0
    doc.line((desk, "B"), " tiếp nhận hồ sơ của: ", (d.applicant_name, "B"))
    doc.applicant()
    doc.request()
    if d.application:
        # What the citizen declared in the application, as typed (the procedure's fields, in order).
        doc.line(("Thông tin kê khai:", "B"))
        doc.answers(d.application)
    doc.line(("1. Thành phần hồ sơ nộp gồm:", "B"))
    # Exactly the papers the officer ticked as received, in the form and number received: the slip certifies them.
    received = [c for c in d.components.all() if c.present]
    doc.table(
        ("STT", "Tên giấy tờ", "Hình thức (bản chính, bản sao)", "Số lượng"),
        [
            (
                str(i),
                c.name,
                COPY_KINDS.get(c.received_kind or c.copy_kind, c.copy_kind),
                str(c.received_count or c.count),
            )
            for i, c in enumerate(received, start=1)
        ]
        or [("", "Không có giấy tờ kèm theo", "", "")],
        widths=(12, 92, 46, 20),
        aligns=("C", "L", "L", "C"),
    )

    received_at = time_and_date(d.received_at)

    def times() -> None:
        doc.line(("2. Số lượng hồ sơ: ", "B"), f"{d.sets:02d} (bộ)")
        doc.line(("3. Thời gian giải quyết hồ sơ theo quy định là: ", "B"), _time_limit(d.procedure))
        doc.line(("4. Thời gian nhận hồ sơ: ", "B"), received_at)
        doc.line(("5. Thời gian trả kết quả giải quyết hồ sơ: ", "B"), ("ngày " + _date(d.appointment), "B"))
        doc.line(("6. Đăng ký nhận kết quả tại: ", "B"), desk)

    doc.beside_qr(times)
    doc.line(("Vào Sổ theo dõi hồ sơ, Quyển số: ", "I"), "..........", (" Số thứ tự: ", "I"), "..........")
    receiver = _step(d, Action.ACCEPT)
    doc.signatures(
        Signature("NGƯỜI NỘP HỒ SƠ", name=d.applicant_name),
        Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=receiver.actor_name if receiver else ""),
    )


def _form_02(doc: _Document, d: Dossier) -> None:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: the latest request, its numbered items and the reason."""
    request = d.supplements.select_related("requested_by").order_by("-requested_at", "-id").first()
    assert request is not None  # Form 02 is offered once a supplement was requested (available_forms)
    doc.heading(_local(request.requested_at).date())
    doc.form_title()
    doc.line("Hồ sơ của: ", (d.applicant_name, "B"))
    doc.request()
    doc.applicant()
    doc.line(("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "B"))
    doc.numbered(request.items)
    doc.line(("Lý do: ", "B"), request.reason)
    officer = request.requested_by
    # The officer's own phone, else the unit's when it has one; never a dotted blank the citizen cannot call.
    phone = getattr(officer, "phone", "") or getattr(d.unit, "phone", "")
    doc.line(
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ",
        (str(officer), "B"),
        f", số điện thoại {phone} để được hướng dẫn." if phone else " để được hướng dẫn.",
    )
    doc.signatures(None, Signature("NGƯỜI HƯỚNG DẪN", name=str(officer)))


def _form_03(doc: _Document, d: Dossier) -> None:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    step = _step(d, Action.REFUSE)
    doc.heading(_local(step.at if step else d.finished_at or d.submitted_at).date())
    doc.form_title()
    desk = _desk(d.unit)
    doc.line((desk, "B"), " tiếp nhận hồ sơ của: ", (d.applicant_name, "B"))
    doc.applicant()
    doc.request()
    doc.line(
        "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, ",
        desk,
        " không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
    )
    doc.free_text(d.decision_note, indent=6)
    doc.line("Xin thông báo để ông/bà biết và thực hiện./.")
    doc.signatures(None, Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=step.actor_name if step else ""))


def _form_04(doc: _Document, d: Dossier) -> None:
    """Apology and request to extend the processing time (new appointment): the latest apology."""
    apology = d.apologies.order_by("-at", "-id").first()
    assert apology is not None  # Form 04 is offered once an apology was made (available_forms)
    body = committee(d.unit)
    doc.heading(_local(apology.at).date())
    doc.form_title("(Hẹn lại ngày trả kết quả)")
    doc.addressee(f"Ông/bà {d.applicant_name}")
    doc.para(
        f"Ngày {_date(d.received_at)}, {_desk(d.unit)} tiếp nhận hồ sơ của ông/bà đề nghị giải "
        "quyết thủ tục hành chính: ",
        (d.procedure.name, "B"),
        ". Mã hồ sơ: ",
        (d.code, "B"),
        ".",
    )
    doc.para("Thời hẹn trả kết quả giải quyết hồ sơ: ", ("ngày " + _date(d.appointment), "B"), ".")
    if apology.previous_appointment != d.appointment:
        doc.para("Ngày hẹn đã được điều chỉnh gần nhất: ", "ngày " + _date(apology.previous_appointment), ".")
    doc.para(f"Tuy nhiên, đến nay {body} chưa trả kết quả giải quyết hồ sơ cho ông/bà.")
    doc.para(("Lý do: ", "B"), apology.reason)
    doc.para(
        f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {body} trân trọng xin lỗi ông/bà và đề nghị gia hạn thời "
        "gian giải quyết hồ sơ; hẹn lại ngày trả kết quả: ",
        ("ngày " + _date(apology.new_appointment), "B"),
        ".",
    )
    doc.para("Rất mong nhận được sự thông cảm của ông/bà./.")
    doc.signatures(
        None,
        Signature("THỦ TRƯỞNG CƠ QUAN", hint=SIGN_SEAL_HINT),
        recipients=[f"- Ông/bà {d.applicant_name};", f"- {DESK};", "- Lưu: VT."],
    )


def _form_05(doc: _Document, d: Dossier) -> None:
    """Thông báo dừng giải quyết hồ sơ (new in Circular 03/2025), with the reason."""
    step = _step(d, Action.STOP)
    body = committee(d.unit)
    stopped_at = step.at if step else d.finished_at
    assert stopped_at is not None  # a stopped dossier is finished
    doc.heading(_local(stopped_at).date())
    doc.form_title()
    doc.addressee(f"Ông/bà {d.applicant_name}")
    doc.para(
        f"Ngày {_date(d.received_at)}, {_desk(d.unit)} tiếp nhận hồ sơ của ông/bà đề nghị giải "
        "quyết thủ tục hành chính: ",
        (d.procedure.name, "B"),
        ". Mã hồ sơ: ",
        (d.code, "B"),
        ".",
    )
    doc.para(f"{body} thông báo dừng giải quyết hồ sơ nêu trên.")
    doc.para(("Lý do: ", "B"), d.decision_note)
    doc.para(f"Nếu có vướng mắc, ông/bà liên hệ {_desk(d.unit)} để được hướng dẫn./.")
    doc.signatures(
        None,
        Signature("THỦ TRƯỞNG CƠ QUAN", hint=SIGN_SEAL_HINT),
        recipients=[f"- Ông/bà {d.applicant_name};", f"- {DESK};", "- Lưu: VT."],
    )


def _form_06(doc: _Document, d: Dossier) -> None:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-off, from the HandOff log, with room for the
    giver's and the receiver's signatures. Blank rows follow for hand-offs still to come."""
    assert d.received_at is not None  # every form is of a received dossier (available_forms)
    doc.heading(_local(d.received_at).date())
    doc.form_title()
    doc.line("Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ: ", (d.code, "B"))
    doc.line("Người nộp hồ sơ: ", (d.applicant_name, "B"), "; thủ tục: ", d.procedure.name)
    doc.line("Cơ quan (bộ phận) giải quyết hồ sơ: ", d.procedure.lead_unit)
    doc.line("Cơ quan phối hợp giải quyết hồ sơ: ", "................................................")
    doc.line("Hẹn trả kết quả: ", ("ngày " + _date(d.appointment), "B"))
    doc.pdf.ln(1)
    rows = []
    for handoff in d.handoffs.select_related("from_user", "to_user").order_by("at", "id"):
        giver = _person(handoff.from_user, handoff.from_label)
        taker = _person(handoff.to_user, handoff.to_label) if handoff.to_user_id else f"{DESK}"
        local = _local(handoff.at)
        rows.append(
            (
                f"Giao: {giver}\nNhận: {taker}",
                f"{local:%H:%M}\n{local:%d/%m/%Y}",
                "",
                "",
                STEP_RESULTS.get(handoff.result, ""),
                handoff.note,
            )
        )
    blanks = max(2, 4 - len(rows))
    rows += [("Giao:\nNhận:", "", "", "", "", "")] * blanks
    doc.table(
        (
            "Tên cơ quan, người giao - nhận",
            "Thời gian giao, nhận hồ sơ",
            "Người giao (ký)",
            "Người nhận (ký)",
            "Kết quả (trước hạn/ đúng hạn/ quá hạn)",
            "Ghi chú",
        ),
        rows,
        widths=(54, 24, 23, 23, 24, 22),
        aligns=("L", "C", "C", "C", "C", "L"),
        min_height=20,
        size=11.5,
    )
    doc.small_print(
        "Ghi chú: Trường hợp chuyển hồ sơ qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận "
        "thể hiện trong hóa đơn của cơ quan bưu chính."
    )


_BUILDERS = {"01": _form_01, "02": _form_02, "03": _form_03, "04": _form_04, "05": _form_05, "06": _form_06}
