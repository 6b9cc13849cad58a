"""The printable forms of the one-stop desk (Circular 03/2025/TT-VPCP, Appendix I; DOMAIN.md §1.5), as PDF.

Current numbering: 01 receipt and appointment slip · 02 request to supplement · 03 refusal · 04 apology and request
to extend the processing time · 05 notice stopping processing · 06 process control slip (07, the tracking book, is
in excel.py). Every form is A4 portrait with the issuing body and the national heading, the place and date, the title,
the dossier code and a QR code that opens the citizen's lookup page.

These are legal documents: every word printed is Vietnamese whatever the officer's interface language, and the
citizen ID number is never printed. Builders are pure: they read the dossier and return bytes.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache

import fontpkg
import qrcode
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from gandan.dossiers.models import Apology, CopyKind, Dossier, Step, SupplementRequest, TimeUnit
from gandan.dossiers.public import lookup_url
from gandan.dossiers.rules import Action, Status
from gandan.errors import DomainError

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

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DESK = "Bộ phận Một cửa"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
SIGN_SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"

COPY_KINDS = {
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
UNIT_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")

FONT = "CrimsonText"
BODY_SIZE = 13.5  # Crimson Text has a small x-height: 13.5 pt reads like 13 pt Times New Roman
LINE = 6.6  # mm per body line
MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM = 25, 15, 15, 15
QR_SIZE = 24  # mm


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
def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _date(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return "..../..../........"
    if isinstance(day, dt.datetime):
        day = _local(day).date()
    return day.strftime("%d/%m/%Y")


def _time_and_date(moment: dt.datetime) -> str:
    """The official wording: "09 giờ 30 phút, ngày 09/01/2026"."""
    local = _local(moment)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def date_line(place: str, day: dt.date) -> str:
    """Decree 30/2020: days below 10 and the months 1 and 2 are written with a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _place(unit) -> str:
    """"Xã Sông Lô" → "Sông Lô" for the place-and-date line."""
    for prefix in UNIT_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix):]
    return unit.name


def _province(unit) -> str:
    """"Phú Thọ" → "Tỉnh Phú Thọ"; a centrally-run city keeps its own name ("Thành phố Hà Nội")."""
    name = unit.province_name
    if not name or name.startswith(("Thành phố ", "Tỉnh ")):
        return name
    return f"Tỉnh {name}"


def issuing_body_lines(unit) -> list[str]:
    """The issuing body in the top-left corner: the province's and the commune's people's committees over the
    desk itself (the last line is printed bold)."""
    lines = []
    province = _province(unit)
    if province:
        lines.append(f"UBND {province}".upper())
    lines.append(f"UBND {unit.name}".upper())
    lines.append(DESK.upper())
    return lines


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
@cache
def _font_files() -> dict[str, str]:
    """The font files of the PyPI package fontpkg-crimson-text (OFL): static TTFs with every Vietnamese letter."""
    return {
        "": str(fontpkg.path("Crimson Text", weight=400)),
        "B": str(fontpkg.path("Crimson Text", weight=700)),
        "I": str(fontpkg.path("Crimson Text", weight=400, style="italic")),
        "BI": str(fontpkg.path("Crimson Text", weight=700, style="italic")),
    }


class _PDF(FPDF):
    def normalize_text(self, text: str) -> str:
        # The fonts carry precomposed letters only: decomposed input (NFD) would print loose accents.
        return super().normalize_text(unicodedata.normalize("NFC", text))

    def header(self) -> None:
        if self.page_no() > 1:  # Decree 30/2020: page numbers from the second page, centred at the top
            self.set_font(FONT, "", 11)
            self.set_y(7)
            self.cell(0, 5, str(self.page_no()), align=Align.C)
            self.set_y(MARGIN_TOP)


@dataclass(frozen=True)
class _Signature:
    title: str
    hint: str = SIGN_HINT
    name: str = ""


class _Document:
    def __init__(self, dossier: Dossier, form: str, qr_url: str) -> None:
        self.dossier = dossier
        self.unit = dossier.unit
        self.form = form
        self.qr_url = qr_url
        pdf = _PDF(orientation="P", unit="mm", format="A4")
        for style, path in _font_files().items():
            pdf.add_font(FONT, style, path)
        pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.set_lang("vi")
        pdf.set_title(f"{FORM_TITLES[form].capitalize()} - {dossier.code}")
        pdf.set_subject(f"Mẫu số {form} - {dossier.procedure.name}")
        pdf.set_author(f"{DESK} {_lower_first(self.unit.name)}")
        pdf.set_creator("Gần Dân")
        pdf.add_page()
        self.pdf = pdf

    # Layout pieces ------------------------------------------------------------------------------------------
    def heading(self, day: dt.date) -> None:
        """Issuing body (left), national heading (right), then the dossier code and the place and date."""
        pdf = self.pdf
        left_w, right_x = 74.0, MARGIN_LEFT + 72.0
        right_w = pdf.w - MARGIN_RIGHT - right_x
        top = pdf.t_margin
        lines = issuing_body_lines(self.unit)
        pdf.set_xy(MARGIN_LEFT, top)
        for i, line in enumerate(lines):
            pdf.set_font(FONT, "B" if i == len(lines) - 1 else "", 12)
            pdf.set_x(MARGIN_LEFT)
            pdf.multi_cell(left_w, 5.4, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", 12)
        rule = pdf.get_string_width(lines[-1]) / 2
        left_bottom = pdf.get_y() + 1.2
        pdf.set_line_width(0.3)
        pdf.line(MARGIN_LEFT + (left_w - rule) / 2, left_bottom, MARGIN_LEFT + (left_w + rule) / 2, left_bottom)

        pdf.set_xy(right_x, top)
        pdf.set_font(FONT, "B", 12)
        pdf.cell(right_w, 5.4, NATIONAL_NAME, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", 13)
        pdf.cell(right_w, 5.8, NATIONAL_MOTTO, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        motto = pdf.get_string_width(NATIONAL_MOTTO)
        right_bottom = pdf.get_y() + 0.8
        pdf.line(right_x + (right_w - motto) / 2, right_bottom, right_x + (right_w + motto) / 2, right_bottom)

        row = max(left_bottom, right_bottom) + 3
        pdf.set_xy(MARGIN_LEFT, row)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(left_w, 5.4, f"Mã hồ sơ: {self.dossier.code}", align=Align.C)
        pdf.set_xy(right_x, row)
        pdf.set_font(FONT, "I", 13)
        pdf.multi_cell(right_w, 5.6, date_line(_place(self.unit), day), align=Align.C)
        pdf.set_y(max(pdf.get_y(), row + 6) + 6)

    def title(self, subtitle: str = "") -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 7, FORM_TITLES[self.form], align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            pdf.set_font(FONT, "I", 13)
            pdf.multi_cell(0, 6.5, subtitle, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)

    def addressee(self) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY_SIZE + 0.5)
        width = pdf.get_string_width("Kính gửi: ") + pdf.get_string_width(f"Ông/bà {self.dossier.applicant_name}")
        pdf.set_x(max(MARGIN_LEFT, (pdf.w - width) / 2))
        pdf.write(LINE, "Kính gửi: ")
        pdf.set_font(FONT, "B", BODY_SIZE + 0.5)
        pdf.write(LINE, f"Ông/bà {self.dossier.applicant_name}")
        pdf.ln(LINE + 3)

    def line(self, *parts: tuple[str, str] | str, indent: float = 0) -> None:
        """One paragraph of label/value runs: ("text", style) pairs or plain regular strings; wraps at the margin."""
        pdf = self.pdf
        pdf.set_x(MARGIN_LEFT + indent)
        for part in parts:
            text, style = (part, "") if isinstance(part, str) else part
            pdf.set_font(FONT, style, BODY_SIZE)
            pdf.write(LINE, text)
        pdf.ln(LINE)

    def para(self, *parts: tuple[str, str] | str) -> None:
        """A paragraph of a letter: first line indented."""
        self.line(*parts, indent=10)

    def free_text(self, text: str, *, indent: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY_SIZE)
        for block in text.splitlines() or [""]:
            pdf.set_x(MARGIN_LEFT + indent)
            pdf.multi_cell(pdf.epw - indent, LINE, block, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

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

    def signatures(self, left: _Signature | None, right: _Signature | None, *, recipients: list[str] | None = None,
                   space: float = 24) -> None:
        """Two blocks side by side at the foot: titles in bold capitals, the hint in italics, room to sign, the
        printed name. `recipients` fills the left side with "Nơi nhận" instead of a signature."""
        pdf = self.pdf
        height = 6 + 5.6 + space + 6.5
        if pdf.get_y() + 4 + height > pdf.h - MARGIN_BOTTOM:
            pdf.add_page()
        top = pdf.get_y() + 4
        half = pdf.epw / 2
        for signature, x in ((left, MARGIN_LEFT), (right, MARGIN_LEFT + half)):
            if signature is None:
                continue
            pdf.set_xy(x, top)
            pdf.set_font(FONT, "B", 13)
            pdf.multi_cell(half, 6, signature.title, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "I", 12)
            pdf.multi_cell(half, 5.6, signature.hint, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if signature.name:
                pdf.set_xy(x, pdf.get_y() + space)
                pdf.set_font(FONT, "B", 13)
                pdf.multi_cell(half, 6.5, signature.name, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if recipients:
            pdf.set_xy(MARGIN_LEFT, top + 1)
            pdf.set_font(FONT, "BI", 12)
            pdf.cell(half, 5.5, "Nơi nhận:", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "", 11)
            for item in recipients:
                pdf.multi_cell(half - 10, 5, item, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_y(top + height)

    def qr(self) -> None:
        """The QR code at the foot of the last page, right, drawn as vector squares, and a link on it."""
        pdf = self.pdf
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(self.qr_url)
        code.make(fit=True)
        matrix = code.get_matrix()
        size = QR_SIZE
        x = pdf.w - MARGIN_RIGHT - size
        y = pdf.h - MARGIN_BOTTOM - size - 4
        if pdf.get_y() > y - 3:
            pdf.add_page()
        module = size / len(matrix)
        pdf.set_fill_color(0, 0, 0)
        for r, row in enumerate(matrix):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    pdf.rect(x + start * module, y + r * module, (c - start) * module, module, style="F")
                else:
                    c += 1
        pdf.link(x, y, size, size, self.qr_url)
        pdf.set_font(FONT, "I", 9)
        pdf.set_xy(x - 8, y + size + 0.5)
        pdf.cell(size + 8, 3.5, "Quét mã để tra cứu hồ sơ", align=Align.C)

    def finish(self) -> bytes:
        self.qr()
        return bytes(self.pdf.output())


# --- The forms -------------------------------------------------------------------------------------------------
def _form_01(doc: _Document, d: Dossier) -> None:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả. The appointment printed is the original one, even after an
    apology: the slip records what was promised at intake (the new date is on Form 04)."""
    doc.heading(_local(d.received_at).date())
    doc.title()
    desk = f"{DESK} {_lower_first(d.unit.name)}"
    doc.line((desk, "B"), " tiếp nhận hồ sơ của: ", (d.applicant_name, "B"))
    doc.applicant()
    doc.request()
    doc.line(("1. Thành phần hồ sơ nộp gồm:", "B"))
    components = list(d.components.all())
    present = [c for c in components if c.present]
    _table(
        doc,
        ("STT", "Tên giấy tờ", "Hình thức (bản chính, bản sao)", "Số lượng"),
        [(str(i), c.name, COPY_KINDS.get(c.copy_kind, c.copy_kind), str(c.count))
         for i, c in enumerate(present or components, start=1)],
        widths=(12, 92, 46, 20),
        aligns=("C", "L", "L", "C"),
    )
    doc.line(("2. Số lượng hồ sơ: ", "B"), f"{d.sets:02d} (bộ)")
    doc.line(("3. Thời gian giải quyết hồ sơ theo quy định là: ", "B"), _time_limit(d.procedure))
    doc.line(("4. Thời gian nhận hồ sơ: ", "B"), _time_and_date(d.received_at))
    doc.line(("5. Thời gian trả kết quả giải quyết hồ sơ: ", "B"), ("ngày " + _date(d.appointment), "B"))
    doc.line(("6. Đăng ký nhận kết quả tại: ", "B"), desk)
    doc.line(("Vào Sổ theo dõi hồ sơ, Quyển số: ", "I"), "..........", (" Số thứ tự: ", "I"), "..........")
    receiver = _step(d, Action.ACCEPT)
    doc.signatures(
        _Signature("NGƯỜI NỘP HỒ SƠ", name=d.applicant_name),
        _Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=receiver.actor_name if receiver else ""),
    )


def _form_02(doc: _Document, d: Dossier) -> None:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: the latest request, its numbered items and the reason."""
    request: SupplementRequest = d.supplements.select_related("requested_by").order_by("-requested_at", "-id").first()
    doc.heading(_local(request.requested_at).date())
    doc.title()
    doc.line("Hồ sơ của: ", (d.applicant_name, "B"))
    doc.request()
    doc.applicant()
    doc.line(("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "B"))
    for number, item in enumerate(request.items, start=1):
        doc.pdf.set_font(FONT, "", BODY_SIZE)
        doc.pdf.set_x(MARGIN_LEFT + 6)
        doc.pdf.multi_cell(doc.pdf.epw - 6, LINE, f"{number}. {item}", align=Align.L,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.line(("Lý do: ", "B"), request.reason)
    officer = request.requested_by
    phone = getattr(officer, "phone", "") or ".................."
    doc.line(
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ",
        (str(officer), "B"), f", số điện thoại {phone} để được hướng dẫn.",
    )
    doc.signatures(None, _Signature("NGƯỜI HƯỚNG DẪN", name=str(officer)))


def _form_03(doc: _Document, d: Dossier) -> None:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    step = _step(d, Action.REFUSE)
    doc.heading(_local(step.at if step else d.finished_at or d.submitted_at).date())
    doc.title()
    desk = f"{DESK} {_lower_first(d.unit.name)}"
    doc.line((desk, "B"), " tiếp nhận hồ sơ của: ", (d.applicant_name, "B"))
    doc.applicant()
    doc.request()
    doc.line(
        "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, ", desk,
        " không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
    )
    doc.free_text(d.decision_note, indent=6)
    doc.line("Xin thông báo để ông/bà biết và thực hiện./.")
    doc.signatures(None, _Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=step.actor_name if step else ""))


def _form_04(doc: _Document, d: Dossier) -> None:
    """Apology and request to extend the processing time (new appointment): the latest apology."""
    apology: Apology = d.apologies.order_by("-at", "-id").first()
    body = f"UBND {_lower_first(d.unit.name)}"
    doc.heading(_local(apology.at).date())
    doc.title("(Hẹn lại ngày trả kết quả)")
    doc.addressee()
    doc.para(
        f"Ngày {_date(d.received_at)}, {DESK} {_lower_first(d.unit.name)} tiếp nhận hồ sơ của ông/bà đề nghị giải "
        "quyết thủ tục hành chính: ", (d.procedure.name, "B"), ". Mã hồ sơ: ", (d.code, "B"), ".",
    )
    doc.para("Thời hẹn trả kết quả giải quyết hồ sơ: ", ("ngày " + _date(d.appointment), "B"), ".")
    if apology.previous_appointment != d.appointment:
        doc.para("Ngày hẹn đã được điều chỉnh gần nhất: ", "ngày " + _date(apology.previous_appointment), ".")
    doc.para(f"Tuy nhiên, đến nay {body} chưa trả kết quả giải quyết hồ sơ cho ông/bà.")
    doc.para(("Lý do: ", "B"), apology.reason)
    doc.para(
        f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {body} trân trọng xin lỗi ông/bà và đề nghị gia hạn thời "
        "gian giải quyết hồ sơ; hẹn lại ngày trả kết quả: ", ("ngày " + _date(apology.new_appointment), "B"), ".",
    )
    doc.para("Rất mong nhận được sự thông cảm của ông/bà./.")
    doc.signatures(
        None, _Signature("THỦ TRƯỞNG CƠ QUAN", hint=SIGN_SEAL_HINT),
        recipients=[f"- Ông/bà {d.applicant_name};", f"- {DESK};", "- Lưu: VT."],
    )


def _form_05(doc: _Document, d: Dossier) -> None:
    """Thông báo dừng giải quyết hồ sơ (new in Circular 03/2025), with the reason."""
    step = _step(d, Action.STOP)
    body = f"UBND {_lower_first(d.unit.name)}"
    doc.heading(_local(step.at if step else d.finished_at).date())
    doc.title()
    doc.addressee()
    doc.para(
        f"Ngày {_date(d.received_at)}, {DESK} {_lower_first(d.unit.name)} tiếp nhận hồ sơ của ông/bà đề nghị giải "
        "quyết thủ tục hành chính: ", (d.procedure.name, "B"), ". Mã hồ sơ: ", (d.code, "B"), ".",
    )
    doc.para(f"{body} thông báo dừng giải quyết hồ sơ nêu trên.")
    doc.para(("Lý do: ", "B"), d.decision_note)
    doc.para(f"Nếu có vướng mắc, ông/bà liên hệ {DESK} {_lower_first(d.unit.name)} để được hướng dẫn./.")
    doc.signatures(
        None, _Signature("THỦ TRƯỞNG CƠ QUAN", hint=SIGN_SEAL_HINT),
        recipients=[f"- Ông/bà {d.applicant_name};", f"- {DESK};", "- Lưu: VT."],
    )


def _form_06(doc: _Document, d: Dossier) -> None:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-off, from the HandOff log, with room for the
    giver's and the receiver's signatures. Blank rows follow for hand-offs still to come."""
    doc.heading(_local(d.received_at).date())
    doc.title()
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
        rows.append((
            f"Giao: {giver}\nNhận: {taker}",
            f"{local:%H:%M}\n{local:%d/%m/%Y}",
            "", "",
            STEP_RESULTS.get(handoff.result, ""),
            handoff.note,
        ))
    blanks = max(2, 4 - len(rows))
    rows += [("Giao:\nNhận:", "", "", "", "", "")] * blanks
    _table(
        doc,
        ("Tên cơ quan, người giao - nhận", "Thời gian giao, nhận hồ sơ", "Người giao (ký)", "Người nhận (ký)",
         "Kết quả (trước hạn/ đúng hạn/ quá hạn)", "Ghi chú"),
        rows,
        widths=(54, 24, 23, 23, 24, 22),
        aligns=("L", "C", "C", "C", "C", "L"),
        min_height=20,
        size=11.5,
    )
    doc.pdf.set_font(FONT, "I", 11)
    doc.pdf.multi_cell(
        0, 5.2,
        "Ghi chú: Trường hợp chuyển hồ sơ qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận "
        "thể hiện trong hóa đơn của cơ quan bưu chính.",
        align=Align.J, new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )


def _table(doc: _Document, head: tuple[str, ...], rows: list[tuple[str, ...]], *, widths: tuple[float, ...],
           aligns: tuple[str, ...], min_height: float | None = None, size: float = 12) -> None:
    pdf = doc.pdf
    pdf.set_font(FONT, "", size)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=widths, width=sum(widths), align=Align.L, text_align=aligns, line_height=size * 0.45,
        headings_style=FontFace(emphasis="BOLD"), padding=(1.2, 1.5), v_align="MIDDLE", repeat_headings=1,
    ) as table:
        heading = table.row()
        for text in head:
            heading.cell(text, align="C")
        for values in rows:
            row = table.row(min_height=min_height)
            for text in values:
                row.cell(text)
    pdf.ln(2)


_BUILDERS = {"01": _form_01, "02": _form_02, "03": _form_03, "04": _form_04, "05": _form_05, "06": _form_06}
